using System.Text.Json.Serialization;
using Credit.Lists;
using Credit.Measures;

namespace Credit.Catalogue;

/// <summary>What a fact an entry carries holds: free text (a case number) or 是/否 (a condition a measure may need).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FactKind>))]
public enum FactKind
{
    Text,
    YesNo,
}

/// <summary>A fact an entry of the item must carry (执行案号, 有履行能力但拒不履行 …), by the key the API uses and its Chinese name.</summary>
public sealed record EntryFact(string Key, string Name, FactKind Kind);

/// <summary>
/// A measure the item binds: to the listed subject when it is of one of <see cref="SubjectKinds"/>, to the
/// responsible persons in <see cref="Roles"/> (落实到人), and only when every YesNo fact named in <see cref="When"/>
/// is 是. <see cref="Binding"/>, where given, is the binding under this item's legal basis (a measure recommended in
/// general can be required by the law of one act).
/// </summary>
public sealed record BoundMeasure(
    string MeasureCode,
    IReadOnlyList<SubjectKind> SubjectKinds,
    IReadOnlyList<ResponsibleRole> Roles,
    IReadOnlyList<string> When,
    MeasureBinding? Binding = null);

/// <summary>Which entries that name no item are read as this one: a category containing a keyword, else a field; both empty, the list's fallback.</summary>
public sealed record Derivation(IReadOnlyList<string> CategoryKeywords, IReadOnlyList<string> Fields);

/// <summary>
/// One item of the catalogue of acts (失信行为清单 / 守信清单, 京政发〔2017〕15号 二(四)1–2): what conduct leads to
/// which list, by which criteria (认定标准) and legal basis, for how long, how soon it can be repaired, which facts an
/// entry must carry and which measures it binds under which conditions.
/// </summary>
public sealed record CatalogueItem(
    string Code,
    int Version,
    string Name,
    ListType ListType,
    string? Field,
    string Criteria,
    string LegalBasis,
    int DefaultPeriodMonths,
    int MaximumPeriodMonths,
    int MinimumRepairMonths,
    IReadOnlyList<EntryFact> Facts,
    IReadOnlyList<BoundMeasure> Measures,
    Derivation? DerivedFrom,
    bool Retired) : Storage.IVersioned<CatalogueItem>
{
    public CatalogueItem AsVersion(int version, bool retired) => this with { Version = version, Retired = retired };

    /// <summary>The value a YesNo fact holds when it is true.</summary>
    public const string Yes = "是";

    public const string No = "否";
}
