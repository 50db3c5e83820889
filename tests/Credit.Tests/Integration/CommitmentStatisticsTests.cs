using Credit.Calendar;
using Credit.Commitments;
using Credit.Statistics;
using Credit.Storage;
using Credit.Testing;
using Credit.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Credit.Tests.Integration;

/// <summary>
/// A department's 信用承诺 figures (issue 20, item 1): commitments taken, 容缺 items supplied on time, late or marked
/// overdue by the deadline run (a supply after the mark is not counted again), breaches; and the monthly notice.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class CommitmentStatisticsTests(Azurite azurite)
{
    static readonly string Department = Rows.DepartmentCode(961);
    static readonly TimeProvider MarchTwentieth = new ShiftedClock(new DateTimeOffset(2026, 3, 20, 4, 0, 0, TimeSpan.Zero));
    readonly StorageClients storage = StorageClients.FromConnectionString(azurite.ConnectionString);

    static Commitment Take(int company, string kind, string? due = "2026-03-10")
    {
        var draft = new CommitmentDraft(Rows.DepartmentCode(company), "北京承诺统计测试有限公司", kind, $"统计许〔2026〕{company}号", "承诺", null, "2026-03-02",
            kind == "deficiency" ? ["消防验收意见书"] : null, kind == "deficiency" ? due : null);
        var (commitment, errors) = new CommitmentValidator(Rows.SubjectKeys).Validate(Department, draft, new DateOnly(2026, 3, 2));
        Assert.True(commitment is not null, string.Join("; ", errors.Select(e => e.MessageEn)));
        return commitment;
    }

    [Fact]
    public async Task Supplied_on_time_late_and_overdue_are_counted_once_each_and_the_notice_names_the_department()
    {
        await storage.EnsureCreatedAsync();
        var store = new CommitmentStore(storage);
        var ledger = new StatisticsLedger(storage);
        var (onTime, late, overdue, broken) = (Take(962, "deficiency"), Take(963, "deficiency"), Take(964, "deficiency"), Take(965, "notification"));
        foreach (var commitment in new[] { onTime, late, overdue, broken })
        {
            await store.TakeAsync(commitment);
        }

        await store.RecordOutcomeAsync(onTime, CommitmentStatus.Fulfilled, new DateOnly(2026, 3, 10), null);
        await store.RecordOutcomeAsync(late, CommitmentStatus.Fulfilled, new DateOnly(2026, 3, 12), "逾期两日补交");
        await store.RecordOutcomeAsync(broken, CommitmentStatus.Breached, new DateOnly(2026, 3, 15), "提供虚假材料");

        var deadlines = new CommitmentDeadlines(store, ledger, MarchTwentieth, NullLogger<CommitmentDeadlines>.Instance);
        Assert.True(await deadlines.MarkOverdueAsync() >= 1);
        var marked = (await store.GetAsync(overdue.Id))!.OverdueMarkedAt;
        Assert.NotNull(marked);
        // The next run leaves it as it is; a supply after the mark is recorded but not counted as late.
        await deadlines.MarkOverdueAsync();
        Assert.Equal(marked, (await store.GetAsync(overdue.Id))!.OverdueMarkedAt);
        await store.RecordOutcomeAsync(overdue, CommitmentStatus.Fulfilled, new DateOnly(2026, 3, 20), null);
        Assert.Null((await store.GetAsync(late.Id))!.OverdueMarkedAt);

        var facts = new List<StatisticEvent>();
        await foreach (var fact in new CommitmentFacts(store).FactsAsync(BeijingTime.StartOf(new DateOnly(2026, 3, 1)), BeijingTime.StartOf(new DateOnly(2026, 4, 1)), CancellationToken.None))
        {
            facts.Add(fact);
        }

        var figures = DepartmentStatistics.FromEvents("2026-03", Department, facts.Where(f => f.Department == Department), 0, DateTimeOffset.UtcNow);
        Assert.Equal(new CommitmentFigures(4, new Timeliness(1, 1, 1), 1), figures.Commitments);
        Assert.Equal(1, figures.OverdueItems);

        // The overdue mark is listed with its commitment, and the notice names the department for it.
        Assert.Equal([$"commitment:{overdue.Id}"], (await ledger.OverdueAsync("2026-03", Department, CancellationToken.None)).Select(i => i.Item));
        await new StatisticsStore(storage).SaveAsync(figures, CancellationToken.None);
        var notice = await new MonthlyNotices(new StatisticsStore(storage), ledger,
            new Departments.DepartmentRegistry(storage, new Departments.ApiKeys(storage, TimeProvider.System), TimeProvider.System), new JointCases.CaseStore(storage), storage,
            Options.Create(new SupervisionOptions()), MarchTwentieth).BuildAsync("2026-03", CancellationToken.None);
        var named = Assert.Single(notice.Named, n => n.Department == Department);
        Assert.Equal(["DEFICIENCY_ON_TIME", "OVERDUE_ITEMS"], named.Shortfalls.Select(s => s.Code));
        Assert.Contains("容缺材料按期补交率33.3%", named.Shortfalls[0].MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void The_facts_of_a_commitment_follow_its_state_and_repeat_when_it_has_not_changed()
    {
        var taken = Take(966, "deficiency");
        Assert.Equal([StatisticKinds.CommitmentTaken], CommitmentFacts.Of(taken).Select(f => f.Kind));
        var supplied = taken with { Status = CommitmentStatus.Fulfilled, OutcomeOn = new DateOnly(2026, 3, 11) };
        Assert.Equal([StatisticKinds.CommitmentTaken, StatisticKinds.DeficiencySuppliedLate], CommitmentFacts.Of(supplied).Select(f => f.Kind));
        var markedThenBroken = taken with { OverdueMarkedAt = DateTimeOffset.UtcNow, Status = CommitmentStatus.Breached, OutcomeOn = new DateOnly(2026, 3, 12) };
        Assert.Equal([StatisticKinds.CommitmentTaken, StatisticKinds.DeficiencyOverdue, StatisticKinds.CommitmentBreached], CommitmentFacts.Of(markedThenBroken).Select(f => f.Kind));
        Assert.Equal(CommitmentFacts.Of(markedThenBroken), CommitmentFacts.Of(markedThenBroken));
        Assert.All(CommitmentFacts.Of(markedThenBroken), f => Assert.Equal((Department, taken.Id), (f.Department, f.Fact)));
    }
}
