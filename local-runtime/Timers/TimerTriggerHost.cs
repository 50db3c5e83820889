using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Specialized;
using Credit.LocalRuntime.Catalog;
using Credit.LocalRuntime.Invocation;
using Credit.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Credit.LocalRuntime.Timers;

/// <summary>
/// Serves timer triggers as the Functions host does: the CRON schedule of the attribute (with %Setting%
/// references resolved), the schedule status kept in storage (table <see cref="StatusTable"/>) so that an
/// occurrence missed while no runtime was up runs once at the next start with IsPastDue, and a blob lease per
/// function so that two runtime processes on one storage account never run the same timer at once. As on the host,
/// an occurrence counts as done only once its function returned: one interrupted by a kill is still due at the
/// next start, which waits out the dead process's lease.
/// </summary>
public sealed partial class TimerTriggerHost(
    FunctionCatalog catalog,
    StorageClients storage,
    IServiceProvider services,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<TimerTriggerHost> logger) : BackgroundService
{
    public const string StatusTable = "LocalRuntimeTimerStatus";
    public const string LocksContainer = "local-runtime-locks";
    static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);
    static readonly TimeSpan LeaseRetry = TimeSpan.FromSeconds(2);
    static readonly TimeSpan PastDueTolerance = TimeSpan.FromSeconds(1);
    static readonly TimeSpan MaxDelay = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timers = catalog.OfKind(TriggerKind.Timer)
            .Select(f => (Function: f, Schedule: TimerSchedule.Parse(f.TriggerAs<TimerTriggerAttribute>().Schedule, configuration, f.Name)))
            .ToList();
        if (timers.Count == 0)
        {
            return;
        }

        var table = storage.Table(StatusTable);
        await table.CreateIfNotExistsAsync(stoppingToken);
        await storage.Container(LocksContainer).CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        await Task.WhenAll(timers.Select(t => RunScheduleAsync(t.Function, t.Schedule, table, stoppingToken)));
    }

    async Task RunScheduleAsync(FunctionEntry function, TimerSchedule schedule, TableClient table, CancellationToken stoppingToken)
    {
        var useMonitor = function.TriggerAs<TimerTriggerAttribute>().UseMonitor;
        var status = useMonitor ? await CheckStatusAsync(table, function.Name, schedule, stoppingToken) : null;
        // Past due: the recorded next occurrence went by while no runtime was up, or a kill interrupted it. It runs once, now.
        var next = status is { Next: var due } && due <= clock.GetUtcNow() ? due : schedule.NextAfter(clock.GetUtcNow());
        while (!stoppingToken.IsCancellationRequested)
        {
            // Task.Delay takes at most ~49 days; a yearly schedule waits in steps.
            for (var wait = next - clock.GetUtcNow(); wait > TimeSpan.Zero; wait = next - clock.GetUtcNow())
            {
                await Task.Delay(wait < MaxDelay ? wait : MaxDelay, clock, stoppingToken);
            }

            var isPastDue = clock.GetUtcNow() - next > PastDueTolerance;
            var following = schedule.NextAfter(clock.GetUtcNow());
            try
            {
                await RunOnceAsync(function, useMonitor ? new Occurrence(table, next, following) : null, new TimerInfo
                {
                    IsPastDue = isPastDue,
                    ScheduleStatus = new ScheduleStatus { Last = status?.Last?.UtcDateTime ?? default, Next = following.UtcDateTime, LastUpdated = clock.GetUtcNow().UtcDateTime },
                }, stoppingToken);
                status = new ScheduleState(next, following, clock.GetUtcNow());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRunFailed(logger, e, function.Name);
            }

            next = following;
        }
    }

    /// <summary>
    /// The recorded status, brought in line with the schedule as the host's schedule monitor does: the next
    /// occurrence follows the last that ran (or the status's last update), so a changed schedule re-bases it, and a
    /// function's first status is recorded at start, before its first occurrence could be interrupted.
    /// </summary>
    async Task<ScheduleState> CheckStatusAsync(TableClient table, string function, TimerSchedule schedule, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var status = await ReadStatusAsync(table, function, cancellationToken);
        var expected = schedule.NextAfter(status?.Last ?? status?.LastUpdated ?? now);
        if (status is not null && status.Next == expected)
        {
            return status;
        }

        status = new ScheduleState(status?.Last, expected, now);
        await WriteStatusAsync(table, function, status, cancellationToken);
        return status;
    }

    /// <summary>
    /// Runs the function under the function's blob lease. A lease held elsewhere is waited out: its holder may be a
    /// live process running this occurrence (its recorded status then says so, and it is not run twice) or a
    /// killed one whose lease only expires (the occurrence is then still due and runs here). The occurrence is
    /// recorded as done before the lease is released, so whoever takes it next reads the truth.
    /// </summary>
    async Task RunOnceAsync(FunctionEntry function, Occurrence? occurrence, TimerInfo timer, CancellationToken stoppingToken)
    {
        var lockBlob = storage.Container(LocksContainer).GetBlobClient(function.Name);
        if (!await lockBlob.ExistsAsync(stoppingToken))
        {
            try
            {
                await lockBlob.UploadAsync(BinaryData.Empty, overwrite: false, stoppingToken);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
            }
        }

        var lease = lockBlob.GetBlobLeaseClient();
        if (!await TryAcquireAsync(lease, function.Name, waitOut: occurrence is not null, stoppingToken))
        {
            return;
        }

        if (occurrence is not null && await ReadStatusAsync(occurrence.Table, function.Name, stoppingToken) is { } recorded && recorded.Last >= occurrence.At)
        {
            await lease.ReleaseAsync(cancellationToken: CancellationToken.None);
            LogRanElsewhere(logger, function.Name, occurrence.At);
            return;
        }

        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewing = RenewAsync(lease, renewal.Token);
        try
        {
            await using var scope = services.CreateAsyncScope();
            var context = new LocalFunctionContext(function, scope.ServiceProvider, new Dictionary<string, object?>(), stoppingToken);
            await FunctionInvoker.InvokeAsync(function, context, _ => timer);
            if (occurrence is not null)
            {
                await WriteStatusAsync(occurrence.Table, function.Name, new ScheduleState(occurrence.At, occurrence.Following, clock.GetUtcNow()), stoppingToken);
            }
        }
        finally
        {
            await renewal.CancelAsync();
            await renewing;
            await lease.ReleaseAsync(cancellationToken: CancellationToken.None);
        }
    }

    /// <summary>
    /// Takes the lease; with <paramref name="waitOut"/>, retries until the holder releases it or it expires (at most
    /// the lease's duration after a kill). Without it (no recorded status to tell a finished occurrence from an
    /// interrupted one), a held lease means the occurrence is another process's.
    /// </summary>
    async Task<bool> TryAcquireAsync(BlobLeaseClient lease, string function, bool waitOut, CancellationToken stoppingToken)
    {
        for (var logged = false; ; logged = true)
        {
            try
            {
                await lease.AcquireAsync(LeaseDuration, cancellationToken: stoppingToken);
                return true;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                if (!waitOut)
                {
                    LogSkipped(logger, function);
                    return false;
                }

                if (!logged)
                {
                    LogWaiting(logger, function);
                }
            }

            await Task.Delay(LeaseRetry, clock, stoppingToken);
        }
    }

    static async Task RenewAsync(BlobLeaseClient lease, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(LeaseDuration / 3, cancellationToken);
                await lease.RenewAsync(cancellationToken: cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    static async Task<ScheduleState?> ReadStatusAsync(TableClient table, string function, CancellationToken cancellationToken)
    {
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(function, "status", cancellationToken: cancellationToken);
        return entity.HasValue
            ? new ScheduleState(entity.Value!.GetDateTimeOffset("Last"), entity.Value.GetDateTimeOffset("Next") ?? default, entity.Value.GetDateTimeOffset("LastUpdated"))
            : null;
    }

    static async Task WriteStatusAsync(TableClient table, string function, ScheduleState status, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(function, "status") { ["Next"] = status.Next, ["LastUpdated"] = status.LastUpdated };
        if (status.Last is { } last)
        {
            entity["Last"] = last;
        }

        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The last occurrence that ran to its end (none yet: null), the next one due, and when this was recorded.</summary>
    sealed record ScheduleState(DateTimeOffset? Last, DateTimeOffset Next, DateTimeOffset? LastUpdated);

    /// <summary>An occurrence being run, the one after it, and the table its status is recorded in once its function returned.</summary>
    sealed record Occurrence(TableClient Table, DateTimeOffset At, DateTimeOffset Following);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer function {Function} failed; it runs again at its next occurrence")]
    static partial void LogRunFailed(ILogger logger, Exception exception, string function);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer function {Function} is running in another process; this occurrence is left to it")]
    static partial void LogSkipped(ILogger logger, string function);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer function {Function} is leased by another process, running or killed; waiting until it releases or its lease expires")]
    static partial void LogWaiting(ILogger logger, string function);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer function {Function}: another process ran the occurrence of {Occurrence:o}")]
    static partial void LogRanElsewhere(ILogger logger, string function, DateTimeOffset occurrence);
}
