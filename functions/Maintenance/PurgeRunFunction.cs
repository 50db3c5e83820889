using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Credit.Functions.Maintenance;

/// <summary>The daily purge of finished durable instances and left-over intake work, on the schedule of the setting PurgeSchedule.</summary>
public sealed partial class PurgeRunFunction(RetentionPurge purge, ILogger<PurgeRunFunction> logger)
{
    [Function("PurgeRun")]
    public async Task Run([TimerTrigger("%PurgeSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var result = await purge.RunAsync(durable, cancellationToken);
        LogPurged(logger, result.Instances, result.LeftoverBlobs);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purge: {Instances} finished durable instances past retention, {Blobs} intake work blobs and upload snapshots left behind")]
    static partial void LogPurged(ILogger logger, int instances, int blobs);
}
