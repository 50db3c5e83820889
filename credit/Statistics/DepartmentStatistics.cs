namespace Credit.Statistics;

/// <summary>
/// How a department kept its deadlines for one kind of duty in a month. Every due item counts once: answered on
/// time, late (after the deadline, before it was marked) or overdue (marked when the deadline passed).
/// </summary>
public sealed record Timeliness(long OnTime, long Late, long Overdue)
{
    public static readonly Timeliness None = new(0, 0, 0);

    /// <summary>The share of due items handled within the deadline; null when nothing was due.</summary>
    public double? OnTimeShare => OnTime + Late + Overdue == 0 ? null : Math.Round((double)OnTime / (OnTime + Late + Overdue), 4);
}

/// <summary>A department's 信用承诺 in a month: commitments taken, its 容缺 commitments' items supplied on time, late or overdue, and breaches.</summary>
public sealed record CommitmentFigures(long Taken, Timeliness Deficiencies, long Breached)
{
    public static readonly CommitmentFigures None = new(0, Timeliness.None, 0);
}

/// <summary>
/// A department's 失信举报 and 政务诚信 in a month: the reports of dishonesty the office sent it and how it decided them
/// (<see cref="Reports"/>), the complaints of its own breach of contract or promise and those upheld, the 政务失信
/// records made about it or its civil servants, and how the supervising office handled the complaints about it
/// (<see cref="ComplaintHandling"/>: the office's duty, not the department's; null in figures computed before it was counted).
/// </summary>
public sealed record IntegrityFigures(long ReportsReceived, Timeliness Reports, long ComplaintsReceived, long ComplaintsUpheld, long GovernmentRecords, Timeliness? ComplaintHandling = null)
{
    public static readonly IntegrityFigures None = new(0, Timeliness.None, 0, 0, 0, Timeliness.None);
}

/// <summary>
/// A department's 分类监管 in a month: its inspections by the grade of the subject when drawn, and the share of its
/// D-grade subjects (counted when it last planned in the month) it inspected.
/// </summary>
public sealed record InspectionFigures(IReadOnlyDictionary<string, long> InspectedByGrade, long GradeDPopulation)
{
    public static readonly InspectionFigures None = new(new SortedDictionary<string, long>(StringComparer.Ordinal) { ["A"] = 0, ["B"] = 0, ["C"] = 0, ["D"] = 0 }, 0);

    public double? GradeDInspectedShare => GradeDPopulation == 0 ? null : Math.Round((double)InspectedByGrade.GetValueOrDefault("D") / GradeDPopulation, 4);
}

