using System.Text;
using Credit.Testing;

namespace Credit.Tests.Hostile;

/// <summary>Files intake cannot read as records, uploaded under good names: what they are, and what the upload's status must say.</summary>
public static class HostileFiles
{
    static readonly string Header = Rows.Csv([Rows.Penalty()]).Split("\r\n")[0] + "\r\n";
    static readonly byte[] Good = Encoding.UTF8.GetBytes(Rows.Csv([Rows.Penalty("文件〔2024〕1号")]));

    public static IReadOnlyDictionary<string, (byte[] Content, string FileName, string State, string Code)> All { get; } =
        new Dictionary<string, (byte[], string, string, string)>
        {
            ["zip named .csv"] = ([0x50, 0x4B, 0x03, 0x04, .. Good], "zip.csv", "rejected", "SPREADSHEET_NOT_SUPPORTED"),
            ["old Excel named .csv"] = ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. Good], "xls.csv", "rejected", "SPREADSHEET_NOT_SUPPORTED"),
            ["UTF-16 LE with BOM"] = ([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Header)], "utf16le.csv", "rejected", "UNSUPPORTED_ENCODING"),
            ["UTF-16 BE with BOM"] = ([.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Header)], "utf16be.csv", "rejected", "UNSUPPORTED_ENCODING"),
            ["UTF-16 JSON"] = ([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("[]")], "utf16.json", "rejected", "UNSUPPORTED_ENCODING"),
            ["binary garbage"] = ([.. Enumerable.Range(0, 512).Select(i => (byte)(i * 37 % 256))], "garbage.csv", "rejected", "BINARY_CONTENT"),
            ["NUL deep in a good file"] = ([.. Good, .. Encoding.UTF8.GetBytes(new string('x', 8000)), 0, .. Good], "nul.csv", "rejected", "BINARY_CONTENT"),
            ["empty CSV"] = ([], "empty.csv", "rejected", "EMPTY_FILE"),
            ["empty JSON"] = ([], "empty.json", "rejected", "EMPTY_FILE"),
            ["blank lines"] = (Encoding.UTF8.GetBytes("\r\n\r\n\n"), "blank.csv", "rejected", "EMPTY_FILE"),
            ["unknown headers"] = (Encoding.UTF8.GetBytes("name,amount\r\nx,1\r\n"), "unknown.csv", "rejected", "UNKNOWN_FILE_KIND"),
            ["JSON object, not array"] = (Encoding.UTF8.GetBytes("{\"行政相对人名称\":\"x\"}"), "object.json", "rejected", "MALFORMED_JSON"),
            ["JSON cut short"] = (Encoding.UTF8.GetBytes("[{\"行政相对人名称\":"), "cut.json", "rejected", "MALFORMED_JSON"),
            ["header only"] = (Encoding.UTF8.GetBytes(Header), "header-only.csv", "completed", "no rows"),
        };
}
