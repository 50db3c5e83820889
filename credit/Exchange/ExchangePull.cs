using System.Net;
using System.Net.Http.Headers;
using Azure.Data.Tables;
using Credit.Quarantine;
using Credit.Storage;
using Microsoft.Extensions.Logging;

namespace Credit.Exchange;

/// <summary>What a pull run did: files fetched, sources whose file had not changed, sources that failed (and went on to the quarantine's count).</summary>
public sealed record ExchangePullResult(int Fetched, int Unchanged, int Failed);

/// <summary>
/// Fetches the file of every source that publishes one at its <see cref="ExchangeSource.PullUrl"/> and drops it in
/// exchange/in/{source}/ as pulled-{time}.csv|json, where the blob trigger imports it as if the source had pushed it.
/// The file's ETag is kept (table ExchangePulls) and sent back as If-None-Match, so an unchanged file is not fetched
/// again; a file fetched twice is imported twice and changes nothing. Each source is pulled on its own: one that fails
/// is retried by the next runs, then quarantined, and holds back no other.
/// </summary>
public sealed partial class ExchangePull(HttpClient http, ExchangeSources sources, StorageClients storage, QuarantineStore quarantine, TimeProvider clock, ILogger<ExchangePull> logger)
{
    /// <summary>The run's name in the quarantine.</summary>
    public const string RunName = "ExchangePull";
    const string Partition = "pull";
    readonly TableClient state = storage.Table(StorageNames.ExchangePullsTable);

    public async Task<ExchangePullResult> RunAsync(CancellationToken cancellationToken)
    {
        var guard = await quarantine.BeginAsync(RunName, cancellationToken);
        var (fetched, unchanged, failed) = (0, 0, 0);
        foreach (var source in (await sources.ListAsync(cancellationToken)).Where(s => !s.Retired && s.PullUrl is not null))
        {
            if (guard.IsQuarantined(source.Code))
            {
                continue;
            }

            var done = await guard.RunAsync(source.Code, null, async () =>
            {
                if (await PullAsync(source, cancellationToken))
                {
                    fetched++;
                }
                else
                {
                    unchanged++;
                }
            }, cancellationToken);
            failed += done ? 0 : 1;
        }

        return new ExchangePullResult(fetched, unchanged, failed);
    }

    /// <returns>True when a file was fetched, false when the source answered that it had not changed.</returns>
    async Task<bool> PullAsync(ExchangeSource source, CancellationToken cancellationToken)
    {
        var last = await state.GetEntityIfExistsAsync<TableEntity>(Partition, source.Code, cancellationToken: cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, source.PullUrl);
        if (last.HasValue && EntityTagHeaderValue.TryParse(last.Value!.GetString("ETag"), out var etag))
        {
            request.Headers.IfNoneMatch.Add(etag);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            LogUnchanged(logger, source.Code);
            return false;
        }

        response.EnsureSuccessStatusCode();
        var name = $"pulled-{clock.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}{Path.GetExtension(source.PullUrl!.AbsolutePath).ToLowerInvariant()}";
        await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
        {
            await storage.Container(StorageNames.ExchangeContainer).GetBlobClient($"in/{source.Code}/{name}").UploadAsync(body, overwrite: true, cancellationToken);
        }

        await state.UpsertEntityAsync(
            new TableEntity(Partition, source.Code) { ["ETag"] = response.Headers.ETag?.ToString(), ["PulledAt"] = clock.GetUtcNow(), ["Blob"] = name },
            TableUpdateMode.Replace, cancellationToken);
        LogFetched(logger, source.Code, name);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Exchange pull: {Source} unchanged since the last pull")]
    static partial void LogUnchanged(ILogger logger, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Exchange pull: {Source} fetched as {Blob}")]
    static partial void LogFetched(ILogger logger, string source, string blob);
}
