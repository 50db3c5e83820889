using Azure.Data.Tables;
using Credit.Statistics;
using Credit.Calendar;
using Credit.Disclosure;
using Credit.Storage;
using Credit.Testing;
using Microsoft.Extensions.Options;

namespace Credit.Tests.Integration;

/// <summary>
/// A disclosure run that stopped half way (a killed process) and ran again publishes every record once; a record
/// that cannot be published holds back no other, is taken out of view, and is quarantined after its last attempt.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class DisclosureRunTests : IAsyncLifetime
{
    // Its own Azurite: a run publishes every pending batch of the storage account, other tests' too.
    readonly AzuriteProcess azurite = new();

    public Task InitializeAsync() => azurite.StartAsync();

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    [Fact]
    public async Task A_run_repeated_after_a_crash_publishes_every_record_exactly_once()
    {
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        var department = Rows.DepartmentCode(701);
        var clock = new ShiftedClock(new DateTimeOffset(2024, 10, 9, 4, 0, 0, TimeSpan.Zero));
        var options = Options.Create(new DisclosureOptions());
        var schedule = new DisclosureSchedule(storage, options);
        var publicStore = new PublicStore(storage);
        var recordStore = TestStorage.Records(storage, clock);
        for (var chunk = 0; chunk < 5; chunk++)
        {
            var records = Enumerable.Range(chunk * 10, 10)
                .Select(i => Rows.Record(Rows.Penalty($"重跑〔2024〕{i}号", subjectCode: Rows.DepartmentCode(1000 + i), department: department), department, new DateOnly(2024, 10, 9), i + 2))
                .ToList();
            var saved = await recordStore.SaveAsync(records, "upload-701", CancellationToken.None);
            await schedule.EnqueueAsync("upload-701", chunk, saved.Changed, CancellationToken.None);
        }

        // What a process killed in the middle of the first batch leaves: the batch claimed and its copies public, nothing marked.
        var first = (await schedule.PendingAsync(CancellationToken.None))[0];
        var claimedAt = await schedule.ClaimAsync(first, clock.GetUtcNow(), CancellationToken.None);
        await publicStore.PublishAsync(await schedule.ReadAsync(first, CancellationToken.None), new DateOnly(2024, 10, 9), claimedAt, CancellationToken.None);

        await Task.Delay(50);
        long exported = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == Credit.Telemetry.CreditMetrics.MeterName && instrument.Name == "credit.records.published")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref exported, value));
        listener.Start();
        var result = await Run(storage, clock).RunAsync(CancellationToken.None);
        Assert.Equal(50, result.Published);
        // The metric Application Insights receives (other tests' runs in this process may add to it).
        Assert.True(Interlocked.Read(ref exported) >= 50, $"credit.records.published counted {exported}");
        Assert.Empty(await schedule.PendingAsync(CancellationToken.None));

        var day = (await storage.Container(StorageNames.PublicContainer).GetBlobClient("daily/2024-10-09/penalty.jsonl").DownloadContentAsync()).Value.Content.ToString();
        var documents = day.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("documentNumber").GetString()).ToList();
        Assert.Equal(50, documents.Count);
        Assert.Equal(50, documents.Distinct().Count());

        var published = new List<TableEntity>();
        await foreach (var record in recordStore.ByDisclosureAsync(department, DisclosureState.Published, CancellationToken.None))
        {
            published.Add(record);
        }

        Assert.Equal(50, published.Count);
        Assert.Equal(10, published.Count(r => r.GetDateTimeOffset(DisclosureState.PublishedAt) == claimedAt));

        Assert.Equal(new DisclosureRunResult(0, 0, 0, 0, new ListDisclosureResult(0, 0, 0)), await Run(storage, clock).RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_deadline_stored_as_an_estimate_is_judged_by_the_year_added_since()
    {
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        var department = Rows.DepartmentCode(704);
        var row = Rows.Penalty("跨年〔2026〕1号", subjectCode: Rows.DepartmentCode(3001), department: department);
        row["处罚决定日期"] = "2026-12-28";
        // Decided on 28 December 2026 with no 2027 arrangement loaded: 7 working days counted Monday to Friday.
        var record = Rows.Record(row, department, new DateOnly(2026, 12, 28));
        Assert.Equal((new DateOnly(2027, 1, 6), true), (record.DisclosureDeadline, record.DeadlineIsEstimate));
        var clock = new ShiftedClock(new DateTimeOffset(2027, 1, 7, 4, 0, 0, TimeSpan.Zero));
        var schedule = new DisclosureSchedule(storage, Options.Create(new DisclosureOptions()));
        var recordStore = TestStorage.Records(storage, clock);
        var saved = await recordStore.SaveAsync([record], "upload-704", CancellationToken.None);
        await schedule.EnqueueAsync("upload-704", 0, saved.Changed, CancellationToken.None);

        // The supervisor has since added 2027, with 1 and 4 January off: the deadline is 8 January.
        var calendar = WorkingDayCalendar.LoadEmbedded();
        var holidays = new HolidayStore(storage, calendar);
        using var arrangement = System.Text.Json.JsonDocument.Parse("""{"notices":["https://www.gov.cn/example-2027"],"offDays":{"2027-01-01":"元旦","2027-01-04":"元旦"},"makeupWorkdays":{}}""");
        Assert.Empty((await holidays.SaveAsync(2027, arrangement.RootElement)).Errors);
        var deadlines = new DisclosureDeadlines(calendar, Options.Create(new Credit.Intake.IntakeOptions()));
        var estimate = Assert.Single(await holidays.EstimatesAsync(deadlines), e => e.RecordId == record.Key.Id);
        Assert.Equal(("2027-01-06", "2027-01-08", false), (estimate.StoredDeadline, estimate.DeadlineNow, estimate.StillEstimate));

        // Published on 7 January: on time by the arrangement in force, though after the stored estimate.
        var result = await Run(storage, clock, deadlines).RunAsync(CancellationToken.None);
        Assert.Equal((1, 0), (result.Published, result.PublishedLate));
        var stored = (await storage.Table(StorageNames.RecordsTable).GetEntityAsync<TableEntity>(record.Key.PartitionKey, record.Key.RowKey)).Value;
        Assert.Equal(("2027-01-08", false, false), (stored.GetString("DisclosureDeadline"), stored.GetBoolean("DeadlineIsEstimate"), stored.GetBoolean(DisclosureState.Late)));
        Assert.DoesNotContain(await holidays.EstimatesAsync(deadlines), e => e.RecordId == record.Key.Id);
    }

    [Fact]
    public async Task A_record_that_leaves_public_view_is_scheduled_for_erasure_of_its_personal_data_when_retention_ends()
    {
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        var department = Rows.DepartmentCode(704);
        var clock = new ShiftedClock(new DateTimeOffset(2024, 10, 9, 4, 0, 0, TimeSpan.Zero));
        var schedule = new DisclosureSchedule(storage, Options.Create(new DisclosureOptions()));
        var record = Rows.Record(Rows.Penalty("撤销〔2024〕1号", department: department), department, new DateOnly(2024, 10, 9));
        await schedule.EnqueueAsync("upload-704", 0, (await TestStorage.Records(storage, clock).SaveAsync([record], "upload-704", CancellationToken.None)).Changed, CancellationToken.None);
        await schedule.ScheduleWithdrawalsAsync([new DueWithdrawal(new DateOnly(2024, 10, 9), record.Key.Id, record.SubjectKey, "撤销", "京市监撤〔2024〕1号")], CancellationToken.None);

        var result = await Run(storage, clock).RunAsync(CancellationToken.None);

        Assert.Equal((1, 1), (result.Published, result.Withdrawn));
        var scheduled = new List<TableEntity>();
        await foreach (var row in storage.Table(StorageNames.PersonalDataPurgesTable).QueryAsync<TableEntity>(e => e.RowKey == record.Key.Id))
        {
            scheduled.Add(row);
        }

        Assert.Equal("2029-10-09", Assert.Single(scheduled).PartitionKey);
    }

    [Fact]
    public async Task A_record_that_cannot_be_published_is_quarantined_and_holds_back_no_other()
    {
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        var (poisoner, other) = (Rows.DepartmentCode(702), Rows.DepartmentCode(703));
        var clock = new ShiftedClock(new DateTimeOffset(2024, 10, 9, 4, 0, 0, TimeSpan.Zero));
        var schedule = new DisclosureSchedule(storage, Options.Create(new DisclosureOptions()));
        var recordStore = TestStorage.Records(storage, clock);
        List<Credit.Records.DisclosureRecord> Records(string department, int from) =>
        [
            .. Enumerable.Range(from, 4).Select(i => Rows.Record(Rows.Penalty($"隔离〔2024〕{i}号", subjectCode: Rows.DepartmentCode(2000 + i), department: department), department, new DateOnly(2024, 10, 9), i + 2)),
        ];

        // The poisoner's batch: three good records and one whose id no record store can take (written past validation).
        var good = (await recordStore.SaveAsync(Records(poisoner, 0), "upload-702", CancellationToken.None)).Changed;
        var poison = good[0] with { Key = new Credit.Records.RecordKey(poisoner + "-x", "not-a-record") };
        await schedule.EnqueueAsync("upload-702", 0, [.. good.Skip(1), poison], CancellationToken.None);
        await Task.Delay(50);
        var clean = (await recordStore.SaveAsync(Records(other, 10), "upload-703", CancellationToken.None)).Changed;
        await schedule.EnqueueAsync("upload-703", 0, clean, CancellationToken.None);
        // A withdrawal no run can do, due today: it must not stop the run.
        await schedule.ScheduleWithdrawalsAsync([new DueWithdrawal(new DateOnly(2024, 10, 9), "not-a-record", Rows.Company, "revoked", null)], CancellationToken.None);

        var quarantine = new Credit.Quarantine.QuarantineStore(storage, new StatisticsLedger(storage), clock);
        var first = await Run(storage, clock).RunAsync(CancellationToken.None);
        Assert.Equal(7, first.Published);
        var publicRows = new List<TableEntity>();
        await foreach (var row in storage.Table(StorageNames.PublicRecordsTable).QueryAsync<TableEntity>())
        {
            publicRows.Add(row);
        }

        Assert.Equal(7, publicRows.Count);
        Assert.DoesNotContain(publicRows, r => r.RowKey == poison.Key.Id);
        var day = (await storage.Container(StorageNames.PublicContainer).GetBlobClient("daily/2024-10-09/penalty.jsonl").DownloadContentAsync()).Value.Content.ToString();
        Assert.DoesNotContain(poison.Key.Id, day, StringComparison.Ordinal);
        var failures = await quarantine.ListAsync(CancellationToken.None);
        Assert.Equal(2, failures.Count);
        Assert.All(failures, f => Assert.Equal((1, false), (f.Attempts, f.Quarantined)));
        Assert.Contains(failures, f => f.Department == poisoner && f.Reason.Contains("not a record id", StringComparison.Ordinal));

        await Run(storage, clock).RunAsync(CancellationToken.None);
        var third = await Run(storage, clock).RunAsync(CancellationToken.None);
        Assert.Equal(0, third.Published);
        failures = await quarantine.ListAsync(CancellationToken.None);
        Assert.All(failures, f => Assert.Equal((Credit.Quarantine.QuarantineStore.MaxAttempts, true), (f.Attempts, f.Quarantined)));
        Assert.Equal(2, await quarantine.CountAsync(CancellationToken.None));
        Assert.Single(await schedule.PendingAsync(CancellationToken.None));

        // Set aside, the items cost the next run nothing and change nothing.
        Assert.Equal(new DisclosureRunResult(0, 0, 0, 0, new ListDisclosureResult(0, 0, 0)), await Run(storage, clock).RunAsync(CancellationToken.None));
        Assert.All(await quarantine.ListAsync(CancellationToken.None), f => Assert.Equal(Credit.Quarantine.QuarantineStore.MaxAttempts, f.Attempts));
    }

    static DisclosureRun Run(StorageClients storage, TimeProvider clock, DisclosureDeadlines? deadlines = null) => TestStorage.DisclosureRun(storage, clock, deadlines);
}
