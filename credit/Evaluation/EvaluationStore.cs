using System.Text.Json;
using Azure.Data.Tables;
using Credit.Storage;

namespace Credit.Evaluation;

/// <summary>A subject's evaluation as the run last stored it.</summary>
public sealed record StoredEvaluation(string SubjectKey, SubjectEvaluation Evaluation, DateTimeOffset EvaluatedAt);

/// <summary>The subjects' last evaluations, table Evaluations (partition = subject key, row "current"; grade and model version as columns).</summary>
public sealed class EvaluationStore(StorageClients storage)
{
    const string Row = "current";
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    readonly TableClient table = storage.Table(StorageNames.EvaluationsTable);

    public Task SaveAsync(string subjectKey, SubjectEvaluation evaluation, DateTimeOffset at, CancellationToken cancellationToken) =>
        table.UpsertEntityAsync(new TableEntity(subjectKey, Row)
        {
            ["Grade"] = evaluation.Grade, ["Score"] = evaluation.Score, ["ModelVersion"] = evaluation.ModelVersion, ["EvaluatedAt"] = at,
            ["Json"] = JsonSerializer.Serialize(evaluation, Json),
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task<StoredEvaluation?> GetAsync(string subjectKey, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(subjectKey, Row, cancellationToken: cancellationToken);
        return found.HasValue ? Of(found.Value!) : null;
    }

    /// <summary>The subjects evaluated under a model older than <paramref name="version"/> (the rebuild's work: a scan of this table only).</summary>
    public async Task<IReadOnlyList<string>> OlderThanAsync(int version, CancellationToken cancellationToken)
    {
        var older = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ModelVersion lt {version}"), select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            older.Add(row.PartitionKey);
        }

        return older;
    }

    static StoredEvaluation Of(TableEntity row) =>
        new(row.PartitionKey, JsonSerializer.Deserialize<SubjectEvaluation>(row.GetString("Json"), Json)!, row.GetDateTimeOffset("EvaluatedAt")!.Value);
}
