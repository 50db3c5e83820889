using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Credit.LocalRuntime.Catalog;
using Credit.LocalRuntime.Invocation;
using Credit.Quarantine;
using Credit.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Credit.LocalRuntime.Blobs;

/// <summary>
/// Serves blob triggers by watching the containers their paths name. Each blob version (ETag) is handled once:
/// a receipt is written to the table <see cref="ReceiptsTable"/> after the function succeeds, so a restart
/// neither loses a blob that arrived while the runtime was down nor handles one twice. A blob that fails
/// <see cref="MaxAttempts"/> times is receipted as poisoned, as the Functions host does, and quarantined with its
/// reason; whatever one blob does — its function, its receipt — the scan goes on to the next.
/// </summary>
public sealed partial class BlobTriggerListener(
    FunctionCatalog catalog,
    StorageClients storage,
    IServiceProvider services,
    IOptions<RuntimeOptions> options,
    ILogger<BlobTriggerListener> logger) : BackgroundService
{
    public const string ReceiptsTable = "LocalRuntimeBlobReceipts";
    const int MaxAttempts = 5;

    readonly Dictionary<(string Function, string Blob), string> receipts = [];
    readonly Dictionary<(string Function, string Blob, string ETag), int> failures = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var functions = catalog.OfKind(TriggerKind.Blob)
            .Select(f => (Function: f, Pattern: new BlobPathPattern(f.TriggerAs<BlobTriggerAttribute>().BlobPath!)))
            .ToList();
        if (functions.Count == 0)
        {
            return;
        }

        var table = storage.Table(ReceiptsTable);
        await table.CreateIfNotExistsAsync(stoppingToken);
        await foreach (var receipt in table.QueryAsync<TableEntity>(cancellationToken: stoppingToken))
        {
            receipts[(receipt.PartitionKey, receipt.GetString("BlobName"))] = receipt.GetString("ETag");
        }

        using var timer = new PeriodicTimer(options.Value.BlobPollingInterval);
        do
        {
            foreach (var (function, pattern) in functions)
            {
                try
                {
                    await ScanAsync(function, pattern, table, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogScanFailed(logger, e, pattern.Container);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    async Task ScanAsync(FunctionEntry function, BlobPathPattern pattern, TableClient table, CancellationToken cancellationToken)
    {
        var container = storage.Container(pattern.Container);
        if (!await container.ExistsAsync(cancellationToken))
        {
            return;
        }

        await foreach (var item in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            var etag = item.Properties.ETag?.ToString() ?? string.Empty;
            if (receipts.TryGetValue((function.Name, item.Name), out var handled) && handled == etag)
            {
                continue;
            }

            if (pattern.Match(item.Name) is not { } bindingData)
            {
                continue;
            }

            try
            {
                await HandleAsync(function, container.GetBlobClient(item.Name), etag, bindingData, table, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogReceiptFailed(logger, e, function.Name, item.Name);
            }
        }
    }

    async Task HandleAsync(FunctionEntry function, BlobClient blob, string etag, IReadOnlyDictionary<string, object?> bindingData, TableClient table, CancellationToken cancellationToken)
    {
        var poisoned = false;
        try
        {
            await using var scope = services.CreateAsyncScope();
            var context = new LocalFunctionContext(function, scope.ServiceProvider, bindingData, cancellationToken);
            await FunctionInvoker.InvokeAsync(function, context, p => BindBlob(p, blob, cancellationToken));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var attempts = failures[(function.Name, blob.Name, etag)] = failures.GetValueOrDefault((function.Name, blob.Name, etag)) + 1;
            LogInvocationFailed(logger, e, function.Name, blob.Name, attempts, MaxAttempts);
            if (attempts < MaxAttempts)
            {
                return;
            }

            poisoned = true;
            // Handled (as poisoned) from now on, even if the writes below fail: the scan never meets it again in this process.
            receipts[(function.Name, blob.Name)] = etag;
            await services.GetRequiredService<QuarantineStore>().SetAsideAsync(
                function.Name, blob.Name, bindingData.GetValueOrDefault("departmentCode") as string, QuarantineStore.Describe(e), cancellationToken);
        }

        await table.UpsertEntityAsync(
            new TableEntity(function.Name, TableKeys.Escape(blob.Name)) { ["BlobName"] = blob.Name, ["ETag"] = etag, ["Poisoned"] = poisoned, ["HandledAt"] = DateTimeOffset.UtcNow },
            TableUpdateMode.Replace,
            cancellationToken);
        receipts[(function.Name, blob.Name)] = etag;
    }

    static object? BindBlob(System.Reflection.ParameterInfo parameter, BlobClient blob, CancellationToken cancellationToken)
    {
        var type = parameter.ParameterType;
        if (type == typeof(BlobClient))
        {
            return blob;
        }

        if (type == typeof(Stream))
        {
            return blob.OpenRead(cancellationToken: cancellationToken);
        }

        if (type == typeof(string))
        {
            return blob.DownloadContent(cancellationToken).Value.Content.ToString();
        }

        if (type == typeof(byte[]))
        {
            return blob.DownloadContent(cancellationToken).Value.Content.ToArray();
        }

        throw new NotSupportedException($"The local runtime binds blob triggers to BlobClient, Stream, string or byte[], not {type.Name}.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching container {Container} failed; trying again at the next poll")]
    static partial void LogScanFailed(ILogger logger, Exception exception, string container);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording blob {Blob} of function {Function} failed; the scan goes on")]
    static partial void LogReceiptFailed(ILogger logger, Exception exception, string function, string blob);

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {Function} failed for blob {Blob} (attempt {Attempt} of {MaxAttempts})")]
    static partial void LogInvocationFailed(ILogger logger, Exception exception, string function, string blob, int attempt, int maxAttempts);
}