/// <summary>One department's figures for one month (table Statistics: partition = month, row = department).</summary>
public sealed record DepartmentStatistics(
    string Month,
    string Department,
    long Uploads,
    long RecordsAccepted,
    long RecordsRejected,
    IReadOnlyDictionary<string, long> RejectedByReason,
    Timeliness Disclosure,
    long PushesReceived,
    Timeliness Feedback,
    Timeliness LiftAcknowledgements,
    Timeliness Objections,
    Timeliness Repairs,
    long CreditChecks,
    long LicencesIssued,
    DateTimeOffset? ComputedAt,
    long Quarantined = 0,
    long LicencesDecided = 0,
    long LicencesChecked = 0,
    Timeliness? Sharing = null,
    CommitmentFigures? Commitments = null,
    IntegrityFigures? Integrity = null,
    InspectionFigures? Inspections = null)
{
    public static DepartmentStatistics Empty(string month, string department) =>
        new(month, department, 0, 0, 0, new Dictionary<string, long>(), Timeliness.None, 0, Timeliness.None, Timeliness.None, Timeliness.None, Timeliness.None, 0, 0, null);

    /// <summary>
    /// 应查必查 coverage: the share of the month's licensing decisions whose subject the department checked in the days
    /// before the decision (for that approval, where the check named one); null when none was decided.
    /// </summary>
    public double? CheckCoverage => LicencesDecided == 0 ? null : Math.Round((double)LicencesChecked / LicencesDecided, 4);

    public long OverdueItems => Disclosure.Overdue + Feedback.Overdue + LiftAcknowledgements.Overdue + Objections.Overdue + Repairs.Overdue + (Commitments?.Deficiencies.Overdue ?? 0)
        + (Integrity?.Reports.Overdue ?? 0);

    /// <summary>The figures of a department and month from its counted facts (the disclosure overdue snapshot is kept apart).</summary>
    public static DepartmentStatistics FromEvents(string month, string department, IEnumerable<StatisticEvent> events, long disclosureOverdue, DateTimeOffset computedAt)
    {
        var totals = new Dictionary<string, long>();
        var rejected = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            totals[e.Kind] = totals.GetValueOrDefault(e.Kind) + e.Count;
            if (e.Kind == StatisticKinds.RejectedForReason && e.Code is { } code)
            {
                rejected[code] = rejected.GetValueOrDefault(code) + e.Count;
            }
        }

        long Of(string kind) => totals.GetValueOrDefault(kind);
        Timeliness Remedy(string kind) => new(Of(StatisticKinds.Remedy(kind, "decided-on-time")), Of(StatisticKinds.Remedy(kind, "decided-late")), Of(StatisticKinds.Remedy(kind, "overdue")));
        return new DepartmentStatistics(
            month,
            department,
            Of(StatisticKinds.Upload),
            Of(StatisticKinds.Accepted),
            Of(StatisticKinds.Rejected),
            rejected,
            new Timeliness(Of(StatisticKinds.DisclosedOnTime), Of(StatisticKinds.DisclosedLate), disclosureOverdue),
            Of(StatisticKinds.Push),
            new Timeliness(Of(StatisticKinds.FeedbackOnTime), Of(StatisticKinds.FeedbackLate), Of(StatisticKinds.FeedbackOverdue)),
            new Timeliness(Of(StatisticKinds.LiftOnTime), Of(StatisticKinds.LiftLate), Of(StatisticKinds.LiftOverdue)),
            Remedy("objection"),
            Remedy("repair"),
            Of(StatisticKinds.CreditCheck),
            Of(StatisticKinds.LicencesIssued),
            computedAt,
            Of(StatisticKinds.Quarantined),
            Sharing: new Timeliness(Of(StatisticKinds.SharedOnTime), Of(StatisticKinds.SharedLate), 0),
            Commitments: new CommitmentFigures(
                Of(StatisticKinds.CommitmentTaken),
                new Timeliness(Of(StatisticKinds.DeficiencySuppliedOnTime), Of(StatisticKinds.DeficiencySuppliedLate), Of(StatisticKinds.DeficiencyOverdue)),
                Of(StatisticKinds.CommitmentBreached)),
            Integrity: new IntegrityFigures(
                Of(StatisticKinds.ReportReceived),
                new Timeliness(Of(StatisticKinds.ReportDecidedOnTime), Of(StatisticKinds.ReportDecidedLate), Of(StatisticKinds.ReportOverdue)),
                Of(StatisticKinds.ComplaintReceived),
                Of(StatisticKinds.ComplaintUpheld),
                Of(StatisticKinds.GovernmentRecord),
                new Timeliness(Of(StatisticKinds.ComplaintDecidedOnTime), Of(StatisticKinds.ComplaintDecidedLate), Of(StatisticKinds.ComplaintOverdue))),
            Inspections: new InspectionFigures(
                new SortedDictionary<string, long>(StringComparer.Ordinal) { ["A"] = Of(StatisticKinds.Inspected("A")), ["B"] = Of(StatisticKinds.Inspected("B")), ["C"] = Of(StatisticKinds.Inspected("C")), ["D"] = Of(StatisticKinds.Inspected("D")) },
                Of(StatisticKinds.GradeDPopulation)));
    }
}
