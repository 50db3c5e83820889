using System.Text.Json.Serialization;

namespace Credit.Measures;

/// <summary>强制性 (must be applied by law) or 推荐性 (applied as circumstances allow).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MeasureBinding>))]
public enum MeasureBinding
{
    Mandatory,
    Recommended,
}

/// <summary>行政性 / 市场性 / 社会性.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MeasureCategory>))]
public enum MeasureCategory
{
    Administrative,
    Market,
    Social,
}

/// <summary>
/// One row of the 北京市信用联合奖惩措施清单. <see cref="Implementers"/> name departments by their 统一社会信用代码 or by
/// their registered name ("*": every registered department). List types, fields (empty: every field), subject kinds
/// and <see cref="BindsResponsiblePersons"/> are the measure's outer bounds: the catalogue of acts
/// (<see cref="Catalogue.CatalogueItem"/>) says when, within them, an entry is bound by it.
/// </summary>
public sealed record Measure(
    string Code,
    int Version,
    string Name,
    MeasureBinding Binding,
    MeasureCategory Category,
    IReadOnlyList<string> Implementers,
    string LegalBasis,
    IReadOnlyList<Lists.ListType> ListTypes,
    IReadOnlyList<string> Fields,
    IReadOnlyList<Lists.SubjectKind> SubjectKinds,
    bool BindsResponsiblePersons,
    bool Retired) : Storage.IVersioned<Measure>
{
    public const string EveryDepartment = "*";

    public Measure AsVersion(int version, bool retired) => this with { Version = version, Retired = retired };

    public bool AppliesTo(Lists.ListType listType, string field, Lists.SubjectKind kind) =>
        !Retired && ListTypes.Contains(listType) && (Fields.Count == 0 || Fields.Contains(field)) && SubjectKinds.Contains(kind);
}
