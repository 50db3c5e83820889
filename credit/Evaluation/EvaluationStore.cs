using Azure.Data.Tables;
using Credit.Storage;

namespace Credit.Evaluation;

/// <summary>
/// A subject's evaluation as the run last stored it: its grade and score and how many factors made them. The factors
/// themselves are not kept (a subject with hundreds of penalties has more than a row holds); the credit check and
/// /api/me give them, evaluated as they read.
/// </summary>
public sealed record StoredEvaluation(string SubjectKey, int ModelVersion, int Score, string Grade, int Factors, DateTimeOffset EvaluatedAt);

/// <summary>The subjects' last evaluations, table Evaluations (partition = subject key, row "current").</summary>
public sealed class EvaluationStore(StorageClients storage)
{
    const string Row = "current";
    const int ReadsInFlight = 16;
    readonly TableClient table = storage.Table(StorageNames.EvaluationsTable);

    public Task SaveAsync(string subjectKey, SubjectEvaluation evaluation, DateTimeOffset at, CancellationToken cancellationToken) =>
        table.UpsertEntityAsync(new TableEntity(subjectKey, Row)
        {
            ["Grade"] = evaluation.Grade, ["Score"] = evaluation.Score, ["ModelVersion"] = evaluation.ModelVersion, ["Factors"] = evaluation.Factors.Count, ["EvaluatedAt"] = at,
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task<StoredEvaluation?> GetAsync(string subjectKey, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(subjectKey, Row, cancellationToken: cancellationToken);
        return found.HasValue ? Of(found.Value!) : null;
    }

    /// <summary>The stored evaluations of <paramref name="subjects"/> (point reads, a few at once); those not evaluated yet are left out.</summary>
    public async Task<IReadOnlyList<StoredEvaluation>> OfAsync(IEnumerable<string> subjects, CancellationToken cancellationToken)
    {
        var found = new System.Collections.Concurrent.ConcurrentBag<StoredEvaluation>();
        await Parallel.ForEachAsync(subjects, new ParallelOptions { MaxDegreeOfParallelism = ReadsInFlight, CancellationToken = cancellationToken }, async (subject, token) =>
        {
            if (await GetAsync(subject, token) is { } stored)
            {
                found.Add(stored);
            }
        });

        return [.. found];
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

    static StoredEvaluation Of(TableEntity row) => new(
        row.PartitionKey, row.GetInt32("ModelVersion") ?? 0, row.GetInt32("Score") ?? 0, row.GetString("Grade"), row.GetInt32("Factors") ?? 0, row.GetDateTimeOffset("EvaluatedAt")!.Value);
}
