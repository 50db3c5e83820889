using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Credit.Storage;

namespace Credit.Exchange;

/// <summary>Where a target's exports stand: the last day of changes exported and the last sequence number used.</summary>
public sealed record ExportCursor(DateOnly Through, long Sequence);

/// <summary>
/// The exports to each target (table ExchangeExports, partition = target): a row per export (its sequence), a row per
/// export day pointing to it, and the cursor. An export's row and its day's row are written after its files and before
/// the cursor moves: a run that dies before has written nothing the next run does not write again the same way.
/// </summary>
public sealed class ExchangeExportStore(StorageClients storage)
{
    const string CursorRow = "cursor";
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    readonly TableClient table = storage.Table(StorageNames.ExchangeExportsTable);

    public async Task<ExportCursor?> CursorAsync(string target, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(target, CursorRow, cancellationToken: cancellationToken);
        return row.HasValue ? new ExportCursor(DateOnly.Parse(row.Value!.GetString("Through"), CultureInfo.InvariantCulture), row.Value.GetInt64("Sequence") ?? 0) : null;
    }

    /// <summary>Stores a new export, then moves the cursor past it.</summary>
    public async Task AddAsync(ExchangeExport export, CancellationToken cancellationToken)
    {
        await SaveAsync(export, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(export.Target, DateRow(export.Date)) { ["Sequence"] = export.Sequence }, TableUpdateMode.Replace, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(export.Target, CursorRow) { ["Through"] = Records.DateText.ToIso(export.To), ["Sequence"] = export.Sequence }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Writes an export as it stands now (an acknowledgement, a resend recorded).</summary>
    public Task SaveAsync(ExchangeExport export, CancellationToken cancellationToken) =>
        table.UpsertEntityAsync(new TableEntity(export.Target, SequenceRow(export.Sequence))
        {
            ["Json"] = JsonSerializer.Serialize(export, Json),
            // Beside the JSON so that the run asks for the open ones only.
            ["Open"] = export.AcknowledgedAt is null && export.ResentIn is null,
            ["CreatedAt"] = export.CreatedAt,
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task<ExchangeExport?> GetAsync(string target, long sequence, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(target, SequenceRow(sequence), cancellationToken: cancellationToken);
        return row.HasValue ? JsonSerializer.Deserialize<ExchangeExport>(row.Value!.GetString("Json"), Json) : null;
    }

    public async Task<ExchangeExport?> OfDateAsync(string target, DateOnly date, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(target, DateRow(date), cancellationToken: cancellationToken);
        return row.HasValue && row.Value!.GetInt64("Sequence") is { } sequence ? await GetAsync(target, sequence, cancellationToken) : null;
    }

    /// <summary>The exports neither acknowledged nor sent again.</summary>
    public async Task<IReadOnlyList<ExchangeExport>> OpenAsync(string target, CancellationToken cancellationToken)
    {
        var open = new List<ExchangeExport>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {target} and Open eq {true}"), cancellationToken: cancellationToken))
        {
            open.Add(JsonSerializer.Deserialize<ExchangeExport>(row.GetString("Json"), Json)!);
        }

        return open;
    }

    /// <summary>Every export made in a period, of every target (a table-wide query, for a statistics rebuild).</summary>
    public async IAsyncEnumerable<ExchangeExport> MadeAsync(DateTimeOffset since, DateTimeOffset until, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"CreatedAt ge {since} and CreatedAt lt {until}"), select: ["Json"], cancellationToken: cancellationToken))
        {
            yield return JsonSerializer.Deserialize<ExchangeExport>(row.GetString("Json"), Json)!;
        }
    }

    static string SequenceRow(long sequence) => "seq-" + sequence.ToString("D10", CultureInfo.InvariantCulture);

    static string DateRow(DateOnly date) => "date-" + Records.DateText.ToIso(date);
}
