using Azure.Data.Tables;
using Credit.Statistics;
using Credit.Storage;

namespace Credit.Notices;

/// <summary>The push facts: a push notice counts for its department once it was sent. Rebuilt from the outbox (table Notices).</summary>
public sealed class PushFacts(StorageClients storage) : IStatisticsSource
{
    public static StatisticEvent Of(string department, string noticeId, DateTimeOffset issuedAt, string caseId) =>
        new(department, issuedAt, StatisticKinds.Push, noticeId, Item: $"case:{caseId}");

    public async IAsyncEnumerable<StatisticEvent> FactsAsync(DateTimeOffset since, DateTimeOffset until, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in storage.Table(StorageNames.NoticesTable).QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"Kind eq {NoticeKinds.Push} and Sent eq {true} and IssuedAt ge {since} and IssuedAt lt {until}"),
            select: ["PartitionKey", "RowKey", "IssuedAt", "CaseId"],
            cancellationToken: cancellationToken))
        {
            yield return Of(row.PartitionKey, row.RowKey, row.GetDateTimeOffset("IssuedAt")!.Value, row.GetString("CaseId"));
        }
    }
}
