using Credit.Calendar;
using Credit.Commitments;
using Credit.Evaluation;
using Credit.Inspections;
using Credit.Statistics;
using Credit.Storage;
using Credit.Testing;
using Credit.Tests.Support;
using Microsoft.Extensions.Options;

namespace Credit.Tests.Integration;

/// <summary>
/// 分类监管 on Azurite (issue 21, item 2): a plan drawn from the department's population by grade, reproducible from
/// its seed; a result recorded once; the inspected subject left out of the next plan; inspections by grade and the
/// share of D-grade subjects inspected in the statistics.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class InspectionPlanTests(Azurite azurite)
{
    static readonly string Department = Rows.DepartmentCode(991);
    static readonly TimeProvider Clock = new ShiftedClock(new DateTimeOffset(2026, 5, 12, 4, 0, 0, TimeSpan.Zero));
    readonly StorageClients storage = StorageClients.FromConnectionString(azurite.ConnectionString);

    InspectionDesk Desk(InspectionStore store, EvaluationStore evaluations, StatisticsLedger ledger) => new(
        store, new EvaluationMarks(storage), evaluations, new EvaluationModelStore(storage, Clock),
        new DepartmentItems(new Credit.Disclosure.PublicStore(storage), new CommitmentStore(storage), new Credit.Lists.ListStore(storage, TestStorage.DataKeys(storage))),
        ledger, Options.Create(new SamplingOptions()), Clock);

    [Fact]
    public async Task A_drawn_person_is_named_by_the_departments_own_items_and_an_organisation_by_its_code()
    {
        await storage.EnsureCreatedAsync();
        var (department, other) = (Rows.DepartmentCode(993), Rows.DepartmentCode(994));
        var commitments = new CommitmentStore(storage);
        Commitment Take(string by, string code, string reference) => new CommitmentValidator(Rows.SubjectKeys).Validate(
            by, new CommitmentDraft(code, "欧阳某某", "notification", reference, "承诺", null, "2026-05-04", null, null), new DateOnly(2026, 5, 4)).Commitment!;
        var person = (await commitments.TakeAsync(Take(department, "110105198001010016", "京示承〔2026〕1号"))).Commitment;
        await commitments.TakeAsync(Take(other, "110105198001010016", "京他承〔2026〕1号"));
        var company = (await commitments.TakeAsync(Take(department, Rows.DepartmentCode(995), "京示承〔2026〕2号"))).Commitment;
        var evaluations = new EvaluationStore(storage);
        await evaluations.SaveAllAsync(EvaluationModel.Default, [(person.SubjectKey, new SubjectEvaluation(1, 30, "D", [])), (company.SubjectKey, new SubjectEvaluation(1, 30, "D", []))],
            Clock.GetUtcNow(), CancellationToken.None);
        var store = new InspectionStore(storage);

        // Both are D, and a fifth of two rounds up to one: a seed that draws each in turn.
        var drawn = new List<PlannedInspection>();
        for (var seed = 0; drawn.Select(d => d.SubjectKey).Distinct().Count() < 2; seed++)
        {
            Assert.True(seed < 50, "fifty seeds drew the same subject");
            var (plan, _) = await Desk(store, evaluations, new StatisticsLedger(storage)).PlanAsync(department, $"种子{seed}", "dept", CancellationToken.None);
            drawn.Add(Assert.Single(await store.ItemsAsync(plan.Id, CancellationToken.None)));
        }

        Assert.Equal([$"commitment:{person.Id}"], drawn.First(d => d.SubjectKey == person.SubjectKey).Items);
        Assert.Null(drawn.First(d => d.SubjectKey == company.SubjectKey).Items);
    }

    [Fact]
    public async Task A_plan_draws_by_grade_from_its_seed_records_results_once_and_leaves_the_inspected_out_next_time()
    {
        await storage.EnsureCreatedAsync();
        var marks = new EvaluationMarks(storage);
        var evaluations = new EvaluationStore(storage);
        var store = new InspectionStore(storage);
        var ledger = new StatisticsLedger(storage);
        var desk = Desk(store, evaluations, ledger);

        // 40 A, 40 B, 20 C and 10 D subjects in the department's population, and one not evaluated yet.
        var grades = new[] { ("A", 40, 95), ("B", 40, 80), ("C", 20, 60), ("D", 10, 30) };
        foreach (var (grade, count, score) in grades)
        {
            for (var i = 0; i < count; i++)
            {
                var subject = $"9111099{grade}{i:D10}";
                await marks.MarkAsync(subject, Department, CancellationToken.None);
                await evaluations.SaveAllAsync(EvaluationModel.Default, [(subject, new SubjectEvaluation(1, score, grade, []))], Clock.GetUtcNow(), CancellationToken.None);
            }
        }

        await marks.MarkAsync("911109900000000NEW", Department, CancellationToken.None);

        var (plan, created) = await desk.PlanAsync(Department, "京示抽〔2026〕5号", "dept", CancellationToken.None);
        Assert.True(created);
        var drawn = await store.ItemsAsync(plan.Id, CancellationToken.None);
        Assert.Equal(new Dictionary<string, int> { ["A"] = 2, ["B"] = 2, ["C"] = 2, ["D"] = 2 }, drawn.GroupBy(d => d.Grade).ToDictionary(g => g.Key, g => g.Count()));
        Assert.Equal((8, 1, 10), (plan.Drawn, plan.NotYetEvaluated, plan.PopulationByGrade["D"]));

        // The same seed on the same day is the same plan; another seed draws another.
        var (again, createdAgain) = await desk.PlanAsync(Department, "京示抽〔2026〕5号", "dept", CancellationToken.None);
        Assert.Equal((plan.Id, false), (again.Id, createdAgain));

        // A result is recorded once; the same again is a retry, another is refused, a subject not drawn is not in the plan.
        var d = drawn.First(s => s.Grade == "D");
        Assert.Equal(ResultOutcome.Recorded, (await desk.RecordResultAsync(plan, d.SubjectKey, new DateOnly(2026, 5, 12), true, "账实不符", CancellationToken.None)).Outcome);
        Assert.Equal(ResultOutcome.AlreadyRecorded, (await desk.RecordResultAsync(plan, d.SubjectKey, new DateOnly(2026, 5, 12), true, "账实不符", CancellationToken.None)).Outcome);
        Assert.Equal(ResultOutcome.OtherResultRecorded, (await desk.RecordResultAsync(plan, d.SubjectKey, new DateOnly(2026, 5, 12), false, null, CancellationToken.None)).Outcome);
        Assert.Equal(ResultOutcome.NotInPlan, (await desk.RecordResultAsync(plan, "911109900000000NEW", new DateOnly(2026, 5, 12), false, null, CancellationToken.None)).Outcome);
        foreach (var hostile in new[] { "a/b", "a#b?c", "x\\y", new string('9', 128) })
        {
            Assert.Equal(ResultOutcome.NotInPlan, (await desk.RecordResultAsync(plan, hostile, new DateOnly(2026, 5, 12), false, null, CancellationToken.None)).Outcome);
        }

        // The inspected subject is left out of the next plan.
        var (next, _) = await desk.PlanAsync(Department, "京示抽〔2026〕6号", "dept", CancellationToken.None);
        Assert.Equal(1, next.RecentlyInspected);
        Assert.DoesNotContain(d.SubjectKey, (await store.ItemsAsync(next.Id, CancellationToken.None)).Select(s => s.SubjectKey));

        // An eleventh D subject, and a plan that counts it; the first plan retried after it leaves the month's count at eleven.
        await marks.MarkAsync("9111099D0000000099", Department, CancellationToken.None);
        await evaluations.SaveAllAsync(EvaluationModel.Default, [("9111099D0000000099", new SubjectEvaluation(1, 30, "D", []))], Clock.GetUtcNow(), CancellationToken.None);
        var (latest, _) = await desk.PlanAsync(Department, "京示抽〔2026〕7号", "dept", CancellationToken.None);
        Assert.Equal(11, latest.PopulationByGrade["D"]);
        Assert.False((await desk.PlanAsync(Department, "京示抽〔2026〕5号", "dept", CancellationToken.None)).Created);

        // The month's figures: one D inspection of eleven D subjects; the rebuild source gives the same facts.
        var figures = DepartmentStatistics.FromEvents("2026-05", Department, await ledger.ReadAsync("2026-05", Department, CancellationToken.None), 0, Clock.GetUtcNow());
        Assert.Equal((1L, 11L, 0.0909), (figures.Inspections!.InspectedByGrade["D"], figures.Inspections.GradeDPopulation, figures.Inspections.GradeDInspectedShare));
        var rebuilt = new List<StatisticEvent>();
        await foreach (var fact in new InspectionFacts(store).FactsAsync(BeijingTime.StartOf(new DateOnly(2026, 5, 1)), BeijingTime.StartOf(new DateOnly(2026, 6, 1)), CancellationToken.None))
        {
            rebuilt.Add(fact);
        }

        Assert.Equivalent(figures.Inspections, DepartmentStatistics.FromEvents("2026-05", Department, rebuilt.Where(f => f.Department == Department), 0, Clock.GetUtcNow()).Inspections);
    }
}
