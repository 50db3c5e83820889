using Credit.Identifiers;
using Credit.Lists;

namespace Credit.Disclosure;

/// <summary>A responsible person of a listed legal person as published: role and name, never the ID number.</summary>
public sealed record PublicResponsiblePerson(ResponsibleRole Role, string RoleZh, string Name);

/// <summary>
/// The public copy of a red or black list entry (京政发〔2017〕15号 二(一)3: red and black lists are published through
/// 信用北京). A natural person's name keeps only its surname and its ID number at most its first 6 and last 4
/// characters, as in 双公示; responsible persons are named with their role, their ID numbers never published.
/// Published within the 7 working days after its start date that 双公示 gives a decision (<see cref="DisclosureDeadline"/>).
/// </summary>
public sealed record PublicListEntry(
    string EntryId,
    ListType ListType,
    string SubjectKey,
    string SubjectName,
    string SubjectCode,
    SubjectKind SubjectKind,
    string Category,
    string Field,
    string LegalBasis,
    string DecisionDocument,
    string InitiatingDepartment,
    string? InitiatingDepartmentName,
    DateOnly StartDate,
    DateOnly EndDate,
    string? CatalogueCode,
    IReadOnlyList<PublicResponsiblePerson> ResponsiblePersons,
    DateOnly DisclosureDeadline,
    bool DeadlineIsEstimate = false)
{
    /// <summary>Red and black lists are public by policy; the watch list (重点关注) is shared between departments only.</summary>
    public static bool IsPublished(ListType type) => type is ListType.Red or ListType.Black;

    public static PublicListEntry From(ListEntry entry, string? departmentName, DateOnly deadline, bool deadlineIsEstimate)
    {
        var person = entry.SubjectKind == SubjectKind.NaturalPerson;
        return new PublicListEntry(
            entry.Id, entry.ListType, entry.SubjectKey,
            person ? PersonalDataMasking.MaskName(entry.SubjectName) : entry.SubjectName,
            entry.SubjectLabel, entry.SubjectKind, entry.Category, entry.Field, entry.LegalBasis, entry.DecisionDocument,
            entry.InitiatingDepartment, departmentName, entry.StartDate, entry.EndDate, entry.CatalogueCode,
            [.. entry.ResponsiblePersons.Select(p => new PublicResponsiblePerson(p.Role, p.Role.ZhName(), p.Name))],
            deadline, deadlineIsEstimate);
    }
}

/// <summary>
/// What stays in public view where a list entry was, once it leaves its list: the reason (期限届满, 信用修复, 异议成立,
/// 激励中止) and the day, with the decision it ends.
/// </summary>
public sealed record PublicListNotice(
    string EntryId,
    ListType ListType,
    string SubjectKey,
    string SubjectName,
    string DecisionDocument,
    string InitiatingDepartment,
    string Reason,
    string ReasonZh,
    DateOnly RemovedOn,
    string Status = "removed");
