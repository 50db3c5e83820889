using Credit.Calendar;
using Credit.Departments;
using Credit.Disclosure;
using Credit.Statistics;
using Credit.Storage;
using Credit.Testing;
using Microsoft.Extensions.Options;

namespace Credit.Tests.Integration;

/// <summary>
/// The statistics run against Azurite: it reads the facts of the department-months that changed since it last ran,
/// never the rest of history; a rerun changes nothing; the same fact written twice counts once.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class StatisticsRunTests : IAsyncLifetime
{
    const int Departments = 20;
    const int Months = 12;
    const int FactsEach = 25;
    readonly AzuriteProcess azurite = new();
    readonly EntityCounter counter = new();
    readonly ShiftedClock clock = new(new DateTimeOffset(2025, 12, 15, 4, 0, 0, TimeSpan.Zero));
    StorageClients storage = null!;
    StatisticsLedger ledger = null!;
    StatisticsStore store = null!;
    StatisticsRun run = null!;

    public async Task InitializeAsync()
    {
        await azurite.StartAsync();
        storage = TestStorage.Observed(azurite.ConnectionString, counter);
        await storage.EnsureCreatedAsync();
        ledger = new StatisticsLedger(storage);
        store = new StatisticsStore(storage);
        var registry = new DepartmentRegistry(storage, new ApiKeys(storage, clock), clock);
        var notices = new MonthlyNotices(store, ledger, registry, new Credit.JointCases.CaseStore(storage), storage, Options.Create(new SupervisionOptions()), clock);
        run = new StatisticsRun(ledger, store, new CheckCoverage(storage, Options.Create(new SupervisionOptions())), new DisclosureSchedule(storage, Options.Create(new DisclosureOptions())), new DisclosureDeadlines(WorkingDayCalendar.Default, Options.Create(new Credit.Intake.IntakeOptions())), notices, new Credit.Quarantine.QuarantineStore(storage, ledger, clock), clock);
    }

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    static string Department(int d) => Rows.DepartmentCode(600 + d);

    static DateTimeOffset InMonth(int month) => new(2025, month, 10, 2, 0, 0, TimeSpan.Zero);

    /// <summary>Per department and month: pushes, on-time and overdue feedback in the proportion 3:1.</summary>
    static IEnumerable<StatisticEvent> History() =>
        from d in Enumerable.Range(1, Departments)
        from m in Enumerable.Range(1, Months)
        from i in Enumerable.Range(0, FactsEach)
        select new StatisticEvent(Department(d), InMonth(m), (i % 4) switch { 0 => StatisticKinds.Push, 3 => StatisticKinds.FeedbackOverdue, _ => StatisticKinds.FeedbackOnTime }, $"case-{d}-{m}-{i}", Item: $"case:case-{d}-{m}-{i}");

    [Fact]
    public async Task A_run_reads_what_changed_since_the_last_one_and_a_rerun_gives_the_same_figures()
    {
        await ledger.RecordAsync(History());
        var first = await run.RunAsync(CancellationToken.None);
        Assert.Equal(Departments * Months, first.DepartmentMonths);
        Assert.Equal(Departments * Months * FactsEach, first.FactsRead);
        var march = await store.GetAsync("2025-03", Department(7), CancellationToken.None);
        Assert.NotNull(march);
        Assert.Equal(7, march.PushesReceived);
        Assert.Equal(new Timeliness(12, 0, 6), march.Feedback);
        Assert.Equal(0.6667, march.Feedback.OnTimeShare);

        counter.Reset();
        var rerun = await run.RunAsync(CancellationToken.None);
        Assert.Equal((0, 0L), (rerun.DepartmentMonths, rerun.FactsRead));
        Assert.True(counter.Entities < 50, $"a run with nothing new read {counter.Entities} entities");
        Assert.Equivalent(march with { ComputedAt = null }, (await store.GetAsync("2025-03", Department(7), CancellationToken.None))! with { ComputedAt = null }, strict: true);

        // Three new facts for one department in March, and one repeated: the run reads that department-month only.
        var added = new[]
        {
            new StatisticEvent(Department(7), InMonth(3), StatisticKinds.FeedbackLate, "late-1"),
            new StatisticEvent(Department(7), InMonth(3), StatisticKinds.CreditCheck, "check-1"),
            new StatisticEvent(Department(7), InMonth(3), StatisticKinds.LicencesIssued, "upload-1", Count: 4),
        };
        await ledger.RecordAsync(added);
        await ledger.RecordAsync(added[0]);
        counter.Reset();
        var next = await run.RunAsync(CancellationToken.None);
        Assert.Equal((1, (long)FactsEach + 3), (next.DepartmentMonths, next.FactsRead));
        // Besides those facts, the month's notice reads the month's figures and its named departments' overdue items.
        var noticeReads = Departments + (Departments * 6);
        Assert.True(counter.Entities < FactsEach + 3 + noticeReads + 20, $"read {counter.Entities} entities for {FactsEach + 3} facts of one department-month and its notice (history: {Departments * Months * FactsEach})");
        var after = (await store.GetAsync("2025-03", Department(7), CancellationToken.None))!;
        Assert.Equal(new Timeliness(12, 1, 6), after.Feedback);
        // Coverage is no longer checks per licence: with no licence decided in the month (none stored), there is none.
        Assert.Equal((1L, 4L, (double?)null), (after.CreditChecks, after.LicencesIssued, after.CheckCoverage));
        Assert.Equal(march.PushesReceived, after.PushesReceived);
        Assert.Contains(next.NoticesWritten, m => m == "2025-03");
    }

    [Fact]
    public async Task A_licence_uploaded_the_month_after_its_decision_counts_in_the_coverage_of_its_decision_month()
    {
        // April: the department checks the subject for the approval; April's figures are computed (no licence yet).
        var subject = Rows.DepartmentCode(680);
        var checkedOn = new ShiftedClock(new DateTimeOffset(2025, 4, 28, 4, 0, 0, TimeSpan.Zero));
        await TestStorage.CreditCheck(storage, checkedOn, ledger).CheckAsync(subject, Department(7), "京某许〔2025〕30号");
        await run.RunAsync(CancellationToken.None);
        Assert.Null((await store.GetAsync("2025-04", Department(7), CancellationToken.None))!.CheckCoverage);

        // May: the licence decided on 29 April is uploaded; only May's department-month has a new fact.
        var licence = Rows.LicenceRecord(Rows.Licence("京某许〔2025〕30号", subject, Department(7), "2025-04-29"), Department(7), new DateOnly(2025, 5, 6));
        await TestStorage.Records(storage, clock).SaveAsync([licence], "late-upload", CancellationToken.None);
        await ledger.RecordAsync(new StatisticEvent(Department(7), InMonth(5), StatisticKinds.LicencesIssued, "late-upload", Count: 1));
        await run.RunAsync(CancellationToken.None);

        var april = (await store.GetAsync("2025-04", Department(7), CancellationToken.None))!;
        Assert.Equal((1L, 1L, 1.0), (april.LicencesDecided, april.LicencesChecked, april.CheckCoverage));
    }
}
