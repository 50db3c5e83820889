using Credit.PersonalData;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Credit.Functions.Maintenance;

/// <summary>
/// The daily purge, on the schedule of the setting PurgeSchedule: finished durable instances, left-over intake work,
/// and the personal data of records past their publicity and retention periods.
/// </summary>
public sealed partial class PurgeRunFunction(RetentionPurge purge, PersonalDataPurge personalData, ILogger<PurgeRunFunction> logger)
{
    [Function("PurgeRun")]
    public async Task Run([TimerTrigger("%PurgeSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var result = await purge.RunAsync(durable, cancellationToken);
        LogPurged(logger, result.Instances, result.LeftoverBlobs);
        var erased = await personalData.RunAsync(cancellationToken);
        LogErased(logger, erased);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purge: {Instances} finished durable instances past retention, {Blobs} intake work blobs and upload snapshots left behind")]
    static partial void LogPurged(ILogger logger, int instances, int blobs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Purge: the personal data of {Records} records past their publicity and retention periods erased")]
    static partial void LogErased(ILogger logger, int records);
}
