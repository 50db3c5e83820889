using Azure.Data.Tables;
using Credit.Storage;

namespace Credit.Evaluation;

/// <summary>
/// A subject's evaluation as the run last stored it: its grade and score and how many factors made them. The factors
/// themselves are not kept (a subject with hundreds of penalties has more than a row holds); the credit check and
/// /api/me give them, evaluated as they read.
/// </summary>
/// <see cref="Public"/>: whether the model it was evaluated under lets the public see its grade.
public sealed record StoredEvaluation(string SubjectKey, int ModelVersion, int Score, string Grade, int Factors, DateTimeOffset EvaluatedAt, bool Public);

/// <summary>
/// The subjects' last evaluations, table Evaluations (partition = the subject's <see cref="SubjectBuckets">bucket</see>,
/// row = subject key): a run stores what it evaluated a hundred rows to a transaction, and a subject's row is still one
/// point read away.
/// </summary>
public sealed class EvaluationStore(StorageClients storage)
{
    const int ReadsInFlight = 16;
    const string FirstLayoutRow = "current";
    readonly TableClient table = storage.Table(StorageNames.EvaluationsTable);

    /// <summary>Stores the evaluations <paramref name="model"/> gave, with whether each grade is public under it.</summary>
    public Task SaveAllAsync(EvaluationModel model, IEnumerable<(string SubjectKey, SubjectEvaluation Evaluation)> evaluated, DateTimeOffset at, CancellationToken cancellationToken) =>
        TableBatches.UpsertAsync(table, evaluated.Select(e => new TableEntity(SubjectBuckets.Of(e.SubjectKey), e.SubjectKey)
        {
            ["Grade"] = e.Evaluation.Grade, ["Score"] = e.Evaluation.Score, ["ModelVersion"] = e.Evaluation.ModelVersion, ["Factors"] = e.Evaluation.Factors.Count, ["EvaluatedAt"] = at,
            ["Public"] = model.IsPublic(e.SubjectKey),
        }), TableTransactionActionType.UpsertReplace, cancellationToken);

    public async Task<StoredEvaluation?> GetAsync(string subjectKey, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(SubjectBuckets.Of(subjectKey), subjectKey, cancellationToken: cancellationToken);
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

    /// <summary>
    /// The subjects evaluated under a model older than <paramref name="version"/> (the rebuild's work: a scan of this
    /// table only), and among them those whose row is of the first layout (partition = subject key, row "current"),
    /// which count whatever their version (<see cref="RemoveFirstLayoutAsync"/>).
    /// </summary>
    public async Task<(IReadOnlyList<string> Older, IReadOnlyList<string> FirstLayout)> OlderThanAsync(int version, CancellationToken cancellationToken)
    {
        var (older, firstLayout) = (new List<string>(), new List<string>());
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"ModelVersion lt {version} or RowKey eq {FirstLayoutRow}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            var subject = row.RowKey == FirstLayoutRow ? row.PartitionKey : row.RowKey;
            older.Add(subject);
            if (row.RowKey == FirstLayoutRow)
            {
                firstLayout.Add(subject);
            }
        }

        return (older, firstLayout);
    }

    /// <summary>Removes rows of the first layout, once their subjects are marked: the run stores them again in their buckets.</summary>
    public async Task RemoveFirstLayoutAsync(IEnumerable<string> subjects, CancellationToken cancellationToken)
    {
        foreach (var subject in subjects)
        {
            await table.DeleteEntityAsync(subject, FirstLayoutRow, Azure.ETag.All, cancellationToken);
        }
    }

    static StoredEvaluation Of(TableEntity row) => new(
        row.RowKey, row.GetInt32("ModelVersion") ?? 0, row.GetInt32("Score") ?? 0, row.GetString("Grade"), row.GetInt32("Factors") ?? 0, row.GetDateTimeOffset("EvaluatedAt")!.Value,
        row.GetBoolean("Public") ?? false);
}
