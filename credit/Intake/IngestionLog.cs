using System.Text.Json;
using Azure.Data.Tables;
using Credit.Records;
using Credit.Statistics;
using Credit.Storage;

namespace Credit.Intake;

/// <summary>What one completed ingestion counted: its kind, its rows and its rejected rows per reason.</summary>
public sealed record IngestionOutcome(string Department, string InstanceId, DateTimeOffset CompletedAt, RecordKind? Kind, IntakeCounts Counts, IReadOnlyDictionary<string, long> RejectedByReason)
{
    /// <summary>The upload in the department's statistics: the file, its accepted rows, its rejected rows per reason, the licences it issued.</summary>
    public IReadOnlyList<StatisticEvent> Facts()
    {
        var facts = new List<StatisticEvent>
        {
            new(Department, CompletedAt, StatisticKinds.Upload, InstanceId),
            new(Department, CompletedAt, StatisticKinds.Accepted, InstanceId, Counts.Accepted + Counts.Updated),
            new(Department, CompletedAt, StatisticKinds.Rejected, InstanceId, Counts.Rejected),
        };
        facts.AddRange(RejectedByReason.Select(r => new StatisticEvent(Department, CompletedAt, StatisticKinds.RejectedForReason, InstanceId, r.Value, r.Key)));
        if (Kind == RecordKind.License)
        {
            facts.Add(new(Department, CompletedAt, StatisticKinds.LicencesIssued, InstanceId, Counts.Accepted));
        }

        return facts;
    }
}

/// <summary>
/// Table IngestionLog (partition = department, row = ingestion instance): every ingestion of a registered
/// department's file once counted. A file's report is replaced by the next upload under its name; this row is
/// not, so the statistics of a month can be rebuilt from it.
/// </summary>
public sealed class IngestionLog(StorageClients storage) : IStatisticsSource
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    readonly TableClient table = storage.Table(StorageNames.IngestionLogTable);

    public Task WriteAsync(IngestionOutcome outcome, CancellationToken cancellationToken) =>
        table.UpsertEntityAsync(new TableEntity(outcome.Department, TableKeys.Escape(outcome.InstanceId))
        {
            ["CompletedAt"] = outcome.CompletedAt,
            ["Outcome"] = JsonSerializer.Serialize(outcome, Json),
        }, TableUpdateMode.Replace, cancellationToken);

    public async IAsyncEnumerable<StatisticEvent> FactsAsync(DateTimeOffset since, DateTimeOffset until, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"CompletedAt ge {since} and CompletedAt lt {until}"), cancellationToken: cancellationToken))
        {
            foreach (var fact in JsonSerializer.Deserialize<IngestionOutcome>(row.GetString("Outcome"), Json)!.Facts())
            {
                yield return fact;
            }
        }
    }
}
