using System.Text.Json;
using Azure.Data.Tables;
using Credit.Lists;
using Credit.Records;
using Credit.Storage;

namespace Credit.Disclosure;

/// <summary>One page of a published list; <see cref="Next"/> continues it.</summary>
public sealed record PublicListPage(IReadOnlyList<JsonElement> Entries, string? Next);

/// <summary>
/// The published red and black lists: table PublicLists (partition = list type, one row per entry, a notice in
/// its place once it leaves), and a row in the subject's partition of PublicRecords under
/// <see cref="SubjectRowPrefix"/>, so that a subject's page reads its records and its list status in one query.
/// </summary>
public sealed class PublicListStore(StorageClients storage)
{
    /// <summary>Sorts before every record id (a department code): a subject's list rows come first in its partition.</summary>
    public const string SubjectRowPrefix = "!";

    /// <summary>The first row key of a record in a subject's partition.</summary>
    public const string FirstRecordRow = "0";

    public const string EntryKind = "ListEntry";
    public const string NoticeKind = "ListNotice";

    readonly TableClient lists = storage.Table(StorageNames.PublicListsTable);
    readonly TableClient subjects = storage.Table(StorageNames.PublicRecordsTable);
    readonly TableClient names = storage.Table(StorageNames.PublicNamesTable);

    /// <summary>Puts the entry in public view (its list, its subject's page, the name search); repeating it changes nothing.</summary>
    public async Task PublishAsync(PublicListEntry entry, DateOnly day, DateTimeOffset publishedAt, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(entry, PublicJson.Options);
        await lists.UpsertEntityAsync(new TableEntity(Partition(entry.ListType), entry.EntryId)
        {
            ["Json"] = json, ["Kind"] = EntryKind, ["Field"] = entry.Field, ["SubjectKey"] = entry.SubjectKey, ["PublishedAt"] = publishedAt,
        }, TableUpdateMode.Replace, cancellationToken);
        await subjects.UpsertEntityAsync(new TableEntity(entry.SubjectKey, SubjectRowPrefix + entry.EntryId)
        {
            ["Json"] = json, ["Kind"] = EntryKind, ["Day"] = DateText.ToIso(day), ["PublishedAt"] = publishedAt,
        }, TableUpdateMode.Merge, cancellationToken); // merged: a republished copy keeps its "under objection" mark
        await names.UpsertEntityAsync(new TableEntity(PublicStore.NamePartition(entry.SubjectName), PublicStore.NameRow(entry.SubjectName, entry.SubjectKey))
        {
            ["Name"] = entry.SubjectName, ["SubjectKey"] = entry.SubjectKey,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Replaces a published entry by its notice; an entry never published leaves nothing. Returns whether it was in view.</summary>
    public async Task<bool> WithdrawAsync(PublicListNotice notice, CancellationToken cancellationToken)
    {
        var stored = await lists.GetEntityIfExistsAsync<TableEntity>(Partition(notice.ListType), notice.EntryId, select: ["Kind"], cancellationToken: cancellationToken);
        if (!stored.HasValue)
        {
            return false;
        }

        var json = JsonSerializer.Serialize(notice, PublicJson.Options);
        await subjects.UpsertEntityAsync(new TableEntity(notice.SubjectKey, SubjectRowPrefix + notice.EntryId) { ["Json"] = json, ["Kind"] = NoticeKind }, TableUpdateMode.Merge, cancellationToken);
        await lists.UpsertEntityAsync(new TableEntity(Partition(notice.ListType), notice.EntryId) { ["Json"] = json, ["Kind"] = NoticeKind }, TableUpdateMode.Merge, cancellationToken);
        return stored.Value!.GetString("Kind") == EntryKind;
    }

    /// <summary>A page of a published list: its standing entries, or with <paramref name="removed"/> the notices of those that left; one partition query.</summary>
    public async Task<PublicListPage> PageAsync(ListType type, string? field, bool removed, string? continuation, int pageSize, CancellationToken cancellationToken)
    {
        var kind = removed ? NoticeKind : EntryKind;
        var filter = field is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {Partition(type)} and Kind eq {kind}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {Partition(type)} and Kind eq {kind} and Field eq {field}");
        await foreach (var page in lists.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, select: ["Json"], cancellationToken: cancellationToken).AsPages(continuation, pageSize))
        {
            return new PublicListPage([.. page.Values.Select(e => JsonDocument.Parse(e.GetString("Json")).RootElement)], page.ContinuationToken);
        }

        return new PublicListPage([], null);
    }

    static string Partition(ListType type) => type.ToString().ToLowerInvariant();
}
