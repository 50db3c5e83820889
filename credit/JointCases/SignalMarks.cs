using Azure;
using Azure.Data.Tables;
using Credit.Storage;

namespace Credit.JointCases;

/// <summary>Whose stored state a mark asks to be checked against its orchestration.</summary>
public enum SignalOwner
{
    Case,
    Remedy,
}

/// <summary>A case or remedy marked before a change that must wake its orchestration, and when.</summary>
public sealed record SignalMark(SignalOwner Owner, string Id, DateTimeOffset MarkedAt, ETag ETag);

/// <summary>
/// Marks written before a change whose signal the request raises after it (table SignalMarks, partition = the owner
/// kind, row = its id): if the process dies between the change and the signal, the mark outlives it, and the
/// signal drain raises what the stored state implies (<see cref="ImpliedSignals"/>). A mark is cleared only by the
/// drain, once the owner was checked after the mark's request had time to finish.
/// </summary>
public sealed class SignalMarks(StorageClients storage, TimeProvider clock)
{
    readonly TableClient table = storage.Table(StorageNames.SignalMarksTable);

    public Task MarkAsync(SignalOwner owner, string id, CancellationToken cancellationToken = default) =>
        table.UpsertEntityAsync(new TableEntity(owner.ToString(), TableKeys.Escape(id)) { ["Id"] = id, ["MarkedAt"] = clock.GetUtcNow() }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>The marks older than <paramref name="settle"/>: their requests have finished or died.</summary>
    public async Task<IReadOnlyList<SignalMark>> DueAsync(TimeSpan settle, CancellationToken cancellationToken = default)
    {
        var before = clock.GetUtcNow() - settle;
        var due = new List<SignalMark>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"MarkedAt le {before}"), cancellationToken: cancellationToken))
        {
            due.Add(new SignalMark(Enum.Parse<SignalOwner>(entity.PartitionKey), entity.GetString("Id"), entity.GetDateTimeOffset("MarkedAt")!.Value, entity.ETag));
        }

        return due;
    }

    /// <summary>Clears a checked mark, unless a newer request marked the owner again meanwhile (then it waits for the next drain).</summary>
    public async Task ClearAsync(SignalMark mark, CancellationToken cancellationToken = default)
    {
        try
        {
            await table.DeleteEntityAsync(mark.Owner.ToString(), TableKeys.Escape(mark.Id), mark.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
        }
    }
}
