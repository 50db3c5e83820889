using System.Security.Cryptography;
using System.Text;
using Credit.Calendar;
using Credit.Evaluation;
using Credit.Records;
using Microsoft.Extensions.Options;

namespace Credit.Inspections;

/// <summary>What recording a result did: recorded now, the same result recorded before (a retry), another result recorded before (refused), or the subject not in the plan.</summary>
public enum ResultOutcome
{
    Recorded,
    AlreadyRecorded,
    OtherResultRecorded,
    NotInPlan,
}

/// <summary>
/// 分类监管 by 双随机 (京政发〔2017〕15号 二(一)2, 二(二)1, 二(三)1): a department draws a plan from its population by
/// grade (<see cref="SamplingOptions"/>), leaving out the subjects it inspected within the configured months, from a
/// seed it may name (the same seed on the same day is the same plan: a retry) or one drawn for it; then records each
/// inspection's result once, which leaves the subject out of the next plans and counts for the statistics.
/// </summary>
public sealed class InspectionDesk(
    InspectionStore store, EvaluationMarks marks, EvaluationStore evaluations, EvaluationModelStore models, DepartmentItems departmentItems, Statistics.StatisticsLedger statistics,
    IOptions<SamplingOptions> options, TimeProvider clock)
{
    const int PersonsInFlight = 8;

    public async Task<(InspectionPlan Plan, bool Created)> PlanAsync(string department, string? seed, string actor, CancellationToken cancellationToken)
    {
        var today = BeijingTime.Today(clock);
        seed ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var id = "IP" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', department, seed, DateText.ToIso(today)))))[..Storage.PrefixedId.HexLength];
        if (await store.GetAsync(id, cancellationToken) is { } planned)
        {
            // A retry: its fact is written again, in case a stop after storing the plan left it unwritten — unless a
            // later plan of the month wrote its own count since, which is the one the month keeps.
            var month = Statistics.Months.Of(planned.CreatedAt);
            if (!(await store.ListAsync(department, cancellationToken)).Any(p => p.CreatedAt > planned.CreatedAt && Statistics.Months.Of(p.CreatedAt) == month))
            {
                await statistics.RecordAsync(InspectionFacts.OfPlan(planned), cancellationToken);
            }

            return (planned, false);
        }

        var settings = options.Value;
        var cutoff = today.AddMonths(-settings.ExcludeInspectedWithinMonths);
        var inspected = await store.LastInspectedAsync(department, cancellationToken);
        var population = await marks.PopulationAsync(department, cancellationToken);
        var graded = (await evaluations.OfAsync(population, cancellationToken)).Select(e => new SamplingCandidate(e.SubjectKey, e.Grade, e.Score)).ToList();
        var notYet = population.Count - graded.Count;
        var candidates = graded.Where(c => !(inspected.TryGetValue(c.SubjectKey, out var on) && on > cutoff)).ToList();
        var drawn = Sampler.Draw(seed, candidates, settings.Ratios);
        var byGrade = EvaluationModel.CountByGrade(graded.Select(c => c.Grade));
        var plan = new InspectionPlan(id, department, seed, today, (await models.CurrentAsync(cancellationToken)).Version, settings.Ratios, byGrade, notYet,
            graded.Count - candidates.Count, drawn.Count, clock.GetUtcNow(), actor);
        // A person's items are a few partition reads each: several persons at once, as a plan may draw hundreds.
        var inspections = new PlannedInspection[drawn.Count];
        await Parallel.ForAsync(0, drawn.Count, new ParallelOptions { MaxDegreeOfParallelism = PersonsInFlight, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var d = drawn[i];
            var items = Identifiers.SubjectKeys.IsPersonKey(d.SubjectKey) ? await departmentItems.NamingAsync(department, d.SubjectKey, token) : null;
            inspections[i] = new PlannedInspection(id, d.SubjectKey, d.Grade, d.Score, Items: items);
        });

        var stored = await store.SaveAsync(plan, inspections, cancellationToken);
        await statistics.RecordAsync(InspectionFacts.OfPlan(stored), cancellationToken);
        return (stored, true);
    }

    /// <summary>
    /// Records an inspection's result once: the same result again is a retry (and does again what a crash after the
    /// write left undone), another one is refused, since a result, like a decision, is not changed.
    /// </summary>
    public async Task<(ResultOutcome Outcome, PlannedInspection? Item)> RecordResultAsync(
        InspectionPlan plan, string subjectKey, DateOnly inspectedOn, bool problemsFound, string? findings, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await store.ItemAsync(plan.Id, subjectKey, cancellationToken) is not var (item, etag))
            {
                return (ResultOutcome.NotInPlan, null);
            }

            var result = item with { InspectedOn = inspectedOn, ProblemsFound = problemsFound, Findings = findings };
            if (item.InspectedOn is not null)
            {
                if (item != result)
                {
                    return (ResultOutcome.OtherResultRecorded, item);
                }

                await ImpliedAsync(plan, item, cancellationToken);
                return (ResultOutcome.AlreadyRecorded, item);
            }

            if (await store.RecordResultAsync(result, etag, cancellationToken))
            {
                await ImpliedAsync(plan, result, cancellationToken);
                return (ResultOutcome.Recorded, result);
            }
        }
    }

    async Task ImpliedAsync(InspectionPlan plan, PlannedInspection result, CancellationToken cancellationToken)
    {
        await store.InspectedAsync(plan.Department, result.SubjectKey, result.InspectedOn!.Value, cancellationToken);
        await statistics.RecordAsync([InspectionFacts.OfResult(plan.Department, result)], cancellationToken);
    }
}
