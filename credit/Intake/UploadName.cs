using Credit.Records;

namespace Credit.Intake;

/// <summary>
/// What an uploaded file may be called: 1–200 characters of letters (any script), digits, spaces and
/// <c>- _ . ( ) （ ）</c>, not starting with a dot or a space, ending in .csv or .json. No path segments: the name
/// becomes a blob name, a table key and part of a report's name, and departments read it back in every answer.
/// </summary>
public static class UploadName
{
    public const int MaxLength = 200;
    const string Allowed = "letters, digits, spaces and - _ . ( ) （ ）";

    /// <summary>Null for a name intake takes, else why not (code and message in Chinese and English).</summary>
    public static RowError? Check(string name)
    {
        if (name.Length is 0 or > MaxLength)
        {
            return Refuse(name, "INVALID_FILE_NAME", $"文件名长度应为1至{MaxLength}个字符，实际为{name.Length}个", $"a file name has 1 to {MaxLength} characters, this one has {name.Length}");
        }

        if (name.IndexOfAny(['/', '\\']) >= 0 || name.Contains("..", StringComparison.Ordinal))
        {
            return Refuse(name, "INVALID_FILE_NAME", "文件名不能包含路径（/、\\ 或 ..）", "a file name may not contain a path (/, \\ or ..)");
        }

        var bad = FirstNotAllowed(name);
        if (bad >= 0 || name[0] is '.' or ' ')
        {
            var at = bad >= 0 ? bad : 0;
            var codePoint = $"U+{(int)name[at]:X4}";
            return Refuse(name, "INVALID_FILE_NAME",
                $"文件名第{at + 1}个字符{codePoint}不允许；文件名只能包含字母、数字、空格和 - _ . ( ) （ ），且不能以点或空格开头",
                $"character {at + 1} ({codePoint}) of the file name is not allowed: use {Allowed}, not starting with a dot or a space");
        }

        var extension = Path.GetExtension(name).ToLowerInvariant();
        return extension switch
        {
            ".csv" or ".json" => null,
            ".xlsx" or ".xls" or ".xlsm" or ".et" => Refuse(name, "SPREADSHEET_NOT_SUPPORTED",
                "不接受Excel工作簿：请在Excel中“另存为”CSV UTF-8（逗号分隔）后上传", "Excel workbooks are not accepted: save the sheet as \"CSV UTF-8 (comma delimited)\" and upload that"),
            _ => Refuse(name, "UNSUPPORTED_FORMAT", $"文件名应以.csv或.json结尾，实际为“{extension}”", $"the file name must end in .csv or .json, not '{extension}'"),
        };
    }

    static RowError Refuse(string name, string code, string zh, string en) =>
        new(0, null, name.Length > MaxLength ? name[..MaxLength] + "…" : name, code, zh, en);

    static int FirstNotAllowed(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            if (!char.IsLetterOrDigit(name[i]) && "-_.() （）".IndexOf(name[i], StringComparison.Ordinal) < 0)
            {
                return i;
            }
        }

        return -1;
    }
}
