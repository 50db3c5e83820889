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
public sealed class NoticeOutbox(StorageClients storage, INoticeChannel channel, Statistics.StatisticsLedger statistics)
{
    readonly TableClient table = storage.Table(StorageNames.NoticesTable);

    public async Task SendAsync(CaseNotice notice, CancellationToken cancellationToken = default)
    {
        try
        {
            await table.AddEntityAsync(new TableEntity(notice.Department, notice.NoticeId)
            {
                ["CaseId"] = notice.CaseId,
                ["Kind"] = notice.Kind,
                ["IssuedAt"] = notice.IssuedAt,
                ["Body"] = notice.Body,
                ["Open"] = true,
                ["Sent"] = false,
                ["Items"] = notice.Items,
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Written by an earlier attempt, which may have died before sending: send unless it was sent.
            var written = await table.GetEntityAsync<TableEntity>(notice.Department, notice.NoticeId, ["Sent"], cancellationToken);
            if (written.Value.GetBoolean("Sent") == true)
            {
                return;
            }
        }

        await channel.SendAsync(notice, cancellationToken);
        Telemetry.CreditMetrics.NoticesSent.Add(1, KeyValuePair.Create("kind", (object?)notice.Kind));
        if (notice.Kind == NoticeKinds.Push)
        {
            await statistics.RecordAsync(PushFacts.Of(notice.Department, notice.NoticeId, notice.IssuedAt, notice.CaseId), cancellationToken);
        }

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

    /// <summary>Closes notices (point writes; a notice never sent is skipped).</summary>
    public async Task CloseAsync(string department, IEnumerable<string> noticeIds, CancellationToken cancellationToken = default)
    {
        foreach (var id in noticeIds)
        {
            try
            {
                await table.UpdateEntityAsync(new TableEntity(department, id) { ["Open"] = false }, ETag.All, TableUpdateMode.Merge, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Not sent: nothing to close.
            }
        }
    }

    /// <summary>One item of a notice answered: when none is left, the notice (and <paramref name="alsoClose"/>) close.</summary>
    public async Task CountDownAsync(string department, string noticeId, IEnumerable<string> alsoClose, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var notice = await table.GetEntityIfExistsAsync<TableEntity>(department, noticeId, ["Items"], cancellationToken);
            if (!notice.HasValue)
            {
                return;
            }

            var left = Math.Max(0, (notice.Value!.GetInt32("Items") ?? 0) - 1);
            try
            {
                await table.UpdateEntityAsync(new TableEntity(department, noticeId) { ["Items"] = left, ["Open"] = left > 0 }, notice.Value.ETag, TableUpdateMode.Merge, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Another answer counted first: count again.
                continue;
            }

            if (left == 0)
            {
                await CloseAsync(department, alsoClose, cancellationToken);
            }

            return;
        }
    }
}
