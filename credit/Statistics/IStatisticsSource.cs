namespace Credit.Statistics;

/// <summary>
/// A business table the counted facts can be derived from again (issue 15, point 4): it gives the facts of what it
/// stores in a period, built by the same function as the fact its live write records, so a rebuilt month equals an
/// undisturbed one.
/// </summary>
public interface IStatisticsSource
{
    /// <summary>The facts of what happened from <paramref name="since"/> (inclusive) until <paramref name="until"/> (exclusive).</summary>
    IAsyncEnumerable<StatisticEvent> FactsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);
}
