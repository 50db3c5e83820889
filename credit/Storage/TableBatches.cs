using Azure.Data.Tables;

namespace Credit.Storage;

/// <summary>
/// Writes rows in entity-group transactions: one per partition and hundred rows, the most a transaction takes, a few
/// in flight (as <see cref="RecordStore"/> saves records): one after another, a chunk of 5,000 subjects waited for
/// about 64 round trips before its own rows went in.
/// </summary>
public static class TableBatches
{
    public const int Size = 100;
    public const int InFlight = 4;

    /// <summary>
    /// Rows named twice are written once, with the last one given: the service refuses a transaction naming a row
    /// twice, and with transactions in flight together the last one given would otherwise not reliably be the one kept.
    /// A failed transaction fails the call; the others may have been written, which a repeated call writes again the same.
    /// </summary>
    public static async Task UpsertAsync(TableClient table, IEnumerable<TableEntity> entities, TableTransactionActionType how, CancellationToken cancellationToken)
    {
        var last = new Dictionary<(string, string), TableEntity>();
        foreach (var entity in entities)
        {
            last[(entity.PartitionKey, entity.RowKey)] = entity;
        }

        var batches = last.Values.GroupBy(e => e.PartitionKey, StringComparer.Ordinal).SelectMany(g => g.Chunk(Size));
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken },
            async (batch, ct) => await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(how, e)), ct));
    }
}
