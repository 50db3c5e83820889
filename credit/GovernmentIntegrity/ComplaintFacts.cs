using Credit.Statistics;

namespace Credit.GovernmentIntegrity;

/// <summary>
/// 政务诚信 facts of a government body that is a department of the system: each complaint of its breach filed against
/// it, each the office upheld, and how the office handled it — decided on time or late, or marked overdue (a decision
/// after the mark is not counted again). Recorded as they happen and rebuilt from table GovernmentComplaints.
/// </summary>
public sealed class ComplaintFacts(GovernmentComplaintStore store) : IStatisticsSource
{
    public static IEnumerable<StatisticEvent> Of(GovernmentComplaint c)
    {
        yield return new(c.RespondentCode, c.FiledAt, StatisticKinds.ComplaintReceived, c.Id);
        if (c is { Finding: ComplaintFinding.Upheld, DecidedAt: { } decided })
        {
            yield return new(c.RespondentCode, decided, StatisticKinds.ComplaintUpheld, c.Id);
        }

        if (c.OverdueMarkedAt is { } marked)
        {
            yield return new(c.RespondentCode, marked, StatisticKinds.ComplaintOverdue, c.Id);
        }
        else if (c is { State: ComplaintState.Decided, DecidedAt: { } at })
        {
            yield return new(c.RespondentCode, at, c.DecidedLate ? StatisticKinds.ComplaintDecidedLate : StatisticKinds.ComplaintDecidedOnTime, c.Id);
        }
    }

    public async IAsyncEnumerable<StatisticEvent> FactsAsync(DateTimeOffset since, DateTimeOffset until, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var complaint in await store.ListAsync(null, cancellationToken))
        {
            foreach (var fact in Of(complaint).Where(f => f.At >= since && f.At < until))
            {
                yield return fact;
            }
        }
    }
}
