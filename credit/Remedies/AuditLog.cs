using Azure;
using Azure.Data.Tables;
using Credit.Storage;

namespace Credit.Remedies;

public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Item, string? Before, string? After);

/// <summary>
/// The append-only audit of the remedies (table Audit, partition = the item's subject, so a subject reads its own in
/// one query). A row is keyed by the process and its step: written once, never changed, a repeated step adds nothing.
/// </summary>
public sealed class AuditLog(StorageClients storage)
{
    readonly TableClient table = storage.Table(StorageNames.AuditTable);

    public async Task WriteAsync(string subjectKey, string process, string step, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        try
        {
            await table.AddEntityAsync(new TableEntity(subjectKey, $"{process}|{step}")
            {
                ["At"] = entry.At,
                ["Actor"] = entry.Actor,
                ["Action"] = entry.Action,
                ["Item"] = entry.Item,
                ["Before"] = entry.Before,
                ["After"] = entry.After,
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Written by an earlier attempt of the same step.
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> OfSubjectAsync(string subjectKey, CancellationToken cancellationToken = default)
    {
        var found = new List<AuditEntry>();
        await foreach (var e in table.QueryAsync<TableEntity>(e => e.PartitionKey == subjectKey, cancellationToken: cancellationToken))
        {
            found.Add(new AuditEntry(e.GetDateTimeOffset("At") ?? default, e.GetString("Actor"), e.GetString("Action"), e.GetString("Item"), e.GetString("Before"), e.GetString("After")));
        }

        return [.. found.OrderBy(a => a.At)];
    }
}
