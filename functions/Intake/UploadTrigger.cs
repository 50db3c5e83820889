using Azure.Storage.Blobs;
using Credit.Intake;
using Credit.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Credit.Functions.Intake;

/// <summary>
/// A department's file landed in uploads/{department}/: start (once per content, see <see cref="IngestionStarter"/>) the orchestration that ingests it.
/// Event Grid-sourced (BlobCreated pushed to the blobs extension's webhook): the only blob trigger the Flex
/// Consumption plan supports, and no container scan that grows with uploads/ (infra/hooks/blob-subscriptions.bicep).
/// A blob whose name intake refuses (dropped with a storage tool, bypassing the API's check) is quarantined with the rule it breaks.
/// </summary>
public sealed partial class UploadTrigger(IngestionStarter starter, Credit.Quarantine.QuarantineStore quarantine, ILogger<UploadTrigger> logger)
{
    [Function(nameof(UploadReceived))]
    public async Task UploadReceived(
        [BlobTrigger(StorageNames.UploadsContainer + "/{departmentCode}/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient blob,
        string departmentCode,
        string name,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        if (UploadName.Check(name) is { } invalid)
        {
            await quarantine.SetAsideAsync(nameof(UploadReceived), blob.Name, departmentCode, $"{invalid.Code}: {invalid.MessageEn} / {invalid.MessageZh}", cancellationToken);
            LogRefused(logger, blob.Name, invalid.Code);
            return;
        }

        await starter.StartAsync(blob, departmentCode, name, durable, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload {Blob} quarantined: {Code}")]
    static partial void LogRefused(ILogger logger, string blob, string code);
}
