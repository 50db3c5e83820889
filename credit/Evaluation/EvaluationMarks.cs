using Azure;
using Azure.Data.Tables;
using Credit.Records;
using Credit.Storage;

namespace Credit.Evaluation;

/// <summary>A subject whose evaluation is due: <see cref="Day"/> "0000-00-00-{bucket}" as soon as the run comes, else that day.</summary>
public sealed record EvaluationMark(string Day, string SubjectKey, ETag ETag);

/// <summary>
/// Which subjects to evaluate again (table EvaluationMarks: partition = the day it is due, or "0000-00-00-{bucket}" for
/// at once — sixteen buckets, so that a large import's marks spread over partitions; row = subject key), and each department's population (table EvaluationPopulations: partition = department, row =
/// subject key) for 分类监管. Every write that changes a subject's items marks it, in the same call, so a change is
/// never left unevaluated; a subject whose score will move with time alone (a penalty ageing out of its window, a
/// 容缺 item falling due) is marked for that day.
/// </summary>
public sealed class EvaluationMarks(StorageClients storage)
{
    public const string AtOnce = "0000-00-00";

    readonly TableClient marks = storage.Table(StorageNames.EvaluationMarksTable);
    readonly TableClient populations = storage.Table(StorageNames.EvaluationPopulationsTable);

    /// <summary>Marks each subject for evaluation at once, and enters it in the population of the department whose item it is (where one is named).</summary>
    public async Task MarkAsync(IEnumerable<(string SubjectKey, string? Department)> changed, CancellationToken cancellationToken)
    {
        var items = changed.Distinct().ToList();
        if (items.Count == 0)
        {
            return;
        }

        await TableBatches.UpsertAsync(populations, items.Where(i => i.Department is not null).DistinctBy(i => (i.Department, i.SubjectKey))
            .Select(i => new TableEntity(i.Department!, i.SubjectKey)), TableTransactionActionType.UpsertMerge, cancellationToken);
        await TableBatches.UpsertAsync(marks, items.Select(i => i.SubjectKey).Distinct(StringComparer.Ordinal)
            .Select(key => new TableEntity($"{AtOnce}-{SubjectBuckets.Of(key)}", key)), TableTransactionActionType.UpsertReplace, cancellationToken);
    }

    public Task MarkAsync(string subjectKey, string? department, CancellationToken cancellationToken) => MarkAsync([(subjectKey, department)], cancellationToken);

    /// <summary>Marks each subject for the day its score will move by time alone.</summary>
    public Task MarkOnAsync(IEnumerable<(string SubjectKey, DateOnly Day)> due, CancellationToken cancellationToken) =>
        TableBatches.UpsertAsync(marks, due.Select(d => new TableEntity(DateText.ToIso(d.Day), d.SubjectKey)), TableTransactionActionType.UpsertReplace, cancellationToken);

    /// <summary>The marks due on <paramref name="today"/> or before (a query of this small table only).</summary>
    public async Task<IReadOnlyList<EvaluationMark>> DueAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var due = new List<EvaluationMark>();
        await foreach (var row in marks.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey le {DateText.ToIso(today)}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            due.Add(new EvaluationMark(row.PartitionKey, row.RowKey, row.ETag));
        }

        return due;
    }

    /// <summary>Removes a mark the run handled, unless a write marked the subject again meanwhile (then the next run evaluates it again).</summary>
    public async Task ClearAsync(EvaluationMark mark, CancellationToken cancellationToken)
    {
        try
        {
            await marks.DeleteEntityAsync(mark.Day, mark.SubjectKey, mark.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Gone already, or marked again since it was read.
        }
    }

    /// <summary>Removes the marks a run handled, a hundred at a time per partition; a batch with one marked again meanwhile is cleared mark by mark.</summary>
    public async Task ClearAsync(IReadOnlyList<EvaluationMark> handled, CancellationToken cancellationToken)
    {
        foreach (var batch in handled.GroupBy(m => m.Day, StringComparer.Ordinal).SelectMany(g => g.Chunk(100)))
        {
            try
            {
                await marks.SubmitTransactionAsync(batch.Select(m => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(m.Day, m.SubjectKey), m.ETag)), cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
            {
                foreach (var mark in batch)
                {
                    await ClearAsync(mark, cancellationToken);
                }
            }
        }
    }

    /// <summary>The subjects of a department's population (one partition).</summary>
    public async Task<IReadOnlyList<string>> PopulationAsync(string department, CancellationToken cancellationToken)
    {
        var subjects = new List<string>();
        await foreach (var row in populations.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {department}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            subjects.Add(row.RowKey);
        }

        return subjects;
    }
}
