using Azure.Data.Tables;
using Credit.Statistics;
using Credit.Storage;

namespace Credit.JointCases;

/// <summary>The credit-check facts (应查必查): one per check a department made. Rebuilt from table CreditChecks.</summary>
public sealed class CreditCheckFacts(StorageClients storage) : IStatisticsSource
{
    public static StatisticEvent Of(string department, DateTimeOffset at, string checkId) => new(department, at, StatisticKinds.CreditCheck, checkId);

    public async IAsyncEnumerable<StatisticEvent> FactsAsync(DateTimeOffset since, DateTimeOffset until, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in storage.Table(StorageNames.CreditChecksTable).QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"At ge {since} and At lt {until}"), select: ["RowKey", "Department", "At"], cancellationToken: cancellationToken))
        {
            // Row key: "{ticks}-{check id}".
            yield return Of(row.GetString("Department"), row.GetDateTimeOffset("At")!.Value, row.RowKey[(row.RowKey.IndexOf('-', StringComparison.Ordinal) + 1)..]);
        }
    }
}
