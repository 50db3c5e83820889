using Credit.Statistics;

namespace Credit.GovernmentIntegrity;

/// <summary>
/// 政务诚信 facts of a government body that is a department of the system: each 政务失信 record about it or one of its
/// civil servants. Recorded as they are made and rebuilt from table GovernmentRecords.
/// </summary>
public sealed class GovernmentRecordFacts(GovernmentRecordStore store) : IStatisticsSource
{
    public static IEnumerable<StatisticEvent> Of(GovernmentRecord r) => [new(r.BodyCode, r.RecordedAt, StatisticKinds.GovernmentRecord, r.Id)];

    public async IAsyncEnumerable<StatisticEvent> FactsAsync(DateTimeOffset since, DateTimeOffset until, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var record in await store.ListAsync(null, cancellationToken))
        {
            foreach (var fact in Of(record).Where(f => f.At >= since && f.At < until))
            {
                yield return fact;
            }
        }
    }
}
