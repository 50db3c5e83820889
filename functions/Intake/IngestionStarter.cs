using Azure.Storage.Blobs;
using Credit.Functions.Signals;
using Credit.Intake;
using Credit.Orchestrations.Intake;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Credit.Functions.Intake;

/// <summary>What starting the ingestion of a file's current content came to.</summary>
public enum IngestionStart
{
    /// <summary>An ingestion of this content was started now (a first one, or again after one that failed or was terminated).</summary>
    Started,

    /// <summary>This content is being ingested; the running ingestion reads its own snapshot and goes on.</summary>
    Running,

    /// <summary>This content was ingested to its end; its report stands.</summary>
    Completed,

    /// <summary>No file is stored under the name.</summary>
    Missing,
}

/// <summary>
/// Starts the ingestion of what is stored under a department's file name, once per content: for the blob trigger
/// and for a department's retry. "Already ingested" means completed: content whose ingestion failed or was
/// terminated is ingested again, from a fresh snapshot (issue 15).
/// </summary>
public sealed partial class IngestionStarter(UploadIndex uploads, ILogger<IngestionStarter> logger)
{
    public async Task<(IngestionStart Start, UploadRef? Upload)> StartAsync(BlobClient blob, string departmentCode, string fileName, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (await UploadFingerprint.FreezeAsync(blob, departmentCode, fileName, cancellationToken) is not { } upload)
        {
            return (IngestionStart.Missing, null);
        }

        await uploads.RecordAsync(upload, cancellationToken);
        var existing = await durable.GetInstanceAsync(upload.InstanceId, cancellationToken);
        if (existing?.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended)
        {
            await UploadFingerprint.ReleaseAsync(blob, upload, cancellationToken);
            LogAlreadyTaken(logger, upload.BlobName, upload.InstanceId, existing.RuntimeStatus);
            return (existing.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? IngestionStart.Completed : IngestionStart.Running, upload);
        }

        if (existing is not null)
        {
            // Failed or terminated: its history goes (the failure is in the log under this id) and the content is ingested again.
            await durable.PurgeInstanceAsync(upload.InstanceId, options: null, cancellation: cancellationToken);
            LogIngestingAgain(logger, upload.BlobName, upload.InstanceId, existing.RuntimeStatus);
        }

        if (!await durable.StartOnceAsync(nameof(IngestFile), upload, upload.InstanceId, cancellationToken))
        {
            // Started a moment ago by the same content's other delivery (an event sent twice, the file sent again).
            await UploadFingerprint.ReleaseAsync(blob, upload, cancellationToken);
            LogAlreadyTaken(logger, upload.BlobName, upload.InstanceId, OrchestrationRuntimeStatus.Pending);
            return (IngestionStart.Running, upload);
        }

        LogIngesting(logger, upload.BlobName, upload.InstanceId);
        return (IngestionStart.Started, upload);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {Blob} with this content is already {Status} as {InstanceId}")]
    static partial void LogAlreadyTaken(ILogger logger, string blob, string instanceId, OrchestrationRuntimeStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload {Blob}: its ingestion {InstanceId} ended {Status}; ingesting the content again")]
    static partial void LogIngestingAgain(ILogger logger, string blob, string instanceId, OrchestrationRuntimeStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingesting {Blob} as {InstanceId}")]
    static partial void LogIngesting(ILogger logger, string blob, string instanceId);
}
