using Credit.JointCases;
using Credit.Lists;
using Credit.Measures;
using Credit.Records;

namespace Credit.Functions.Api;

/// <summary>
/// A joint case as GET /api/cases/{id} shows it; <see cref="UnimplementedMeasures"/> the mandatory measures no registered
/// department implements; <see cref="DepartmentNames"/> the name of each registered department it names (code → name).
/// </summary>
public sealed record CaseView(
    string CaseId,
    CaseState State,
    ListType ListType,
    string Subject,
    string InitiatingDepartment,
    int Round,
    string EndDate,
    string? FeedbackDeadline,
    CaseEndReason? EndReason,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<AssignmentView> Assignments,
    IReadOnlyList<LiftView> Lifts,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<string> UnimplementedMeasures,
    IReadOnlyDictionary<string, string> DepartmentNames)
{
    public static CaseView Of(
        CaseRecord record, IReadOnlyList<AssignmentRecord> assignments, IReadOnlyList<LiftRecord> lifts, IReadOnlyList<TimelineEntry> timeline, IReadOnlyList<Departments.Department> registered)
    {
        var named = new HashSet<string>([record.InitiatingDepartment, .. assignments.Select(a => a.Assignment.Department), .. lifts.Select(l => l.Department)], StringComparer.Ordinal);
        return new(
            record.Id, record.State, record.ListType, record.SubjectLabel, record.InitiatingDepartment, record.Round, DateText.ToIso(record.EndDate),
            record.FeedbackDeadline is { } deadline ? DateText.ToIso(deadline) : null, record.EndReason, record.OpenedAt, record.UpdatedAt,
            [.. assignments.Select(AssignmentView.Of)], [.. lifts.Select(LiftView.Of)], timeline, record.Unimplemented ?? [],
            registered.Where(d => named.Contains(d.Code)).ToDictionary(d => d.Code, d => d.Name, StringComparer.Ordinal));
    }
}

/// <summary>One measure pushed to one department for one target, and its answer.</summary>
public sealed record AssignmentView(
    string Department,
    MeasureRef Measure,
    TargetView Target,
    int Round,
    string Deadline,
    AssignmentStatus Status,
    bool Overdue,
    bool Late,
    string? Reason,
    string? Date,
    string? Reference,
    DateTimeOffset? AnsweredAt)
{
    public static AssignmentView Of(AssignmentRecord a) => new(
        a.Assignment.Department,
        new MeasureRef(a.Assignment.MeasureCode, a.Assignment.MeasureVersion, a.Assignment.MeasureName, a.Assignment.Binding, a.Assignment.LegalBasis),
        new TargetView(a.Assignment.Target.Label, a.Assignment.Target.Role),
        a.Round, DateText.ToIso(a.Deadline), a.Status, a.Overdue, a.Late, a.Reason, a.FeedbackDate is { } date ? DateText.ToIso(date) : null, a.Reference, a.AnsweredAt);
}

public sealed record MeasureRef(string Code, int Version, string Name, MeasureBinding Binding, string LegalBasis);

/// <summary>A case's target as shown: a person masked (its identity is read through the audited identity endpoint).</summary>
public sealed record TargetView(string Label, ResponsibleRole? Role);

public sealed record LiftView(string Department, string Deadline, bool Acknowledged, bool Overdue, DateTimeOffset? AcknowledgedAt)
{
    public static LiftView Of(LiftRecord l) => new(l.Department, DateText.ToIso(l.Deadline), l.Acknowledged, l.Overdue, l.AcknowledgedAt);
}

/// <summary>GET /api/cases: at most 200, newest first.</summary>
public sealed record CaseList(IReadOnlyList<CaseSummary> Cases, bool Truncated);

public sealed record CaseSummary(string CaseId, CaseState State, ListType ListType, string Subject, string InitiatingDepartment, string EndDate, CaseEndReason? EndReason, DateTimeOffset UpdatedAt)
{
    public static CaseSummary Of(CaseRecord c) => new(c.Id, c.State, c.ListType, c.SubjectLabel, c.InitiatingDepartment, DateText.ToIso(c.EndDate), c.EndReason, c.UpdatedAt);
}

/// <summary>The full identity of a case's target, for the department that must apply a measure to it (read under audit).</summary>
public sealed record TargetIdentity(string CaseId, string Target, string Name, string? Code, ResponsibleRole? Role);
