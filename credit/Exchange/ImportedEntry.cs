using Credit.Lists;

namespace Credit.Exchange;

/// <summary>
/// A list entry imported from another platform: read-only here, identified by its source and the source's id
/// (<see cref="SourceId"/>). A natural person is kept by the key of the ID number and shown masked; the number
/// itself is not stored (the source holds it). <see cref="RemovedOn"/>: the day the source took it off its list
/// (its 移出日期, its 状态 已移出, or its absence from a full file).
/// </summary>
public sealed record ImportedEntry(
    string Source,
    string SourceId,
    string ListKind,
    ListType ListType,
    string SubjectKey,
    string SubjectLabel,
    string SubjectName,
    SubjectKind SubjectKind,
    string ListingAuthority,
    string? LegalBasis,
    string? DecisionDocument,
    string? Conduct,
    DateOnly StartDate,
    DateOnly? EndDate,
    DateOnly? RemovedOn,
    bool Public,
    int SourceVersion)
{
    /// <summary>Whether the entry stands on <paramref name="day"/>: listed by then, neither removed nor ended.</summary>
    public bool StandsOn(DateOnly day) => StartDate <= day && RemovedOn is null && (EndDate is not { } end || end > day);

    /// <summary>What makes two imports of the entry the same content (the source version it was read under aside).</summary>
    public bool SameContentAs(ImportedEntry other) => this with { SourceVersion = 0 } == other with { SourceVersion = 0 };
}
