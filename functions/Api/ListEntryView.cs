using Credit.Lists;
using Credit.Records;

namespace Credit.Functions.Api;

/// <summary>
/// A list entry and its standing, as its department and the office read it (a person's ID masked); an entry stored before
/// the catalogue names no item (it is read under the one its list type, category and field derive). A response to an
/// imported entry names it ("{source}/{source id}", GET /api/exchange/sources/{source}/entries/{id}) and, once its source
/// removed it, the day.
/// </summary>
public sealed record ListEntryView(
    string EntryId,
    string CaseId,
    ListType ListType,
    string SubjectCode,
    string SubjectName,
    SubjectKind SubjectKind,
    string InitiatingDepartment,
    string Category,
    string Field,
    string? CatalogueCode,
    int? CatalogueVersion,
    IReadOnlyDictionary<string, string> Facts,
    string LegalBasis,
    string DecisionDocument,
    string StartDate,
    int PeriodMonths,
    string EndDate,
    IReadOnlyList<ResponsiblePersonView> ResponsiblePersons,
    bool Active,
    string? EndReason,
    string? EndedOn,
    string? ImportedFrom,
    string? RemovedAtSource)
{
    public static ListEntryView Of(ListEntry entry, ListEntryStatus status) => new(
        entry.Id, entry.Id, entry.ListType, entry.SubjectLabel, entry.SubjectName, entry.SubjectKind, entry.InitiatingDepartment, entry.Category, entry.Field,
        entry.CatalogueCode, entry.CatalogueCode is null ? null : entry.CatalogueVersion, entry.Facts ?? new Dictionary<string, string>(),
        entry.LegalBasis, entry.DecisionDocument, DateText.ToIso(entry.StartDate), entry.PeriodMonths, DateText.ToIso(entry.EndDate),
        [.. entry.ResponsiblePersons.Select(p => new ResponsiblePersonView(p.Role, p.Role.ZhName(), p.Name, p.MaskedIdNumber))],
        status.Active, status.EndReason, status.EndedOn is { } ended ? DateText.ToIso(ended) : null,
        entry.ImportedFrom, status.RemovedAtSource is { } removed ? DateText.ToIso(removed) : null);
}

/// <summary>An amendment received (202): the entry as amended; the same amendment sent again (its Idempotency-Key) is taken as already made.</summary>
public sealed record AmendmentAnswer(ListEntryView Entry, bool AlreadyTaken, string? Code, string? Message, string? MessageZh);

public sealed record ResponsiblePersonView(ResponsibleRole Role, string RoleZh, string Name, string IdNumber);
