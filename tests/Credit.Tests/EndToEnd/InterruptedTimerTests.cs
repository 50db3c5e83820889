using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Credit.LocalRuntime.Timers;
using Credit.Storage;
using Credit.Testing;
using Credit.Tests.Support;

namespace Credit.Tests.EndToEnd;

/// <summary>
/// A timer occurrence that a kill -9 interrupts is still due at the next start (issue 15): the restarted runtime
/// waits out the dead process's lease and runs it, instead of taking the lease as "another process has it" and
/// the occurrence as done. On an Azurite of its own: the timers' status and leases are per storage account.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class InterruptedTimerTests : IAsyncLifetime
{
    const int RowCount = 20_000;
    const string Yearly = "0 0 0 1 1 *";
    static readonly string Department = Rows.DepartmentCode(302);
    static readonly string[] OtherTimers = ["ExpiryRun", "DeadlineRun", "StatisticsRun", "PurgeRun"];
    readonly Azurite azurite = new();

    public Task InitializeAsync() => azurite.InitializeAsync();

    public Task DisposeAsync() => azurite.DisposeAsync();

    [Fact]
    public async Task Each_timer_occurrence_a_kill_interrupted_runs_at_the_next_start()
    {
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        var key = await TestStorage.RegisterDepartmentAsync(storage, Department, "中断测试局");
        var port = FreePort.Next();

        await using (var ingesting = await RuntimeProcess.StartAsync(azurite.ConnectionString, "TimerKillHub", port, Schedules(Yearly, Yearly)))
        {
            using var api = new ProductApi(ingesting.BaseAddress, key);
            await api.UploadAsync(Department, "pending.csv", Encoding.UTF8.GetBytes(Rows.Csv(Enumerable.Range(1, RowCount).Select(Decided))));
            Assert.Equal("completed", (await api.WaitForUploadAsync(Department, "pending.csv", TimeSpan.FromMinutes(3))).GetProperty("state").GetString());
        }

        // One occurrence a day, 10 s from now (or at once if the runtime takes longer to start: it is then past due): the runtime started for it runs the disclosure then, and is killed while it does.
        var occurrence = DateTimeOffset.UtcNow.AddSeconds(10);
        var daily = string.Create(CultureInfo.InvariantCulture, $"{occurrence.Second} {occurrence.Minute} {occurrence.Hour} * * *");
        occurrence = new DateTimeOffset(occurrence.Year, occurrence.Month, occurrence.Day, occurrence.Hour, occurrence.Minute, occurrence.Second, TimeSpan.Zero);
        var disclosureLock = storage.Container(TimerTriggerHost.LocksContainer).GetBlobClient("DisclosureRun");
        var killed = await RuntimeProcess.StartAsync(azurite.ConnectionString, "TimerKillHub", port, Schedules(daily, Yearly));
        try
        {
            await WaitUntilAsync(async () => (await disclosureLock.ExistsAsync()).Value && (await disclosureLock.GetPropertiesAsync()).Value.LeaseState == LeaseState.Leased, TimeSpan.FromSeconds(60));
            killed.KillHard();
        }
        finally
        {
            await killed.DisposeAsync();
        }

        var pendingAfterKill = await PendingBatchesAsync(storage);
        Assert.True(pendingAfterKill > 0, "the kill came after the disclosure run had finished, so it interrupted nothing");

        // The four other timers, left as a kill during each of them leaves them: due at the same occurrence, leased by a process that is gone.
        var status = storage.Table(TimerTriggerHost.StatusTable);
        foreach (var timer in OtherTimers)
        {
            await status.UpsertEntityAsync(new TableEntity(timer, "status") { ["Last"] = occurrence.AddDays(-1), ["Next"] = occurrence, ["LastUpdated"] = occurrence.AddDays(-1) });
            var lockBlob = storage.Container(TimerTriggerHost.LocksContainer).GetBlobClient(timer);
            await lockBlob.UploadAsync(BinaryData.Empty, overwrite: true);
            await lockBlob.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(15));
        }

        await using var restarted = await RuntimeProcess.StartAsync(azurite.ConnectionString, "TimerKillHub", port, Schedules(daily, daily));
        await WaitUntilAsync(async () => await PendingBatchesAsync(storage) == 0, TimeSpan.FromSeconds(120));
        Assert.Equal(RowCount, await PublishedAsync(storage));
        foreach (var timer in (string[])["DisclosureRun", .. OtherTimers])
        {
            await WaitUntilAsync(async () => (await status.GetEntityAsync<TableEntity>(timer, "status")).Value.GetDateTimeOffset("Last") == occurrence, TimeSpan.FromSeconds(60));
        }

        Assert.Contains("waiting until it releases or its lease expires", restarted.Output, StringComparison.Ordinal);
    }

    /// <summary>A penalty decided yesterday (Beijing): still within its public period, so the disclosure run publishes it.</summary>
    static IReadOnlyDictionary<string, string> Decided(int i)
    {
        var row = Rows.Penalty($"京中罚〔2026〕{i}号", department: Department);
        row["处罚决定日期"] = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return row;
    }

    static Dictionary<string, string> Schedules(string disclosure, string others) => new()
    {
        ["DisclosureSchedule"] = disclosure,
        ["ExpirySchedule"] = others,
        ["DeadlineSchedule"] = others,
        ["StatisticsSchedule"] = others,
        ["PurgeSchedule"] = others,
    };

    static async Task<int> PendingBatchesAsync(StorageClients storage)
    {
        var count = 0;
        await foreach (var _ in storage.Table(StorageNames.DisclosureQueueTable).QueryAsync<TableEntity>(e => e.PartitionKey == "publish", select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }

    static async Task<int> PublishedAsync(StorageClients storage)
    {
        var count = 0;
        await foreach (var _ in storage.Table(StorageNames.PublicRecordsTable).QueryAsync<TableEntity>(filter: "Kind eq 'Penalty'", select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }

    static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within {timeout}");
            await Task.Delay(50);
        }
    }
}
