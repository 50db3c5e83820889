using Azure.Data.Tables;
using Credit.Storage;
using Credit.Tests.Support;

namespace Credit.Tests.Integration;

[Collection(AzuriteGroup.Name)]
public sealed class TableBatchesTests(Azurite azurite)
{
    readonly StorageClients storage = StorageClients.FromConnectionString(azurite.ConnectionString);

    async Task<TableClient> NewTableAsync(string name)
    {
        var table = storage.Table(name);
        await table.CreateIfNotExistsAsync();
        return table;
    }

    static async Task<Dictionary<(string, string), long?>> ReadAllAsync(TableClient table)
    {
        var rows = new Dictionary<(string, string), long?>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows[(row.PartitionKey, row.RowKey)] = row.GetInt64("Value");
        }

        return rows;
    }

    [Fact]
    public async Task Every_row_of_many_partitions_and_transactions_is_written()
    {
        var table = await NewTableAsync("TableBatchesMany");
        // 16 partitions of 130 rows: two transactions each, more than are in flight at once.
        var rows = Enumerable.Range(0, 16 * 130).Select(i => new TableEntity($"p{i % 16:D2}", $"r{i:D5}") { ["Value"] = (long)i }).ToList();

        await TableBatches.UpsertAsync(table, rows, TableTransactionActionType.UpsertReplace, CancellationToken.None);

        var stored = await ReadAllAsync(table);
        Assert.Equal(rows.Count, stored.Count);
        Assert.All(rows, r => Assert.Equal(r.GetInt64("Value"), stored[(r.PartitionKey, r.RowKey)]));
    }

    [Fact]
    public async Task A_row_given_twice_is_written_once_with_the_last_value()
    {
        var table = await NewTableAsync("TableBatchesTwice");
        // "near" twice within one transaction's hundred (the service refuses such a transaction); "far" first and after
        // 150 others of its partition, which sent as they come would be two transactions in flight together.
        var rows = new List<TableEntity> { new("p", "far") { ["Value"] = 1L }, new("p", "near") { ["Value"] = 1L }, new("p", "near") { ["Value"] = 2L } };
        rows.AddRange(Enumerable.Range(0, 150).Select(i => new TableEntity("p", $"r{i:D3}") { ["Value"] = (long)i }));
        rows.Add(new TableEntity("p", "far") { ["Value"] = 2L });

        await TableBatches.UpsertAsync(table, rows, TableTransactionActionType.UpsertReplace, CancellationToken.None);

        var stored = await ReadAllAsync(table);
        Assert.Equal(152, stored.Count);
        Assert.Equal(2L, stored[("p", "near")]);
        Assert.Equal(2L, stored[("p", "far")]);
    }

    [Fact]
    public async Task A_refused_transaction_fails_the_call_and_leaves_its_partition_as_it_was()
    {
        var table = await NewTableAsync("TableBatchesRefused");
        var rows = Enumerable.Range(0, 300).Select(i => new TableEntity($"p{i % 3}", $"r{i:D3}") { ["Value"] = (long)i }).ToList();
        await table.AddEntityAsync(new TableEntity("p1", "r001") { ["Value"] = -1L });

        // Add refuses a row that exists: partition p1's transaction fails, and the call with it.
        await Assert.ThrowsAsync<TableTransactionFailedException>(() =>
            TableBatches.UpsertAsync(table, rows, TableTransactionActionType.Add, CancellationToken.None));

        var stored = await ReadAllAsync(table);
        Assert.Equal(-1L, stored[("p1", "r001")]);
        Assert.Single(stored.Keys, k => k.Item1 == "p1");
    }
}
