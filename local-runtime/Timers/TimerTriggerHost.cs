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
/// function so that two runtime processes on one storage account never run the same timer at once.
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
        var status = await ReadStatusAsync(table, function.Name, stoppingToken);
        var useMonitor = function.TriggerAs<TimerTriggerAttribute>().UseMonitor;
        // Past due: the stored next occurrence went by while no runtime was up. It runs once, now.
        var next = useMonitor && status is { Next: var stored } && stored <= clock.GetUtcNow() ? stored : schedule.NextAfter(clock.GetUtcNow());
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
                await RunOnceAsync(function, new TimerInfo
                {
                    IsPastDue = isPastDue,
                    ScheduleStatus = new ScheduleStatus { Last = status?.Last.UtcDateTime ?? default, Next = following.UtcDateTime, LastUpdated = clock.GetUtcNow().UtcDateTime },
                }, stoppingToken);
                status = new ScheduleState(next, following);
                if (useMonitor)
                {
                    await WriteStatusAsync(table, function.Name, status, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRunFailed(logger, e, function.Name);
            }

            next = following;
        }
    }

    /// <summary>Runs the function under the function's blob lease; another process holding it means this occurrence is theirs.</summary>
    async Task RunOnceAsync(FunctionEntry function, TimerInfo timer, CancellationToken stoppingToken)
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
        try
        {
            await lease.AcquireAsync(LeaseDuration, cancellationToken: stoppingToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            LogSkipped(logger, function.Name);
            return;
        }

        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewing = RenewAsync(lease, renewal.Token);
        try
        {
            await using var scope = services.CreateAsyncScope();
            var context = new LocalFunctionContext(function, scope.ServiceProvider, new Dictionary<string, object?>(), stoppingToken);
            await FunctionInvoker.InvokeAsync(function, context, _ => timer);
        }
        finally
        {
            await renewal.CancelAsync();
            await renewing;
            await lease.ReleaseAsync(cancellationToken: CancellationToken.None);
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
            ? new ScheduleState(entity.Value!.GetDateTimeOffset("Last") ?? default, entity.Value.GetDateTimeOffset("Next") ?? default)
            : null;
    }

    static async Task WriteStatusAsync(TableClient table, string function, ScheduleState status, CancellationToken cancellationToken) =>
        await table.UpsertEntityAsync(new TableEntity(function, "status") { ["Last"] = status.Last, ["Next"] = status.Next }, TableUpdateMode.Replace, cancellationToken);

    sealed record ScheduleState(DateTimeOffset Last, DateTimeOffset Next);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer function {Function} failed; it runs again at its next occurrence")]
    static partial void LogRunFailed(ILogger logger, Exception exception, string function);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer function {Function} is running in another process; this occurrence is left to it")]
    static partial void LogSkipped(ILogger logger, string function);
}
