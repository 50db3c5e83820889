using Credit.Statistics;

namespace Credit.DishonestyReports;

/// <summary>
/// The facts of the reports of dishonesty a department was sent: each received (the day the office sent it), each
/// decided on time or late, or marked overdue (a decision after the mark is not counted again). The triage is the
/// office's, no department's: it is not counted here. Recorded as they happen and rebuilt from table DishonestyReports.
/// </summary>
public sealed class ReportFacts(DishonestyReportStore store) : IStatisticsSource
{
    public const string Prefix = "report";

    public static IEnumerable<StatisticEvent> Of(DishonestyReport r)
    {
        if (r.Department is not { } department || r.AssignedAt is not { } assigned)
        {
            yield break;
        }

        yield return new(department, assigned, StatisticKinds.ReportReceived, r.Id);
        if (r.OverdueMarkedAt is { } marked)
        {
            yield return new(department, marked, StatisticKinds.ReportOverdue, r.Id, Item: $"{Prefix}:{r.Id}");
        }
        else if (r is { State: ReportState.Decided, DecidedAt: { } decided, DecisionDue: { } due })
        {
            yield return new(department, decided, Calendar.BeijingTime.Today(decided) <= due ? StatisticKinds.ReportDecidedOnTime : StatisticKinds.ReportDecidedLate, r.Id);
        }
    }

    public async IAsyncEnumerable<StatisticEvent> FactsAsync(DateTimeOffset since, DateTimeOffset until, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var report in await store.ListAsync(null, null, cancellationToken))
        {
            foreach (var fact in Of(report).Where(f => f.At >= since && f.At < until))
            {
                yield return fact;
            }
        }
    }
}
