using Credit.Records;

namespace Credit.Intake;

/// <summary>Errors about a whole file (row 0): it cannot be read at all, so no row of it goes in.</summary>
public static class FileErrors
{
    public static RowError UnknownKind(IReadOnlyList<string> headers) => new(
        0, null, string.Join(",", headers), "UNKNOWN_FILE_KIND",
        "无法识别文件类型：表头中应有“行政处罚决定书文号”(CF_WSH)或“行政许可决定文书号”(XK_WSH)之一，名单文件应有“名单类型”和“决定文书号”",
        "cannot tell the kind of file: the headers must contain either 行政处罚决定书文号 (CF_WSH) or 行政许可决定文书号 (XK_WSH), or for a list file 名单类型 and 决定文书号");

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
}
