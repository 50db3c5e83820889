using Azure.Data.Tables;
using Credit.Statistics;
using Credit.Calendar;
using Credit.Disclosure;
using Credit.Storage;
using Credit.Testing;
using Microsoft.Extensions.Options;

namespace Credit.Tests.Integration;

/// <summary>A disclosure run that stopped half way (a killed process) and ran again publishes every record once.</summary>
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
        var recordStore = new RecordStore(storage, clock);
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
        var result = await new DisclosureRun(schedule, publicStore, recordStore, new StatisticsLedger(storage), new Credit.Quarantine.QuarantineStore(storage, new StatisticsLedger(storage), clock), clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<DisclosureRun>.Instance).RunAsync(CancellationToken.None);
        Assert.Equal(50, result.Published);
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

        Assert.Equal(new DisclosureRunResult(0, 0, 0, 0), await new DisclosureRun(schedule, publicStore, recordStore, new StatisticsLedger(storage), new Credit.Quarantine.QuarantineStore(storage, new StatisticsLedger(storage), clock), clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<DisclosureRun>.Instance).RunAsync(CancellationToken.None));
    }
}
