using System.Text.Json.Serialization;

namespace Credit.DishonestyReports;

/// <summary>Where a report of dishonesty is: filed (with the office to triage), with a department to decide, or decided.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReportState>))]
public enum ReportState
{
    Filed,
    Assigned,
    Decided,
}

/// <summary>What the responsible department found: the conduct substantiated, not substantiated, or not its competence (不属于本部门职责).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReportFinding>))]
public enum ReportFinding
{
    Substantiated,
    Unsubstantiated,
    NotCompetent,
}

/// <summary>
/// A report of dishonest conduct (失信举报, 京政发〔2017〕15号 二(三)3: 建立失信举报制度, 对举报人信息严格保密), id "DR{24 hex}".
/// The reporter is not a party: it follows the report with the token it was given at filing (kept only as its SHA-256,
/// <see cref="TokenHash"/>), and its identity, when it gave one, is stored only sealed with the reporter key
/// (<see cref="SealedReporter"/>, <see cref="ReporterSeal"/>). A report filed with an Idempotency-Key keeps its token
/// sealed too (<see cref="SealedToken"/>), so that the same filing sent again is answered with the same report and
/// token. The reported subject is no party either: a report
/// names it, it never reads the report. <see cref="Reply"/> is what the reporter reads of the decision;
/// <see cref="InternalNote"/> never leaves the office and the department.
/// </summary>
public sealed record DishonestyReport(
    string Id,
    string TokenHash,
    string SubjectName,
    string? SubjectKey,
    string? SubjectLabel,
    string Conduct,
    bool Anonymous,
    string? SealedReporter,
    DateTimeOffset FiledAt,
    DateOnly TriageDue,
    IReadOnlyList<string> Evidence,
    ReportState State = ReportState.Filed,
    string? Department = null,
    DateTimeOffset? AssignedAt = null,
    DateOnly? DecisionDue = null,
    ReportFinding? Finding = null,
    string? Reply = null,
    string? InternalNote = null,
    DateTimeOffset? DecidedAt = null,
    DateTimeOffset? OverdueMarkedAt = null,
    string? SealedToken = null,
    DateOnly? ReminderOn = null,
    DateTimeOffset? RemindedAt = null,
    IReadOnlyList<ReportFollowUp>? FollowUps = null)
{
    /// <summary>The day its current step is due: triage while filed, the decision while assigned; none once decided.</summary>
    public DateOnly? Due => State switch
    {
        ReportState.Filed => TriageDue,
        ReportState.Assigned => DecisionDue,
        _ => null,
    };

    /// <summary>The day the deadline run reminds whoever has the current step (the office, then the department); none once decided.</summary>
    public DateOnly? RemindOn => State == ReportState.Decided ? null : ReminderOn;

    /// <summary>Whether its current step is past its due day.</summary>
    public bool OverdueOn(DateOnly today) => Due is { } due && today > due;
}

/// <summary>What a substantiated report started: a record or a list entry its department made, linked afterwards (kind "record" or "listEntry", the item's id).</summary>
public sealed record ReportFollowUp(string Kind, string Id, DateTimeOffset LinkedAt);
