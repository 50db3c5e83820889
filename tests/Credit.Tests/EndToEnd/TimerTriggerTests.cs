using System.Collections.Concurrent;
using Credit.LocalRuntime.Catalog;
using Credit.LocalRuntime.Timers;
using Credit.Storage;
using Credit.Tests.Support;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Credit.Tests.EndToEnd;

/// <summary>Timer functions the tests own, served by the runtime's timer host on Azurite.</summary>
public sealed class TimerProbes(TimerCalls calls)
{
    [Function("ProbeEverySecond")]
    public void EverySecond([TimerTrigger("%ProbeSchedule%")] TimerInfo timer) => calls.Record("ProbeEverySecond", timer);

    [Function("ProbeYearly")]
    public void Yearly([TimerTrigger("0 0 0 1 1 *")] TimerInfo timer) => calls.Record("ProbeYearly", timer);

    [Function("ProbeSlow")]
    public async Task Slow([TimerTrigger("*/1 * * * * *")] TimerInfo timer)
    {
        calls.Enter();
        calls.Record("ProbeSlow", timer);
        await Task.Delay(1500);
        calls.Leave();
    }
}

public sealed class TimerCalls
{
    int running;

    public ConcurrentQueue<(string Function, TimerInfo Timer)> Calls { get; } = new();
    public int MaxConcurrent { get; private set; }

    public void Record(string function, TimerInfo timer) => Calls.Enqueue((function, timer));

    public void Enter()
    {
        var now = Interlocked.Increment(ref running);
        lock (Calls)
        {
            MaxConcurrent = Math.Max(MaxConcurrent, now);
        }
    }

    public void Leave() => Interlocked.Decrement(ref running);

    public int Count(string function) => Calls.Count(c => c.Function == function);
}

[Collection(AzuriteGroup.Name)]
public sealed class TimerTriggerTests(Azurite azurite)
{
    readonly TimerCalls calls = new();

    TimerTriggerHost Host(string function)
    {
        var all = FunctionCatalog.Discover(typeof(TimerProbes).Assembly);
        var catalog = new FunctionCatalog([.. all.Functions.Where(f => f.Name == function)]);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ProbeSchedule"] = "*/1 * * * * *" }).Build();
        var services = new ServiceCollection().AddSingleton(calls).BuildServiceProvider();
        return new TimerTriggerHost(catalog, StorageClients.FromConnectionString(azurite.ConnectionString), services, configuration, TimeProvider.System, NullLogger<TimerTriggerHost>.Instance);
    }

    static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Runs_on_the_schedule_a_setting_names()
    {
        using var host = Host("ProbeEverySecond");
        await host.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => calls.Count("ProbeEverySecond") >= 3, TimeSpan.FromSeconds(10));
        await host.StopAsync(CancellationToken.None);
        var timers = calls.Calls.Select(c => c.Timer).ToList();
        Assert.All(timers, t => Assert.False(t.IsPastDue));
        Assert.All(timers, t => Assert.True(t.ScheduleStatus!.Next > DateTime.UtcNow.AddSeconds(-5)));
    }

    [Fact]
    public async Task An_occurrence_missed_while_down_runs_once_at_start()
    {
        var status = StorageClients.FromConnectionString(azurite.ConnectionString).Table(TimerTriggerHost.StatusTable);
        await status.CreateIfNotExistsAsync();
        await status.UpsertEntityAsync(new Azure.Data.Tables.TableEntity("ProbeYearly", "status") { ["Last"] = DateTimeOffset.UtcNow.AddYears(-1), ["Next"] = DateTimeOffset.UtcNow.AddHours(-1) });

        using var host = Host("ProbeYearly");
        await host.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => calls.Count("ProbeYearly") == 1, TimeSpan.FromSeconds(10));
        await Task.Delay(1500);
        await host.StopAsync(CancellationToken.None);

        var (_, timer) = Assert.Single(calls.Calls);
        Assert.True(timer.IsPastDue);
        var stored = (await status.GetEntityAsync<Azure.Data.Tables.TableEntity>("ProbeYearly", "status")).Value.GetDateTimeOffset("Next")!.Value;
        Assert.True(stored > DateTimeOffset.UtcNow, "the next occurrence is in the future once the missed one ran");
    }

    [Fact]
    public async Task An_occurrence_a_killed_process_was_running_runs_again_at_start()
    {
        // What kill -9 during the function leaves: the occurrence not recorded as done and the function's lease held
        // by a process that will never release it (15 s, the shortest lease storage grants; the runtime takes 30 s).
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        var status = storage.Table(TimerTriggerHost.StatusTable);
        await status.CreateIfNotExistsAsync();
        var interrupted = new DateTimeOffset(DateTimeOffset.UtcNow.Year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await status.UpsertEntityAsync(new Azure.Data.Tables.TableEntity("ProbeYearly", "status") { ["Last"] = interrupted.AddYears(-1), ["Next"] = interrupted });
        var locks = storage.Container(TimerTriggerHost.LocksContainer);
        await locks.CreateIfNotExistsAsync();
        var lockBlob = locks.GetBlobClient("ProbeYearly");
        await lockBlob.UploadAsync(BinaryData.Empty, overwrite: true);
        await Azure.Storage.Blobs.Specialized.SpecializedBlobExtensions.GetBlobLeaseClient(lockBlob).AcquireAsync(TimeSpan.FromSeconds(15));

        using var host = Host("ProbeYearly");
        await host.StartAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Empty(calls.Calls);
        await WaitUntilAsync(() => calls.Count("ProbeYearly") == 1, TimeSpan.FromSeconds(30));
        await Task.Delay(1500);
        await host.StopAsync(CancellationToken.None);

        var (_, timer) = Assert.Single(calls.Calls);
        Assert.True(timer.IsPastDue);
        var stored = (await status.GetEntityAsync<Azure.Data.Tables.TableEntity>("ProbeYearly", "status")).Value;
        Assert.Equal(interrupted, stored.GetDateTimeOffset("Last"));
        Assert.True(stored.GetDateTimeOffset("Next") > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Two_runtimes_never_run_the_same_timer_at_once()
    {
        using var first = Host("ProbeSlow");
        using var second = Host("ProbeSlow");
        await Task.WhenAll(first.StartAsync(CancellationToken.None), second.StartAsync(CancellationToken.None));
        await Task.Delay(TimeSpan.FromSeconds(5));
        await Task.WhenAll(first.StopAsync(CancellationToken.None), second.StopAsync(CancellationToken.None));
        Assert.True(calls.Count("ProbeSlow") >= 2);
        Assert.Equal(1, calls.MaxConcurrent);
        var occurrences = calls.Calls.Where(c => c.Function == "ProbeSlow").Select(c => c.Timer.ScheduleStatus!.Next).ToList();
        Assert.Equal(occurrences.Count, occurrences.Distinct().Count());
    }

    [Theory]
    [InlineData("%Missing%", "names the setting %Missing%")]
    [InlineData("every minute", "is not a CRON schedule")]
    [InlineData("0 0 12 ? * MON", "is not a CRON schedule")]
    public void A_bad_schedule_says_what_is_wrong(string schedule, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TimerSchedule.Parse(schedule, new ConfigurationBuilder().Build(), "F"));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Five_and_six_field_schedules()
    {
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(at.AddMinutes(15), TimerSchedule.Parse("0 */15 * * * *", new ConfigurationBuilder().Build(), "F").NextAfter(at));
        Assert.Equal(at.AddMinutes(15), TimerSchedule.Parse("*/15 * * * *", new ConfigurationBuilder().Build(), "F").NextAfter(at));
    }
}
