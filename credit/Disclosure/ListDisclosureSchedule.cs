using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Credit.Departments;
using Credit.JointCases;
using Credit.Lists;
using Credit.Storage;

namespace Credit.Disclosure;

/// <summary>
/// A red or black list entry's public copy waiting for the disclosure run; <see cref="ClaimedAt"/> is its publication
/// time once a run claimed it. The copy is read from <see cref="Json"/> within the run's guard of this entry alone.
/// </summary>
public sealed record PendingListPublication(string EntryId, string? Department, DateOnly? StartDate, string Json, DateTimeOffset? ClaimedAt, ETag ETag)
{
    public PublicListEntry Entry() => JsonSerializer.Deserialize<PublicListEntry>(Json, PublicJson.Options) ?? throw new JsonException($"list entry {EntryId}: no public copy");
}

/// <summary>A list entry that left its list and leaves public view at the next run, a notice with the reason in its place.</summary>
public sealed record DueListWithdrawal(string EntryId, string? Department, string Json)
{
    public PublicListNotice Notice() => JsonSerializer.Deserialize<PublicListNotice>(Json, PublicJson.Options) ?? throw new JsonException($"list entry {EntryId}: no notice");
}

/// <summary>
/// The disclosure run's work for red and black list entries, in the disclosure queue beside the records' batches:
/// one row per entry to publish (written by the case's opening step, again by an amendment that changes what is
/// published) and one per entry to withdraw (written by the case's closing step). Rows are keyed by the entry, so
/// a repeated step writes the same row.
/// </summary>
public sealed class ListDisclosureSchedule(StorageClients storage, DepartmentRegistry departments, DisclosureDeadlines deadlines)
{
    const string PublishPartition = "publish-list";
    const string WithdrawPartition = "withdraw-list";
    readonly TableClient table = storage.Table(StorageNames.DisclosureQueueTable);

    /// <summary>Queues the entry's public copy (red and black only); a claimed publication keeps its claim.</summary>
    public async Task EnqueueAsync(ListEntry entry, CancellationToken cancellationToken)
    {
        if (!PublicListEntry.IsPublished(entry.ListType))
        {
            return;
        }

        var department = await departments.FindAsync(entry.InitiatingDepartment, cancellationToken);
        var deadline = deadlines.Compute(entry.StartDate);
        var copy = PublicListEntry.From(entry, department?.Name, deadline.Date, deadline.IsEstimate);
        await table.UpsertEntityAsync(
            new TableEntity(PublishPartition, entry.Id)
            {
                ["Json"] = JsonSerializer.Serialize(copy, PublicJson.Options), ["Department"] = entry.InitiatingDepartment, ["StartDate"] = Records.DateText.ToIso(entry.StartDate),
            },
            TableUpdateMode.Merge,
            cancellationToken);
    }

    /// <summary>Queues the entry's withdrawal with the reason its case ended.</summary>
    public async Task ScheduleWithdrawalAsync(ListEntry entry, CaseEndReason reason, DateOnly on, CancellationToken cancellationToken)
    {
        if (!PublicListEntry.IsPublished(entry.ListType))
        {
            return;
        }

        var notice = new PublicListNotice(
            entry.Id, entry.ListType, entry.SubjectKey,
            entry.SubjectKind == SubjectKind.NaturalPerson ? Identifiers.PersonalDataMasking.MaskName(entry.SubjectName) : entry.SubjectName,
            entry.DecisionDocument, entry.InitiatingDepartment, reason.ToString(), reason.ZhName(), on);
        await table.UpsertEntityAsync(
            new TableEntity(WithdrawPartition, entry.Id) { ["Json"] = JsonSerializer.Serialize(notice, PublicJson.Options), ["Department"] = entry.InitiatingDepartment },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    public async Task<List<PendingListPublication>> PendingAsync(CancellationToken cancellationToken)
    {
        var pending = new List<PendingListPublication>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == PublishPartition, cancellationToken: cancellationToken))
        {
            pending.Add(new PendingListPublication(
                row.RowKey, row.GetString("Department"), Records.DateText.TryParse(row.GetString("StartDate"), out var start) ? start : null, row.GetString("Json") ?? "",
                row.GetDateTimeOffset("ClaimedAt"), row.ETag));
        }

        return pending;
    }

    public async Task<List<DueListWithdrawal>> DueWithdrawalsAsync(CancellationToken cancellationToken)
    {
        var due = new List<DueListWithdrawal>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == WithdrawPartition, cancellationToken: cancellationToken))
        {
            due.Add(new DueListWithdrawal(row.RowKey, row.GetString("Department"), row.GetString("Json") ?? ""));
        }

        return due;
    }

    /// <summary>The publication time: fixed by the first run that claims it, so a repeated run publishes at the same time.</summary>
    public async Task<(DateTimeOffset At, ETag ETag)> ClaimAsync(PendingListPublication pending, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (pending.ClaimedAt is { } claimed)
        {
            return (claimed, pending.ETag);
        }

        var written = await table.UpdateEntityAsync(new TableEntity(PublishPartition, pending.EntryId) { ["ClaimedAt"] = now }, pending.ETag, TableUpdateMode.Merge, cancellationToken);
        return (now, written.Headers.ETag ?? pending.ETag);
    }

    /// <summary>
    /// Done with the publication as it was read: a copy queued again since (an amendment during the run) has another
    /// ETag and stays for the next run.
    /// </summary>
    public async Task CompleteAsync(string entryId, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(PublishPartition, entryId, etag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
        }
    }

    /// <summary>The withdrawal is done; a publication still queued for the entry (an entry whose start date has not come) is dropped with it.</summary>
    public async Task CompleteWithdrawalAsync(string entryId, CancellationToken cancellationToken)
    {
        await table.DeleteEntityAsync(PublishPartition, entryId, ETag.All, cancellationToken);
        await table.DeleteEntityAsync(WithdrawPartition, entryId, ETag.All, cancellationToken);
    }
}
