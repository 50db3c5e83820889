using Azure.Data.Tables;

namespace Credit.Storage;

/// <summary>Writes rows in entity-group transactions: one per partition and hundred rows, the most a transaction takes.</summary>
public static class TableBatches
{
    public static async Task UpsertAsync(TableClient table, IEnumerable<TableEntity> entities, TableTransactionActionType how, CancellationToken cancellationToken)
    {
        foreach (var batch in entities.GroupBy(e => e.PartitionKey).SelectMany(g => g.Chunk(100)))
        {
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(how, e)), cancellationToken);
        }
    }
}
