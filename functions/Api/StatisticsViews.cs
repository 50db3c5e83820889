using Credit.Statistics;

namespace Credit.Functions.Api;

/// <summary>跟踪问效: the figures of the departments asked for, month by month.</summary>
public sealed record StatisticsView(string Month, IReadOnlyList<string> Months, string? Department, IReadOnlyList<DepartmentFigures> Figures);

/// <summary>
/// One department's figures of one month, with its name; <see cref="Sharing"/>: 共享及时率, its records exported to the
/// target platforms on time and late; <see cref="Commitments"/>: the 信用承诺 it took, their 容缺 items supplied on time,
/// late or overdue, and breaches; <see cref="Integrity"/>: the reports of dishonesty it was sent and decided on time, late
/// or overdue, the complaints of its own breaches (政务诚信), those upheld, and how the office handled them;
/// <see cref="Inspections"/>: 分类监管, its inspections by grade and the share of its D-grade subjects inspected.
/// </summary>
public sealed record DepartmentFigures(
    string Month,
    string Department,
    string Name,
    long Uploads,
    long RecordsAccepted,
    long RecordsRejected,
    IReadOnlyDictionary<string, long> RejectedByReason,
    Timeliness Disclosure,
    Timeliness Sharing,
    long PushesReceived,
    Timeliness Feedback,
    Timeliness LiftAcknowledgements,
    Timeliness Objections,
    Timeliness Repairs,
    long CreditChecks,
    long LicencesIssued,
    long LicencesDecided,
    long LicencesChecked,
    double? CheckCoverage,
    long OverdueItems,
    DateTimeOffset? ComputedAt,
    CommitmentFigures Commitments,
    IntegrityFigures Integrity,
    InspectionFigures Inspections)
{
    public static DepartmentFigures Of(DepartmentStatistics f, string name) => new(
        f.Month, f.Department, name, f.Uploads, f.RecordsAccepted, f.RecordsRejected, f.RejectedByReason, f.Disclosure, f.Sharing ?? Timeliness.None, f.PushesReceived, f.Feedback,
        f.LiftAcknowledgements, f.Objections, f.Repairs, f.CreditChecks, f.LicencesIssued, f.LicencesDecided, f.LicencesChecked, f.CheckCoverage, f.OverdueItems, f.ComputedAt,
        f.Commitments ?? CommitmentFigures.None, f.Integrity is { } integrity ? integrity with { ComplaintHandling = integrity.ComplaintHandling ?? Timeliness.None } : IntegrityFigures.None,
        f.Inspections ?? InspectionFigures.None);
}

/// <summary>The month's overdue items, and the open cases (of the department, when one is named) whose mandatory measures no registered department implements.</summary>
public sealed record OverdueView(string Month, string? Department, int Count, IReadOnlyList<DepartmentOverdueItem> Items, IReadOnlyList<Credit.JointCases.UnimplementedCase> Unimplemented);

public sealed record DepartmentOverdueItem(string Department, string Kind, string Item, DateTimeOffset At);

public sealed record StatisticsRebuilt(StatisticsRebuildResult Rebuilt, StatisticsRunResult Run);
