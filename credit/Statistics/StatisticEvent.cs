using System.Globalization;
using Credit.Calendar;

namespace Credit.Statistics;

/// <summary>
/// One counted fact of a department's work in a month — an upload, a disclosure batch, a push, an answer, a decision,
/// a check. <see cref="Fact"/> identifies it (a repeated activity writes the same fact again, never a second one);
/// <see cref="Item"/> links an overdue fact to what is overdue ("case:{id}", "objection:{id}", "record:{id}").
/// </summary>
public sealed record StatisticEvent(string Department, DateTimeOffset At, string Kind, string Fact, long Count = 1, string? Code = null, string? Item = null)
{
    /// <summary>yyyy-MM of the Beijing date of <see cref="At"/>.</summary>
    public string Month => Months.Of(At);
}

/// <summary>What is counted; the names are the stored kinds.</summary>
public static class StatisticKinds
{
    public const string Upload = "upload";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    /// <summary>Rejected rows under one reason code (<see cref="StatisticEvent.Code"/>); a row with two reasons counts under each.</summary>
    public const string RejectedForReason = "rejected-reason";
    public const string LicencesIssued = "licences";
    public const string DisclosedOnTime = "disclosed-on-time";
    public const string DisclosedLate = "disclosed-late";
    public const string Push = "push";
    public const string FeedbackOnTime = "feedback-on-time";
    public const string FeedbackLate = "feedback-late";
    public const string FeedbackOverdue = "feedback-overdue";
    public const string LiftOnTime = "lift-on-time";
    public const string LiftLate = "lift-late";
    public const string LiftOverdue = "lift-overdue";
    public const string CreditCheck = "credit-check";
    /// <summary>Records exported to another platform within the working days of their publication, or later (共享及时率, issue 19).</summary>
    public const string SharedOnTime = "shared-on-time";
    public const string SharedLate = "shared-late";
    /// <summary>信用承诺 (issue 20): commitments taken, 容缺 items supplied on time, late or marked overdue, breaches.</summary>
    public const string CommitmentTaken = "commitment-taken";
    public const string DeficiencySuppliedOnTime = "deficiency-supplied-on-time";
    public const string DeficiencySuppliedLate = "deficiency-supplied-late";
    public const string DeficiencyOverdue = "deficiency-overdue";
    public const string CommitmentBreached = "commitment-breached";
    /// <summary>失信举报 (issue 20): reports the office sent to the department, decided within its working days, late, or marked overdue.</summary>
    public const string ReportReceived = "report-received";
    public const string ReportDecidedOnTime = "report-decided-on-time";
    public const string ReportDecidedLate = "report-decided-late";
    public const string ReportOverdue = "report-overdue";
    /// <summary>政务诚信 (issue 20): complaints of the department's breach of contract or promise, and those the office upheld.</summary>
    public const string ComplaintReceived = "complaint-received";
    public const string ComplaintUpheld = "complaint-upheld";
    /// <summary>
    /// 政务诚信 (issue 20): how the supervising office handled the complaints of the department's breach — decided within
    /// its working days, late, or marked overdue. The office's duty, counted under the body complained of so that each
    /// body's complaints show how they were handled; never among the department's own overdue items.
    /// </summary>
    public const string ComplaintDecidedOnTime = "complaint-decided-on-time";
    public const string ComplaintDecidedLate = "complaint-decided-late";
    public const string ComplaintOverdue = "complaint-overdue";
    /// <summary>政务诚信 (issue 20): 政务失信 records about the department or its civil servants.</summary>
    public const string GovernmentRecord = "government-record";
    /// <summary>
    /// 分类监管 (issue 21): the department's D-grade subjects when it last planned inspections in the month (one fact,
    /// written again by each plan), and its inspections by the grade the subject had when drawn.
    /// </summary>
    public const string GradeDPopulation = "population-d";

    public static string Inspected(string grade) => $"inspected-{grade}";

    /// <summary>A record still unpublished after its deadline, as the statistics run's snapshot lists it (never a counted fact).</summary>
    public const string DisclosureOverdue = "disclosure-overdue";

    /// <summary>An item of the department's (a disclosure batch, an upload) set aside after failing every attempt.</summary>
    public const string Quarantined = "quarantined";

    /// <summary>objection-/repair- followed by decided-on-time, decided-late or overdue.</summary>
    public static string Remedy(string remedyKind, string what) => $"{remedyKind}-{what}";

    /// <summary>The kinds that mark a deadline missed, each with the item it links to.</summary>
    public static readonly IReadOnlyList<string> Overdue = [FeedbackOverdue, LiftOverdue, Remedy("objection", "overdue"), Remedy("repair", "overdue"), DeficiencyOverdue, ReportOverdue];
}

/// <summary>Statistics months are Beijing calendar months, written yyyy-MM.</summary>
public static class Months
{
    public static string Of(DateTimeOffset at) => at.ToOffset(BeijingTime.Offset).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateOnly first)
    {
        var ok = DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out first);
        return ok && first.Year is >= 2000 and <= 2200;
    }

    public static string Format(DateOnly firstDay) => firstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The instants of a month: from Beijing midnight of its first day, up to that of the next month's.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Bounds(DateOnly firstDay) =>
        (BeijingTime.StartOf(firstDay), BeijingTime.StartOf(firstDay.AddMonths(1)));
}
