using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Credit.Storage;

namespace Credit.Commitments;

/// <summary>What recording an outcome did: recorded now, the same outcome recorded before (a retry), or refused because another was.</summary>
public enum OutcomeResult
{
    Recorded,
    AlreadyRecorded,
    OtherOutcomeRecorded,
}

/// <summary>
/// Commitments in table Commitments, partition = subject key, row = id (which begins with the subject key): a
/// subject's commitments are one partition query for the credit check, and a commitment is a point read by its id.
/// </summary>
public sealed class CommitmentStore(StorageClients storage)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");
    readonly TableClient table = storage.Table(StorageNames.CommitmentsTable);
    readonly Evaluation.EvaluationMarks evaluations = new(storage);

    /// <summary>Stores a new commitment, or returns the one stored under its id (then <c>Created</c> is false).</summary>
    public async Task<(Commitment Commitment, bool Created)> TakeAsync(Commitment commitment, CancellationToken cancellationToken = default)
    {
        // The subject is evaluated again (信用评价), in the taking department's population; marked before the write, so no change goes unevaluated.
        await evaluations.MarkAsync(commitment.SubjectKey, commitment.Department, cancellationToken);
        try
        {
            await table.AddEntityAsync(Entity(commitment), cancellationToken);
            return (commitment, true);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return ((await GetAsync(commitment.Id, cancellationToken))!, false);
        }
    }

    public async Task<Commitment?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        await GetEntityAsync(id, cancellationToken) is { } found ? From(found) : null;

    async Task<TableEntity?> GetEntityAsync(string id, CancellationToken cancellationToken)
    {
        if (SubjectKeyOf(id) is not { } subjectKey)
        {
            return null;
        }

        var found = await table.GetEntityIfExistsAsync<TableEntity>(subjectKey, id, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Every commitment of a subject (one partition query).</summary>
    public async Task<IReadOnlyList<Commitment>> OfSubjectAsync(string subjectKey, CancellationToken cancellationToken = default)
    {
        var found = new List<Commitment>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == subjectKey, cancellationToken: cancellationToken))
        {
            found.Add(From(row));
        }

        return found;
    }

    /// <summary>
    /// Records fulfilment or breach once, under the row's ETag: the same outcome again (a retry) changes nothing, and
    /// another outcome is refused, since an outcome, like a decision, is not changed.
    /// </summary>
    public async Task<(OutcomeResult Result, Commitment Commitment)> RecordOutcomeAsync(
        Commitment commitment, CommitmentStatus outcome, DateOnly on, string? note, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var stored = await table.GetEntityAsync<TableEntity>(commitment.SubjectKey, commitment.Id, cancellationToken: cancellationToken);
            var current = From(stored.Value);
            if (current.Status != CommitmentStatus.Open)
            {
                return (current.Status == outcome ? OutcomeResult.AlreadyRecorded : OutcomeResult.OtherOutcomeRecorded, current);
            }

            var decided = current with { Status = outcome, OutcomeOn = on, OutcomeNote = note };
            await evaluations.MarkAsync(current.SubjectKey, current.Department, cancellationToken);
            try
            {
                await table.UpdateEntityAsync(Entity(decided), stored.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                return (OutcomeResult.Recorded, decided);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Another request recorded an outcome first: read what it recorded.
            }
        }
    }

    /// <summary>
    /// The 容缺 commitments still open after their due day and not yet marked overdue: a table-wide query, for the daily
    /// deadline run (an index by due day would serve millions; the open ones past due are few).
    /// </summary>
    public async Task<IReadOnlyList<Commitment>> OpenPastDueAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        var found = new List<Commitment>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"Status eq {nameof(CommitmentStatus.Open)} and DueDate lt {Records.DateText.ToIso(today)} and OverdueMarked eq {false}"), cancellationToken: cancellationToken))
        {
            found.Add(From(row));
        }

        return found;
    }

    /// <summary>Marks an open commitment overdue under its row's ETag; null when it was decided or marked meanwhile.</summary>
    public async Task<Commitment?> MarkOverdueAsync(Commitment commitment, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var stored = await table.GetEntityAsync<TableEntity>(commitment.SubjectKey, commitment.Id, cancellationToken: cancellationToken);
        var current = From(stored.Value);
        if (current.Status != CommitmentStatus.Open || current.OverdueMarkedAt is not null)
        {
            return null;
        }

        var marked = current with { OverdueMarkedAt = at };
        try
        {
            await table.UpdateEntityAsync(Entity(marked), stored.Value.ETag, TableUpdateMode.Replace, cancellationToken);
            return marked;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return null;
        }
    }

    /// <summary>
    /// Records that an upheld objection found the commitment's breach or overdue mark wrong, under the row's ETag, and
    /// marks the subject for evaluation; a retry changes nothing. Null when there is no such commitment.
    /// </summary>
    public async Task<Commitment?> FindWrongAsync(string id, string remedyId, CancellationToken cancellationToken = default)
    {
        while (await GetEntityAsync(id, cancellationToken) is { } stored)
        {
            var current = From(stored);
            if (current.FoundWrongBy is not null)
            {
                return current;
            }

            var corrected = current with { FoundWrongBy = remedyId };
            await evaluations.MarkAsync(current.SubjectKey, current.Department, cancellationToken);
            try
            {
                await table.UpdateEntityAsync(Entity(corrected), stored.ETag, TableUpdateMode.Replace, cancellationToken);
                return corrected;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Changed meanwhile (an outcome, an overdue mark): read it again.
            }
        }

        return null;
    }

    /// <summary>Every commitment (a table-wide query, for a statistics rebuild).</summary>
    public async IAsyncEnumerable<Commitment> AllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["Json"], cancellationToken: cancellationToken))
        {
            yield return From(row);
        }
    }

    /// <summary>The subject key an id begins with ("{subject key}-c{24 hex}"), or null when it is not a commitment id.</summary>
    public static string? SubjectKeyOf(string id)
    {
        var dash = id.LastIndexOf("-c", StringComparison.Ordinal);
        return dash > 0 && id.Length == dash + 2 + 24 && !id.AsSpan(dash + 2).ContainsAnyExcept(LowerHex)
            && (Identifiers.SubjectKeys.IsPersonKey(id[..dash]) || Identifiers.UnifiedSocialCreditCode.IsValid(id[..dash]))
            ? id[..dash]
            : null;
    }

    static TableEntity Entity(Commitment commitment) => new(commitment.SubjectKey, commitment.Id)
    {
        ["Json"] = JsonSerializer.Serialize(commitment, Json),
        ["Department"] = commitment.Department,
        ["Status"] = commitment.Status.ToString(),
        ["DueDate"] = commitment.DueDate is { } due ? Records.DateText.ToIso(due) : null,
        ["OverdueMarked"] = commitment.OverdueMarkedAt is not null,
    };

    static Commitment From(TableEntity row) => JsonSerializer.Deserialize<Commitment>(row.GetString("Json"), Json)!;
}
