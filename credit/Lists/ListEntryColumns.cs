using System.Collections.Frozen;
using Credit.Records;

namespace Credit.Lists;

/// <summary>
/// The columns of an uploaded red/black list file (CSV or JSON, the third kind of upload): each column has a
/// Chinese header, a code and the name the HTTP API uses. Responsible persons are flat pairs of columns, one pair
/// per role (name, ID number). The facts a catalogue item asks for share one column, as 名称=值 pairs separated by
/// ；(有履行能力但拒不履行=是；执行案号=(2025)京0105执1号).
/// </summary>
public static class ListEntryColumns
{
    public const string ListType = "MD_LX";
    public const string DecisionDocument = "MD_JDWSH";
    const string FactsColumn = "MD_RDSS";
    static readonly char[] FactSeparators = ['；', ';', '\n'];
    static readonly char[] FactAssignments = ['=', '＝', '：', ':'];

    static readonly (FieldSpec Field, string ApiName)[] Columns =
    [
        (new(ListType, "名单类型", true), "listType"),
        (new("MD_ZTMC", "主体名称", true), "subjectName"),
        (new("MD_ZTDM", "主体代码", true), "subjectCode"),
        (new("MD_XWDM", "行为清单代码", false), "catalogueCode"),
        (new(FactsColumn, "认定事实", false), "facts"),
        (new("MD_LRLB", "列入类别", false), "category"),
        (new("MD_LY", "领域", false), "field"),
        (new("MD_LRYJ", "列入依据", true), "legalBasis"),
        (new(DecisionDocument, "决定文书号", true), "decisionDocument"),
        (new("MD_LRRQ", "列入日期", true, FieldType.Date), "startDate"),
        (new("MD_QX", "期限(月)", false), "periodMonths"),
        (new("MD_FDDBR", "法定代表人", false), "legalRepresentative"),
        (new("MD_FDDBR_ZJHM", "法定代表人身份证号", false, IsPersonalId: true), "legalRepresentativeIdNumber"),
        (new("MD_ZYFZR", "主要负责人", false), "principalOfficer"),
        (new("MD_ZYFZR_ZJHM", "主要负责人身份证号", false, IsPersonalId: true), "principalOfficerIdNumber"),
        (new("MD_SJKZR", "实际控制人", false), "actualController"),
        (new("MD_SJKZR_ZJHM", "实际控制人身份证号", false, IsPersonalId: true), "actualControllerIdNumber"),
        (new("MD_ZJZRR", "直接责任人员", false), "directlyResponsible"),
        (new("MD_ZJZRR_ZJHM", "直接责任人员身份证号", false, IsPersonalId: true), "directlyResponsibleIdNumber"),
        (new("BZ", "备注", false), "remarks"),
    ];

    static readonly (ResponsibleRole Role, string Name, string IdNumber)[] PersonColumns =
    [
        (ResponsibleRole.LegalRepresentative, "MD_FDDBR", "MD_FDDBR_ZJHM"),
        (ResponsibleRole.PrincipalOfficer, "MD_ZYFZR", "MD_ZYFZR_ZJHM"),
        (ResponsibleRole.ActualController, "MD_SJKZR", "MD_SJKZR_ZJHM"),
        (ResponsibleRole.DirectlyResponsible, "MD_ZJZRR", "MD_ZJZRR_ZJHM"),
    ];

    static readonly FrozenDictionary<string, FieldSpec> ByHeader = Columns
        .SelectMany(c => new[] { (HeaderText.Normalize(c.Field.Name), c.Field), (c.Field.Code, c.Field), (c.ApiName, c.Field) })
        .ToFrozenDictionary(p => p.Item1, p => p.Item2, StringComparer.OrdinalIgnoreCase);

    static readonly FrozenDictionary<string, string> CodeByApiName = Columns.ToFrozenDictionary(c => c.ApiName, c => c.Field.Code, StringComparer.Ordinal);

    public static FieldSpec? FieldForHeader(string header) => ByHeader.GetValueOrDefault(HeaderText.Normalize(header));

    /// <summary>A list file names its list type and decision document.</summary>
    public static bool Recognise(IEnumerable<string> headers)
    {
        var codes = headers.Select(h => FieldForHeader(h)?.Code).ToHashSet();
        return codes.Contains(ListType) && codes.Contains(DecisionDocument);
    }

    /// <summary>The row as a draft entry, and for each of the draft's field names the header it came from (to report errors where they are).</summary>
    public static (ListEntryDraft Draft, Func<string, string?> HeaderOf) ToDraft(RawRow row)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cell in row.Cells)
        {
            if (cell.Field is { } field)
            {
                values[field.Code] = cell.Value.Trim();
                headers[field.Code] = cell.Header;
            }
        }

        string? Value(string code) => values.GetValueOrDefault(code) is { Length: > 0 } v ? v : null;
        var persons = new List<(ResponsiblePersonDraft Draft, string Name, string IdNumber)>();
        foreach (var (role, name, idNumber) in PersonColumns)
        {
            if (Value(name) is not null || Value(idNumber) is not null)
            {
                persons.Add((new ResponsiblePersonDraft(role.ToString(), Value(name), Value(idNumber)), name, idNumber));
            }
        }

        var draft = new ListEntryDraft(
            Value(ListType), Value("MD_ZTDM"), Value("MD_ZTMC"), Value("MD_LRLB"), Value("MD_LY"), Value("MD_LRYJ"), Value(DecisionDocument),
            Value("MD_LRRQ"), Value("MD_QX"), [.. persons.Select(p => p.Draft)], Value("MD_XWDM"), Facts(Value(FactsColumn)));

        string? HeaderOf(string apiName)
        {
            // responsiblePersons[i].name / .idNumber → that person's column
            if (apiName.StartsWith("responsiblePersons[", StringComparison.Ordinal) && int.TryParse(apiName.AsSpan(19, apiName.IndexOf(']', StringComparison.Ordinal) - 19), out var i) && i < persons.Count)
            {
                var code = apiName.EndsWith(".idNumber", StringComparison.Ordinal) ? persons[i].IdNumber : persons[i].Name;
                return headers.GetValueOrDefault(code, code);
            }

            if (apiName.StartsWith("facts.", StringComparison.Ordinal))
            {
                return $"{headers.GetValueOrDefault(FactsColumn, FactsColumn)}.{apiName[6..]}";
            }

            return CodeByApiName.TryGetValue(apiName, out var field) ? headers.GetValueOrDefault(field, field) : apiName;
        }

        return (draft, HeaderOf);
    }

    /// <summary>名称=值；名称=值 as facts; a part without a value is kept with none, so that the validator names it.</summary>
    static Dictionary<string, string?>? Facts(string? cell)
    {
        if (cell is null)
        {
            return null;
        }

        var facts = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var part in cell.Split(FactSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var at = part.IndexOfAny(FactAssignments);
            facts[at < 0 ? part : part[..at].Trim()] = at < 0 ? null : part[(at + 1)..].Trim();
        }

        return facts;
    }
}
