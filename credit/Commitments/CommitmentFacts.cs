using Credit.Calendar;
using Credit.Statistics;

namespace Credit.Commitments;

/// <summary>
/// The facts of a taking department's commitments: each commitment taken (on the day it was taken), each 容缺
/// commitment's items supplied on time or late, or marked overdue (a supply after the mark is not counted again),
/// and each breach. Recorded as they happen and rebuilt from table Commitments.
/// </summary>
public sealed class CommitmentFacts(CommitmentStore store) : IStatisticsSource
{
    public const string Prefix = "commitment";

    /// <summary>The facts a commitment's present state implies (the same ones again when nothing changed).</summary>
    public static IEnumerable<StatisticEvent> Of(Commitment c)
    {
        yield return new(c.Department, BeijingTime.StartOf(c.TakenOn), StatisticKinds.CommitmentTaken, c.Id);
        if (c.OverdueMarkedAt is { } marked)
        {
            yield return new(c.Department, marked, StatisticKinds.DeficiencyOverdue, c.Id, Item: $"{Prefix}:{c.Id}");
        }
        else if (c.SuppliedOnTime is { } onTime)
        {
            yield return new(c.Department, BeijingTime.StartOf(c.OutcomeOn!.Value), onTime ? StatisticKinds.DeficiencySuppliedOnTime : StatisticKinds.DeficiencySuppliedLate, c.Id);
        }

        if (c.Status == CommitmentStatus.Breached)
        {
            yield return new(c.Department, BeijingTime.StartOf(c.OutcomeOn!.Value), StatisticKinds.CommitmentBreached, c.Id);
        }
    }

    public async IAsyncEnumerable<StatisticEvent> FactsAsync(DateTimeOffset since, DateTimeOffset until, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var commitment in store.AllAsync(cancellationToken))
        {
            foreach (var fact in Of(commitment).Where(f => f.At >= since && f.At < until))
            {
                yield return fact;
            }
        }
    }
}
