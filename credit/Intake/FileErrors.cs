using Credit.Records;

namespace Credit.Intake;

/// <summary>Errors about a whole file (row 0): it cannot be read at all, so no row of it goes in.</summary>
public static class FileErrors
{
    /// <summary>How much of a file's beginning tells what it is (a workbook, UTF-16, binary) before it is scanned: what <see cref="Sniff"/> reads.</summary>
    public const int SniffBytes = 4096;

    public static RowError UnknownKind(IReadOnlyList<string> headers) => new(
        0, null, string.Join(",", headers), "UNKNOWN_FILE_KIND",
        "无法识别文件类型：表头中应有“行政处罚决定书文号”(CF_WSH)或“行政许可决定文书号”(XK_WSH)之一，名单文件应有“名单类型”和“决定文书号”",
        "cannot tell the kind of file: the headers must contain either 行政处罚决定书文号 (CF_WSH) or 行政许可决定文书号 (XK_WSH), or for a list file 名单类型 and 决定文书号");

    /// <summary>A department's upload that is another platform's list file: those arrive through the exchange, never as an upload.</summary>
    public static RowError ExchangeFileInUploads() => new(
        0, null, null, "EXCHANGE_FILE",
        "这是信用平台之间交换的名单文件（含来源编号和名单种类），不能作为部门上传；交换文件放在 exchange/in/{来源}/",
        "this is a list file exchanged between credit platforms (it has a source id and a list kind column), not a department's upload; exchange files go to exchange/in/{source}/");

    /// <summary>An exchange file that is not a list of another platform (a 双公示 or a department's list file).</summary>
    public static RowError NotAnExchangeFile(Records.RecordKind? kind) => new(
        0, null, kind?.ToString(), "NOT_AN_EXCHANGE_FILE",
        "交换文件的表头应有“来源编号”(WB_ID)和“名单种类”(MD_ZL)（见 docs/exchange.md）",
        "an exchange file's headers must contain 来源编号 (WB_ID) and 名单种类 (MD_ZL) (see docs/exchange.md)");

    public static RowError UnsupportedFormat(string name) => new(
        0, null, name, "UNSUPPORTED_FORMAT",
        $"不支持的文件格式：{name}（应为.csv或.json）",
        $"unsupported file format: {name} (use .csv or .json)");

    public static RowError UnregisteredDepartment(string code) => new(
        0, null, code, "UNREGISTERED_DEPARTMENT",
        $"上传目录中的单位代码{code}未登记，请联系管理员登记本单位",
        $"the department code {code} of the upload folder is not registered; ask the administrator to register the department");

    public static RowError MalformedJson(string detail) => new(
        0, null, null, "MALFORMED_JSON",
        $"JSON格式错误：{detail}",
        $"the JSON is malformed: {detail}");

    public static RowError Workbook(string name) => new(
        0, null, name, "SPREADSHEET_NOT_SUPPORTED",
        $"{name}是Excel工作簿或压缩包，不是CSV：请在Excel中“另存为”CSV UTF-8（逗号分隔）后上传",
        $"{name} is an Excel workbook or a zip archive, not CSV: save the sheet as \"CSV UTF-8 (comma delimited)\" and upload that");

    public static RowError Utf16(string encoding) => new(
        0, null, encoding, "UNSUPPORTED_ENCODING",
        $"文件编码为{encoding}，不支持：请另存为UTF-8或GB18030（GBK）编码的CSV",
        $"the file is encoded in {encoding}, which is not accepted: save it as CSV in UTF-8 or GB18030 (GBK)");

    public static RowError Binary(long offset) => new(
        0, null, $"byte {offset}", "BINARY_CONTENT",
        $"文件第{offset}字节处为空字符（0x00），不是文本文件：请上传CSV或JSON文本",
        $"the file has a NUL byte (0x00) at byte {offset}: it is not a text file; upload CSV or JSON text");

    public static RowError Empty() => new(
        0, null, null, "EMPTY_FILE",
        "文件为空：第1行应为表头，其后每行一条记录",
        "the file is empty: the first row must be the header, then one record per row");

    /// <summary>What the first bytes of a file say it is, where that is something intake cannot read; null for text.</summary>
    public static RowError? Sniff(ReadOnlySpan<byte> head, string name) => head switch
    {
        [0x50, 0x4B, 0x03, 0x04, ..] or [0xD0, 0xCF, 0x11, 0xE0, ..] => Workbook(name),
        [0xFF, 0xFE, 0x00, 0x00, ..] => Utf16("UTF-32 LE"),
        [0x00, 0x00, 0xFE, 0xFF, ..] => Utf16("UTF-32 BE"),
        [0xFF, 0xFE, ..] => Utf16("UTF-16 LE"),
        [0xFE, 0xFF, ..] => Utf16("UTF-16 BE"),
        _ when head.IndexOf((byte)0) is var nul and >= 0 => Binary(nul),
        _ => null,
    };

    /// <summary>A row that spans several lines and has another number of cells than the header: a quote opened and not closed where it should be.</summary>
    public static RowError BrokenQuoting(long row, long firstLine, long lastLine, int cells, int headers) => new(
        row, null, $"lines {firstLine}-{lastLine}", "BROKEN_QUOTING",
        $"第{firstLine}行至第{lastLine}行被读成一行（{cells}列，表头{headers}列）：第{firstLine}行有未闭合的英文双引号，请检查引号",
        $"lines {firstLine} to {lastLine} read as one row ({cells} cells, the header has {headers}): a double quote opened on line {firstLine} is not closed; check the quotes");
}
