using System.Collections.Frozen;
using Credit.Records;

namespace Credit.Exchange;

/// <summary>
/// The columns of a list file another platform sends (CSV or JSON, docs/exchange.md): the national platform's
/// fields for a listed subject, plus the source's own id of the entry (<see cref="SourceId"/>), which keeps a
/// re-sent or changed row the same entry. A header may be the Chinese name or the code.
/// </summary>
public static class ImportedEntryColumns
{
    public const string SourceId = "WB_ID";
    public const string ListKind = "MD_ZL";
    public const string SubjectName = "ZTMC";
    public const string SubjectCode = "ZTDM";
    public const string ListingAuthority = "RDDW";
    public const string LegalBasis = "RDYJ";
    public const string DecisionDocument = "RDWSH";
    public const string Conduct = "LRSY";
    public const string StartDate = "LRRQ";
    public const string EndDate = "YCRQ";
    public const string State = "ZT";

    /// <summary>状态 of an entry the source has taken off its list.</summary>
    public const string Removed = "已移出";

    /// <summary>状态 of an entry in force (also what an empty 状态 means).</summary>
    public const string InForce = "有效";

    public static IReadOnlyList<FieldSpec> Fields { get; } =
    [
        new(SourceId, "来源编号", true, MaxLength: 64),
        new(ListKind, "名单种类", true, MaxLength: 32),
        new(SubjectName, "主体名称", true, MaxLength: 200),
        new(SubjectCode, "主体代码", true, MaxLength: 18),
        new(ListingAuthority, "认定单位", true, MaxLength: 200),
        new(LegalBasis, "认定依据", false, MaxLength: 2048, MultiLine: true),
        new(DecisionDocument, "认定文书号", false, MaxLength: 128),
        new(Conduct, "列入事由", false, MaxLength: 2048, MultiLine: true),
        new(StartDate, "列入日期", true, FieldType.Date),
        new(EndDate, "移出日期", false, FieldType.Date),
        new(State, "状态", false, MaxLength: 8),
    ];

    static readonly FrozenDictionary<string, FieldSpec> ByHeader = Fields
        .SelectMany(f => new[] { (HeaderText.Normalize(f.Name), f), (f.Code, f) })
        .ToFrozenDictionary(p => p.Item1, p => p.Item2, StringComparer.OrdinalIgnoreCase);

    public static FieldSpec? FieldForHeader(string header) => ByHeader.GetValueOrDefault(HeaderText.Normalize(header));

    /// <summary>An exchange file names the source's id of each entry and its list kind.</summary>
    public static bool Recognise(IEnumerable<string> headers)
    {
        var codes = headers.Select(h => FieldForHeader(h)?.Code).ToHashSet();
        return codes.Contains(SourceId) && codes.Contains(ListKind);
    }
}
