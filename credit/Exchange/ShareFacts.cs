using Credit.Statistics;

namespace Credit.Exchange;

/// <summary>共享及时率's facts, rebuilt from the exports (each keeps, per department, what it shared on time and late).</summary>
public sealed class ShareFacts(ExchangeExportStore store) : IStatisticsSource
{
    public async IAsyncEnumerable<StatisticEvent> FactsAsync(DateTimeOffset since, DateTimeOffset until, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var export in store.MadeAsync(since, until, cancellationToken))
        {
            foreach (var fact in export.Facts())
            {
                yield return fact;
            }
        }
    }
}
