using Azure.Data.Tables;
using Credit.Statistics;
using Credit.Storage;

namespace Credit.Quarantine;

/// <summary>
/// The quarantine facts: an item of a department set aside counts once in its figures, dated when it was set aside.
/// Rebuilt from table Quarantine; an item the office had retried and that then succeeded has left the table, and a
/// rebuild no longer counts it.
/// </summary>
public sealed class QuarantineFacts(StorageClients storage) : IStatisticsSource
{
    public static StatisticEvent? Of(TableEntity row) =>
        row.GetString("Department") is { } department && row.GetDateTimeOffset("QuarantinedAt") is { } at
            ? new(department, at, StatisticKinds.Quarantined, $"{row.PartitionKey}|{row.RowKey}")
            : null;

    public async IAsyncEnumerable<StatisticEvent> FactsAsync(DateTimeOffset since, DateTimeOffset until, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in storage.Table(StorageNames.QuarantineTable).QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"QuarantinedAt ge {since} and QuarantinedAt lt {until}"), cancellationToken: cancellationToken))
        {
            if (Of(row) is { } fact)
            {
                yield return fact;
            }
        }
    }
}
