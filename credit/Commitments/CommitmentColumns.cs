using System.Collections.Frozen;
using Credit.Records;

namespace Credit.Commitments;

/// <summary>
/// The columns of an uploaded commitments file (CSV or JSON, the fourth kind of upload, issue 20): each column has a
/// Chinese header, a code and the name the HTTP API uses. The missing items of a 容缺 commitment share one column,
/// separated by ；(消防验收意见书；环评批复).
/// </summary>
public static class CommitmentColumns
{
    const string Kind = "CN_LX";
    const string Reference = "CN_SXBH";
    const string MissingItems = "CN_RQCL";
    static readonly char[] ItemSeparators = ['；', ';', '\n'];

    static readonly (FieldSpec Field, string ApiName)[] Columns =
    [
        (new(Kind, "承诺类型", true), "kind"),
        (new("CN_ZTMC", "主体名称", true), "subjectName"),
        (new("CN_ZTDM", "主体代码", true), "subjectCode"),
        (new(Reference, "承诺事项编号", true), "reference"),
        (new("CN_NR", "承诺内容", true), "text"),
        (new("CN_RQ", "承诺日期", true, FieldType.Date), "takenOn"),
        (new(MissingItems, "容缺材料", false), "missingItems"),
        (new("CN_BJQX", "补交期限", false, FieldType.Date), "dueDate"),
        (new("CN_GK", "是否公开", false), "public"),
    ];

    static readonly FrozenDictionary<string, FieldSpec> ByHeader = Columns
        .SelectMany(c => new[] { (HeaderText.Normalize(c.Field.Name), c.Field), (c.Field.Code, c.Field), (c.ApiName, c.Field) })
        .ToFrozenDictionary(p => p.Item1, p => p.Item2, StringComparer.OrdinalIgnoreCase);

    static readonly FrozenDictionary<string, string> ApiNameByCode = Columns.ToFrozenDictionary(c => c.Field.Code, c => c.ApiName, StringComparer.Ordinal);

    public static FieldSpec? FieldForHeader(string header) => ByHeader.GetValueOrDefault(HeaderText.Normalize(header));

    /// <summary>A commitments file names the commitment's kind and the reference it was taken under.</summary>
    public static bool Recognise(IEnumerable<string> headers)
    {
        var codes = headers.Select(h => FieldForHeader(h)?.Code).ToHashSet();
        return codes.Contains(Kind) && codes.Contains(Reference);
    }

    /// <summary>
    /// The row as a draft commitment, and for each of the draft's field names (the API's) the header it came from, so
    /// that an error is reported where it is, and the errors of cells a draft cannot hold: 是否公开 is 是/否 or
    /// true/false (YesNoText), or empty (not said); anything else is reported, not guessed.
    /// </summary>
    public static (CommitmentDraft Draft, Func<string, string?> HeaderOf, IReadOnlyList<RowError> CellErrors) ToDraft(RawRow row)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cell in row.Cells)
        {
            if (cell.Field is { } field && ApiNameByCode.TryGetValue(field.Code, out var apiName))
            {
                values[apiName] = cell.Value.Trim();
                headers[apiName] = cell.Header;
            }
        }

        string? Value(string apiName) => values.GetValueOrDefault(apiName) is { Length: > 0 } v ? v : null;
        string HeaderOf(string apiName) => headers.GetValueOrDefault(apiName) ?? apiName;
        var cellErrors = new List<RowError>();
        var isPublic = Value("public") is { } publicText ? YesNoText.Parse(publicText) : null;
        if (Value("public") is { } unread && isPublic is null)
        {
            cellErrors.Add(new RowError(row.Number, HeaderOf("public"), unread, "INVALID_YES_NO",
                $"“{TextRules.Echo(unread)}”不是“是”或“否”", $"'{TextRules.Echo(unread)}' is not 是 or 否 (yes or no)"));
        }

        var missing = Value("missingItems")?.Split(ItemSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var draft = new CommitmentDraft(Value("subjectCode"), Value("subjectName"), Value("kind"), Value("reference"), Value("text"), isPublic, Value("takenOn"), missing, Value("dueDate"));
        return (draft, HeaderOf, cellErrors);
    }
}
