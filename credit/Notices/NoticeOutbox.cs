using Azure;
using Azure.Data.Tables;
using Credit.Storage;

namespace Credit.Notices;

/// <summary>A notice as a department fetches it over HTTP.</summary>
public sealed record PendingNotice(string NoticeId, string CaseId, string Kind, DateTimeOffset IssuedAt, string Body);

/// <summary>
/// Every notice is written to table Notices (partition = department) before it is sent and marked sent after, so a
/// repeated activity sends it at most once more (and then with the same MessageId), and a department can also
/// fetch what it still has to act on over HTTP: a notice stays open until the department has answered it.
/// </summary>
public sealed class NoticeOutbox(StorageClients storage, INoticeChannel channel)
{
    readonly TableClient table = storage.Table(StorageNames.NoticesTable);

    public async Task SendAsync(CaseNotice notice, CancellationToken cancellationToken = default)
    {
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(notice.Department, notice.NoticeId, ["Sent"], cancellationToken);
        if (existing.HasValue && existing.Value!.GetBoolean("Sent") == true)
        {
            return;
        }

        await table.UpsertEntityAsync(new TableEntity(notice.Department, notice.NoticeId)
        {
            ["CaseId"] = notice.CaseId,
            ["Kind"] = notice.Kind,
            ["IssuedAt"] = notice.IssuedAt,
            ["Body"] = notice.Body,
            ["Open"] = true,
            ["Sent"] = false,
        }, TableUpdateMode.Replace, cancellationToken);
        await channel.SendAsync(notice, cancellationToken);
        await table.UpdateEntityAsync(new TableEntity(notice.Department, notice.NoticeId) { ["Sent"] = true }, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<IReadOnlyList<PendingNotice>> PendingAsync(string department, CancellationToken cancellationToken = default)
    {
        var pending = new List<PendingNotice>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == department && e.GetBoolean("Open") == true, cancellationToken: cancellationToken))
        {
            pending.Add(new PendingNotice(row.RowKey, row.GetString("CaseId"), row.GetString("Kind"), row.GetDateTimeOffset("IssuedAt") ?? default, row.GetString("Body")));
        }

        return [.. pending.OrderBy(n => n.IssuedAt)];
    }

    /// <summary>Closes the department's open notices of a case of the given kinds (it has answered them).</summary>
    public async Task CloseAsync(string department, string caseId, IReadOnlyCollection<string> kinds, CancellationToken cancellationToken = default)
    {
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == department && e.GetString("CaseId") == caseId && e.GetBoolean("Open") == true, select: ["RowKey", "Kind"], cancellationToken: cancellationToken))
        {
            if (kinds.Contains(row.GetString("Kind")))
            {
                await table.UpdateEntityAsync(new TableEntity(department, row.RowKey) { ["Open"] = false }, ETag.All, TableUpdateMode.Merge, cancellationToken);
            }
        }
    }
}
