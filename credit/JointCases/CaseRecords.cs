using System.Text.Json.Serialization;
using Credit.Lists;

namespace Credit.JointCases;

[JsonConverter(typeof(JsonStringEnumConverter<AssignmentStatus>))]
public enum AssignmentStatus
{
    Pending,
    Applied,
    NotApplicable,
    Failed,
    /// <summary>Dropped by an amendment: the department was told to lift it.</summary>
    Withdrawn,
}

/// <summary>One assignment as stored: what was pushed in which round, its deadline and the department's answer.</summary>
public sealed record AssignmentRecord(
    Assignment Assignment,
    int Round,
    DateOnly Deadline,
    AssignmentStatus Status,
    bool Overdue,
    bool Late,
    string? Reason,
    DateOnly? FeedbackDate,
    string? Reference,
    DateTimeOffset? AnsweredAt)
{
    public bool Answered => Status is not (AssignmentStatus.Pending or AssignmentStatus.Withdrawn);

    /// <summary>Still awaited: unanswered and its deadline not passed. An overdue one is reported late to the supervising office, and the case does not wait for it.</summary>
    public bool Awaited => Status == AssignmentStatus.Pending && !Overdue;

    /// <summary>When the deadline run marked it overdue (what its statistics fact is dated by).</summary>
    public DateTimeOffset? OverdueAt { get; init; }
}

/// <summary>A lift notice to one department (sent in <paramref name="Round"/>, the case's last) and its acknowledgement.</summary>
public sealed record LiftRecord(string Department, int Round, DateOnly Deadline, bool Acknowledged, bool Overdue, DateTimeOffset? AcknowledgedAt)
{
    /// <summary>When the lift deadline run marked it overdue.</summary>
    public DateTimeOffset? OverdueAt { get; init; }

    /// <summary>Acknowledged after its deadline (a Beijing date).</summary>
    public bool AcknowledgedLate => AcknowledgedAt is { } at && DateOnly.FromDateTime(at.ToOffset(Calendar.BeijingTime.Offset).DateTime) > Deadline;
}

/// <summary>One line of a case's timeline: every push, feedback, reminder and decision.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Kind, string Actor, string Text, string TextZh);

/// <summary>A timeline line with the key naming its event, so a repeated step keeps the first line.</summary>
public sealed record TimelineLine(string Key, TimelineEntry Entry);

/// <summary>
/// The case as stored in table Cases, with every department it involves (for the index rows of each state change).
/// <see cref="FeedbackDeadline"/> and <see cref="ReminderDate"/> are those of what the case waits for: feedback, or
/// lift acknowledgements once it is lifting. <see cref="Unimplemented"/>: the mandatory measures the case should have
/// applied that no registered department implements (issue 17: flagged, never dropped silently).
/// </summary>
public sealed record CaseRecord(
    string Id,
    string InitiatingDepartment,
    ListType ListType,
    string SubjectKey,
    string SubjectLabel,
    string SubjectName,
    CaseState State,
    int Round,
    DateOnly EndDate,
    DateOnly? FeedbackDeadline,
    CaseEndReason? EndReason,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<string> Departments,
    DateOnly? ReminderDate = null,
    IReadOnlyList<string>? Unimplemented = null);

/// <summary>An open case with mandatory measures no registered department implements, for the supervising office.</summary>
public sealed record UnimplementedCase(string CaseId, string InitiatingDepartment, IReadOnlyList<string> Measures);
