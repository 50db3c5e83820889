namespace Credit.Lists;

/// <summary>A responsible person of a listed legal person; the ID number is kept privately and keyed by its hash.</summary>
public sealed record ResponsiblePerson(ResponsibleRole Role, string Name, string IdNumber, string SubjectKey)
{
    public string MaskedIdNumber => Identifiers.ResidentIdNumber.Mask(IdNumber);
}

/// <summary>
/// A red, black or watch list entry. Its id (also the id of its joint case) comes from what identifies it: initiating
/// department, list type, subject and decision document, so the same entry twice is one entry and one case. It
/// stands under one version of a catalogue item (<see cref="CatalogueCode"/>, <see cref="CatalogueVersion"/>) with
/// the facts that item asks for; an entry stored before entries named an item has neither (see
/// <see cref="Catalogue.ConductCatalogue.ItemForAsync"/>). <see cref="ImportedFrom"/>: "{source}/{source id}" of the
/// imported entry Beijing responded to (响应, <see cref="Exchange.ImportedEntryResponse"/>); null for a department's own entry.
/// </summary>
public sealed record ListEntry(
    string Id,
    string InitiatingDepartment,
    ListType ListType,
    string SubjectCode,
    string SubjectKey,
    string SubjectName,
    SubjectKind SubjectKind,
    string Category,
    string Field,
    string LegalBasis,
    string DecisionDocument,
    DateOnly StartDate,
    int PeriodMonths,
    IReadOnlyList<ResponsiblePerson> ResponsiblePersons,
    string? CatalogueCode = null,
    int CatalogueVersion = 0,
    IReadOnlyDictionary<string, string>? Facts = null,
    string? ImportedFrom = null)
{
    /// <summary>Whether the entry carries the YesNo fact as 是.</summary>
    public bool Holds(string factKey) => Facts?.GetValueOrDefault(factKey) == Catalogue.CatalogueItem.Yes;

    /// <summary>The first day the entry no longer applies (惩戒期限届满).</summary>
    public DateOnly EndDate => StartDate.AddMonths(PeriodMonths);

    /// <summary>The subject as shown to departments: a natural person's ID number masked.</summary>
    public string SubjectLabel => SubjectKind == SubjectKind.NaturalPerson ? Identifiers.ResidentIdNumber.Mask(SubjectCode) : SubjectCode;

    /// <summary>Whether the content a department sent matches this entry (a second identical POST is the same entry).</summary>
    public bool SameContentAs(ListEntry other) =>
        Id == other.Id && SubjectName == other.SubjectName && Category == other.Category && Field == other.Field
        && LegalBasis == other.LegalBasis && StartDate == other.StartDate && PeriodMonths == other.PeriodMonths && CatalogueCode == other.CatalogueCode
        && (Facts ?? Empty).OrderBy(f => f.Key, StringComparer.Ordinal).SequenceEqual((other.Facts ?? Empty).OrderBy(f => f.Key, StringComparer.Ordinal))
        && ResponsiblePersons.Select(p => (p.Role, p.SubjectKey)).SequenceEqual(other.ResponsiblePersons.Select(p => (p.Role, p.SubjectKey)));

    static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
