namespace Credit.Lists;

/// <summary>A list entry as a department sends it (JSON body or a row of an uploaded file), before any check.</summary>
public sealed record ListEntryDraft(
    string? ListType,
    string? SubjectCode,
    string? SubjectName,
    string? Category,
    string? Field,
    string? LegalBasis,
    string? DecisionDocument,
    string? StartDate,
    string? PeriodMonths,
    IReadOnlyList<ResponsiblePersonDraft>? ResponsiblePersons);

public sealed record ResponsiblePersonDraft(string? Role, string? Name, string? IdNumber);
