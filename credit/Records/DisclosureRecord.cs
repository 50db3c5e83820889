namespace Credit.Records;

/// <summary>
/// One accepted licensing or penalty decision. <see cref="Fields"/> holds the template columns by code,
/// dates normalised to ISO; the key is deterministic (department, kind, document number, subject),
/// so the same decision uploaded twice is the same record.
/// </summary>
public sealed record DisclosureRecord(
    RecordKey Key,
    RecordKind Kind,
    string DepartmentCode,
    string SubjectKey,
    string SubjectName,
    string DocumentNumber,
    DateOnly DecisionDate,
    DateOnly DisclosureDeadline,
    bool DeadlineIsEstimate,
    IReadOnlyDictionary<string, string> Fields,
    string ContentHash,
    long SourceRow);
