using System.Text;

namespace Credit.Intake;

public static class FileEncodings
{
    /// <summary>GB18030 (code page 54936), the superset of GBK/GB2312 that Chinese office software exports.</summary>
    public static Encoding Gb18030 { get; } = CodePagesEncodingProvider.Instance.GetEncoding(54936)
        ?? throw new InvalidOperationException("GB18030 is not available from the code pages provider.");

    public static Encoding ByName(string webName) =>
        string.Equals(webName, Encoding.UTF8.WebName, StringComparison.OrdinalIgnoreCase) ? new UTF8Encoding(false) : Gb18030;
}
