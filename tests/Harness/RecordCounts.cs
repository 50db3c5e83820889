using Azure.Data.Tables;
using Credit.Storage;

namespace Credit.Testing;

public static class RecordCounts
{
    /// <summary>The records stored for a department (its partitions are "{department}-{hex digit}").</summary>
    public static async Task<int> ForDepartmentAsync(StorageClients storage, string department)
    {
        var count = 0;
        await foreach (var _ in storage.Table(StorageNames.RecordsTable).QueryAsync<TableEntity>(
            e => e.PartitionKey.CompareTo(department + "-") >= 0 && e.PartitionKey.CompareTo(department + "-~") < 0, select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }
}
