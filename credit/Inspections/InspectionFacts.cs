using Credit.Calendar;
using Credit.Statistics;

namespace Credit.Inspections;

/// <summary>
/// The facts of 分类监管: each inspection a department recorded, by the grade its subject had when drawn (in the month
/// of the inspection), and the number of its D-grade subjects when it last planned in a month (the share of them
/// inspected is read against it). Recorded as they happen and rebuilt from tables InspectionPlans and InspectionItems.
/// </summary>
public sealed class InspectionFacts(InspectionStore store) : IStatisticsSource
{
    public static IEnumerable<StatisticEvent> OfPlan(InspectionPlan plan) =>
        [new(plan.Department, plan.CreatedAt, StatisticKinds.GradeDPopulation, StatisticKinds.GradeDPopulation, plan.PopulationByGrade.GetValueOrDefault("D"))];

    public static StatisticEvent OfResult(string department, PlannedInspection result) =>
        new(department, BeijingTime.StartOf(result.InspectedOn!.Value), StatisticKinds.Inspected(result.Grade), $"{result.PlanId}/{result.SubjectKey}");

    public async IAsyncEnumerable<StatisticEvent> FactsAsync(DateTimeOffset since, DateTimeOffset until, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var plans = await store.ListAsync(null, cancellationToken);
        // Of a department's plans in a month, the last one's count is the one kept (as the same fact written again).
        foreach (var last in plans.GroupBy(p => (p.Department, Months.Of(p.CreatedAt))).Select(g => g.MaxBy(p => p.CreatedAt)!))
        {
            foreach (var fact in OfPlan(last).Where(f => f.At >= since && f.At < until))
            {
                yield return fact;
            }
        }

        foreach (var plan in plans)
        {
            foreach (var item in await store.ItemsAsync(plan.Id, cancellationToken))
            {
                if (item.InspectedOn is not null && OfResult(plan.Department, item) is var fact && fact.At >= since && fact.At < until)
                {
                    yield return fact;
                }
            }
        }
    }
}
