using Credit.Statistics;

namespace Credit.Remedies;

/// <summary>
/// The facts of a deciding department's remedies: each decision (on time or late) or overdue mark, under
/// objection- or repair-; a decision after the overdue mark is not counted again. Rebuilt from table Remedies.
/// </summary>
public sealed class RemedyFacts(RemedyStore store) : IStatisticsSource
{
    public static StatisticEvent? Decided(Remedy remedy) =>
        remedy.DecidedAt is { } at && !remedy.Overdue ? Of(remedy, remedy.DecidedLate ? "decided-late" : "decided-on-time", at) : null;

    public static StatisticEvent? Overdue(Remedy remedy) => remedy.OverdueAt is { } at && remedy.Overdue ? Of(remedy, "overdue", at) : null;

    public async IAsyncEnumerable<StatisticEvent> FactsAsync(DateTimeOffset since, DateTimeOffset until, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var remedy in store.SettledAsync(since, until, cancellationToken))
        {
            foreach (var fact in new[] { Decided(remedy), Overdue(remedy) })
            {
                if (fact is not null)
                {
                    yield return fact;
                }
            }
        }
    }

    static StatisticEvent Of(Remedy remedy, string what, DateTimeOffset at)
    {
        var kind = remedy.Kind.ToString().ToLowerInvariant();
        return new(remedy.DecidingDepartment, at, StatisticKinds.Remedy(kind, what), remedy.Id, Item: $"{kind}:{remedy.Id}");
    }
}
