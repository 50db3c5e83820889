using Credit.Calendar;
using Credit.Functions.Maintenance;
using Credit.Storage;
using Credit.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Credit.Tests.Integration;

/// <summary>The daily purge on the real durable engine and Azurite: only what ended before the retention period goes.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class RetentionPurgeTests : IAsyncLifetime
{
    readonly AzuriteProcess azurite = new();

    public Task InitializeAsync() => azurite.StartAsync();

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    [Fact]
    public async Task A_purge_removes_only_instances_that_ended_before_the_retention_period_and_stale_intake_work()
    {
        await using var engine = await TestEngine.StartAsync(azurite.ConnectionString, "PurgeHub", t =>
        {
            t.AddOrchestratorFunc<int, int>("Done", (_, n) => n);
            t.AddOrchestratorFunc<int, int>("Waiting", async (context, _) => await context.WaitForExternalEvent<int>("never"));
        });
        var durable = engine.Client;
        foreach (var id in new[] { "done-1", "done-2" })
        {
            await durable.ScheduleNewOrchestrationInstanceAsync("Done", 1, new StartOrchestrationOptions(id));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await durable.WaitForInstanceCompletionAsync(id, timeout.Token);
        }

        await durable.ScheduleNewOrchestrationInstanceAsync("Waiting", 1, new StartOrchestrationOptions("waiting"));
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        var work = storage.Container(StorageNames.IntakeWorkContainer).GetBlobClient("upload-1/rejections-0.json");
        await work.UploadAsync(BinaryData.FromString("[]"));
        var upload = storage.Container(StorageNames.UploadsContainer).GetBlobClient("11110000000021135M/left.csv");
        await upload.UploadAsync(BinaryData.FromString("a,b\n"));
        var leftSnapshot = upload.WithSnapshot((await upload.CreateSnapshotAsync()).Value.Snapshot);

        // Five days on: everything is younger than the 90 days kept, and the work blob and the snapshot younger than a week.
        var soon = await Purge(storage, DateTimeOffset.UtcNow.AddDays(5)).RunAsync(durable, CancellationToken.None);
        Assert.Equal(new RetentionPurgeResult(0, 0), soon);
        Assert.NotNull(await durable.GetInstanceAsync("done-1"));
        Assert.True(await work.ExistsAsync());
        Assert.True(await leftSnapshot.ExistsAsync());

        // Ninety-one days on: the two finished instances, the work blob and the snapshot go; the one still waiting and the upload itself stay.
        var later = await Purge(storage, DateTimeOffset.UtcNow.AddDays(91)).RunAsync(durable, CancellationToken.None);
        Assert.Equal(new RetentionPurgeResult(2, 2), later);
        Assert.False(await leftSnapshot.ExistsAsync());
        Assert.True(await upload.ExistsAsync());
        Assert.Null(await durable.GetInstanceAsync("done-1"));
        Assert.Null(await durable.GetInstanceAsync("done-2"));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await durable.GetInstanceAsync("waiting"))?.RuntimeStatus);
        Assert.False(await work.ExistsAsync());
    }

    static RetentionPurge Purge(StorageClients storage, DateTimeOffset now) =>
        new(storage, new ShiftedClock(now), Options.Create(new RetentionOptions { RetentionDays = 90 }));
}
