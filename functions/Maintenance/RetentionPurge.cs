using System.Globalization;
using Azure.Storage.Blobs.Models;
using Credit.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Credit.Functions.Maintenance;

/// <summary>
/// Removes what finished work leaves behind: the history of durable instances that ended more than
/// <see cref="RetentionOptions.RetentionDays"/> ago, and the intake work blobs and upload snapshots an ingestion
/// that never finished left (a finished ingestion deletes its own when it writes the report).
/// </summary>
public sealed class RetentionPurge(StorageClients storage, TimeProvider clock, IOptions<RetentionOptions> options)
{
    /// <summary>As the template's lifecycle rules on intake-work/ and on uploads/ snapshots (infra/modules/storage.bicep); Azurite has no lifecycle rules.</summary>
    public static readonly TimeSpan IntakeWorkRetention = TimeSpan.FromDays(7);

    static readonly OrchestrationRuntimeStatus[] Finished = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    public async Task<RetentionPurgeResult> RunAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cutoff = now - TimeSpan.FromDays(options.Value.RetentionDays);
        var instances = 0;
        // Created before the cutoff is necessary but not enough: a case opened years ago may have ended yesterday.
        var query = new OrchestrationQuery { Statuses = Finished, CreatedTo = cutoff, PageSize = 100 };
        await foreach (var instance in durable.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (instance.LastUpdatedAt <= cutoff)
            {
                var result = await durable.PurgeInstanceAsync(instance.InstanceId, cancellation: cancellationToken);
                instances += result.PurgedInstanceCount;
            }
        }

        var blobs = 0;
        var work = storage.Container(StorageNames.IntakeWorkContainer);
        await foreach (var blob in work.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, cancellationToken))
        {
            if (blob.Properties.LastModified is { } modified && now - modified > IntakeWorkRetention)
            {
                await work.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
                blobs++;
            }
        }

        var uploads = storage.Container(StorageNames.UploadsContainer);
        await foreach (var blob in uploads.GetBlobsAsync(BlobTraits.None, BlobStates.Snapshots, prefix: null, cancellationToken))
        {
            if (blob.Snapshot is { } snapshot && now - DateTimeOffset.Parse(snapshot, CultureInfo.InvariantCulture) > IntakeWorkRetention)
            {
                await uploads.GetBlobClient(blob.Name).WithSnapshot(snapshot).DeleteIfExistsAsync(cancellationToken: cancellationToken);
                blobs++;
            }
        }

        return new RetentionPurgeResult(instances, blobs);
    }
}

/// <summary>What a purge removed: durable instances, and intake work blobs with upload snapshots.</summary>
public sealed record RetentionPurgeResult(int Instances, int LeftoverBlobs);
