using Credit.Lists;

namespace Credit.Exchange;

/// <summary>A subject's code and name as an imported row gave them (a person's unmasked).</summary>
public sealed record SubjectAsRead(string Code, string Name);

/// <summary>
/// A list entry imported from another platform: read-only here, identified by its source and the source's id
/// (<see cref="SourceId"/>). A natural person is kept by the key of the ID number and shown masked; the number
/// itself is not stored (the source holds it). <see cref="RemovedOn"/>: the day the source took it off its list
/// (its 移出日期, its 状态 已移出, or its absence from a full file). <see cref="AsRead"/>: the subject's code and name as the row
/// gave them, held only while the row is imported (a response seals them in Beijing's list entry, as a department's own are);
/// <see cref="ResponseCase"/>: the case Beijing responded with (<see cref="ImportedEntryResponse"/>).
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
    int SourceVersion,
    [property: System.Text.Json.Serialization.JsonIgnore] SubjectAsRead? AsRead = null,
    string? ResponseCase = null)
{
    /// <summary>Whether the entry stands on <paramref name="day"/>: listed by then, neither removed nor ended.</summary>
    public bool StandsOn(DateOnly day) => StartDate <= day && RemovedOn is null && (EndDate is not { } end || end > day);

    /// <summary>What makes two imports of the entry the same content (the source version it was read under, the code as read and Beijing's response aside).</summary>
    public bool SameContentAs(ImportedEntry other) => Content == other.Content;

    ImportedEntry Content => this with { SourceVersion = 0, AsRead = null, ResponseCase = null };
}
