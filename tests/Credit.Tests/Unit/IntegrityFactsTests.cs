using Credit.DishonestyReports;
using Credit.GovernmentIntegrity;
using Credit.Statistics;

namespace Credit.Tests.Unit;

/// <summary>
/// The facts reports of dishonesty and complaints of governments' breaches give the statistics: a report counts for
/// the department it was sent to, once received and once decided (on time or late), or overdue (a decision after the
/// mark is not counted again); the triage is the office's and counts for none; a complaint counts for the body complained of,
/// with how the office handled it, which is never the body's own overdue item.
/// </summary>
public sealed class IntegrityFactsTests
{
    static readonly string Department = Testing.Rows.DepartmentCode(771);
    static readonly DateTimeOffset Filed = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    static readonly DishonestyReport Report = new("DR" + new string('a', 24), "hash", "北京示例有限公司", null, null, "虚假宣传", true, null, Filed, new DateOnly(2026, 3, 9), []);

    [Fact]
    public void A_report_counts_for_its_department_once_received_and_once_decided_or_overdue()
    {
        Assert.Empty(ReportFacts.Of(Report));
        Assert.Empty(ReportFacts.Of(Report with { OverdueMarkedAt = Filed.AddDays(8) }));

        var assigned = Report with { State = ReportState.Assigned, Department = Department, AssignedAt = Filed.AddDays(1), DecisionDue = new DateOnly(2026, 3, 24) };
        Assert.Equal([StatisticKinds.ReportReceived], ReportFacts.Of(assigned).Select(f => f.Kind));

        var onTime = assigned with { State = ReportState.Decided, DecidedAt = new DateTimeOffset(2026, 3, 24, 15, 0, 0, TimeSpan.Zero) };
        Assert.Equal([StatisticKinds.ReportReceived, StatisticKinds.ReportDecidedOnTime], ReportFacts.Of(onTime).Select(f => f.Kind));
        var late = assigned with { State = ReportState.Decided, DecidedAt = new DateTimeOffset(2026, 3, 24, 16, 30, 0, TimeSpan.Zero) };
        Assert.Equal([StatisticKinds.ReportReceived, StatisticKinds.ReportDecidedLate], ReportFacts.Of(late).Select(f => f.Kind));

        var markedThenDecided = late with { OverdueMarkedAt = new DateTimeOffset(2026, 3, 24, 16, 15, 0, TimeSpan.Zero) };
        var facts = ReportFacts.Of(markedThenDecided).ToList();
        Assert.Equal([StatisticKinds.ReportReceived, StatisticKinds.ReportOverdue], facts.Select(f => f.Kind));
        Assert.Equal($"report:{Report.Id}", facts[1].Item);
        Assert.All(facts, f => Assert.Equal(Department, f.Department));
        Assert.Equal(facts, ReportFacts.Of(markedThenDecided));
    }

    [Fact]
    public void A_complaint_counts_for_the_body_complained_of_an_upheld_one_once_more_and_the_offices_handling_once()
    {
        var complaint = new GovernmentComplaint("GC" + new string('b', 24), "subject:x", "北京示例有限公司", Department, "北京市示例委", ComplaintKind.BreachOfContract, "未付款", null,
            Filed, new DateOnly(2026, 3, 19), new DateOnly(2026, 3, 23), []);
        Assert.Equal([(Department, StatisticKinds.ComplaintReceived)], ComplaintFacts.Of(complaint).Select(f => (f.Department, f.Kind)));
        Assert.Equal([StatisticKinds.ComplaintReceived, StatisticKinds.ComplaintDecidedOnTime],
            ComplaintFacts.Of(complaint with { State = ComplaintState.Decided, Finding = ComplaintFinding.Rejected, DecidedAt = Filed.AddDays(3) }).Select(f => f.Kind));
        Assert.Equal([StatisticKinds.ComplaintReceived, StatisticKinds.ComplaintUpheld, StatisticKinds.ComplaintDecidedLate],
            ComplaintFacts.Of(complaint with { State = ComplaintState.Decided, Finding = ComplaintFinding.Upheld, DecidedAt = Filed.AddDays(30), DecidedLate = true }).Select(f => f.Kind));

        // Marked overdue, then decided: overdue once, the late decision not counted again, and never among the body's own overdue items.
        var marked = complaint with { OverdueMarkedAt = Filed.AddDays(22) };
        Assert.Equal([StatisticKinds.ComplaintReceived, StatisticKinds.ComplaintOverdue], ComplaintFacts.Of(marked).Select(f => f.Kind));
        var markedThenDecided = marked with { State = ComplaintState.Decided, Finding = ComplaintFinding.Rejected, DecidedAt = Filed.AddDays(30), DecidedLate = true };
        Assert.Equal([StatisticKinds.ComplaintReceived, StatisticKinds.ComplaintOverdue], ComplaintFacts.Of(markedThenDecided).Select(f => f.Kind));
        Assert.DoesNotContain(StatisticKinds.ComplaintOverdue, StatisticKinds.Overdue);

        var figures = DepartmentStatistics.FromEvents("2026-03", Department, ComplaintFacts.Of(markedThenDecided), 0, Filed);
        Assert.Equal((new Timeliness(0, 0, 1), 0L), (figures.Integrity!.ComplaintHandling, figures.OverdueItems));
    }
}
