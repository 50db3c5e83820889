using Azure.Storage.Blobs;
using Credit.Exchange;
using Credit.Functions.JointCases;
using Credit.Intake;
using Credit.JointCases;
using Credit.Records;
using Credit.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Credit.Functions.Exchange;

/// <summary>
/// A file another platform sent landed in exchange/in/{source}/: import it (<see cref="ExchangeImport"/>) and write its
/// report to exchange/reports/{source}/{name}.report.json. Event Grid-sourced, as uploads are. A file of a source that
/// is not configured (GET /api/exchange/sources), or with a name intake would refuse, is quarantined with the reason.
/// The cases Beijing's response started are opened and those it ended are told so here; a crash first leaves their
/// marks, and the signal drain does either.
/// </summary>
public sealed partial class ExchangeFileTrigger(ExchangeSources sources, ExchangeImport import, StorageClients storage, Credit.Quarantine.QuarantineStore quarantine, ILogger<ExchangeFileTrigger> logger)
{
    public const string ReportsFolder = "reports";

    [Function(nameof(ExchangeFileReceived))]
    public async Task ExchangeFileReceived(
        [BlobTrigger(StorageNames.ExchangeContainer + "/in/{source}/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient blob,
        string source,
        string name,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        // A folder no source code can be (a '#', a space, lower case) is no key to look up: unknown without asking the table.
        var configured = ItemCode.IsValid(source) ? await sources.FindAsync(source, cancellationToken) : null;
        var refusal = UploadName.Check(name) is { } invalid ? $"{invalid.Code}: {invalid.MessageEn} / {invalid.MessageZh}"
            : configured is not { Retired: false } ? $"UNKNOWN_SOURCE: no exchange source '{TextRules.Echo(source)}' is configured (GET /api/exchange/sources) / 未配置交换来源“{TextRules.Echo(source)}”"
            : null;
        if (refusal is not null)
        {
            await quarantine.SetAsideAsync(nameof(ExchangeFileReceived), blob.Name, null, refusal, cancellationToken);
            LogRefused(logger, blob.Name, refusal);
            return;
        }

        var report = await import.ImportAsync(configured!, blob, name, cancellationToken);
        await storage.Container(StorageNames.ExchangeContainer).GetBlobClient(ReportBlob(source, name))
            .UploadAsync(BinaryData.FromObjectAsJson(report, IntakeReport.Json), overwrite: true, cancellationToken);
        var cases = new JointCaseInstances(durable);
        foreach (var caseId in report.ResponseCasesStarted)
        {
            await cases.EnsureStartedAsync(caseId, cancellationToken);
        }

        foreach (var caseId in report.ResponseCasesEnded)
        {
            await cases.RaiseAsync(caseId, new CaseEnded(CaseEndReason.RemovedAtSource), cancellationToken);
        }

        LogImported(logger, blob.Name, report.Created, report.Updated, report.Unchanged, report.Removed, report.Rejected);
    }

    public static string ReportBlob(string source, string name) => $"{ReportsFolder}/{source}/{name}.report.json";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Exchange file {Blob} quarantined: {Reason}")]
    static partial void LogRefused(ILogger logger, string blob, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Exchange file {Blob} imported: {Created} new, {Updated} changed, {Unchanged} unchanged, {Removed} removed, {Rejected} rows refused")]
    static partial void LogImported(ILogger logger, string blob, long created, long updated, long unchanged, long removed, long rejected);
}
