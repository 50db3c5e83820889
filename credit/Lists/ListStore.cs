using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Credit.Storage;

namespace Credit.Lists;

/// <summary>
/// Whether a list entry still stands, why it ended, (a red entry) the black or watch entry that suspended it, and (an
/// entry Beijing responded with) the day its source removed the imported entry.
/// </summary>
public sealed record ListEntryStatus(bool Active, string? EndReason, DateOnly? EndedOn, bool UnderObjection = false, string? SuspendedBy = null, DateOnly? RemovedAtSource = null)
{
    /// <summary>Why the entry's running case must end though its period has not: suspended, or removed at its source; null while nothing ends it.</summary>
    public JointCases.CaseEndReason? Ending => !Active ? null
        : SuspendedBy is not null ? JointCases.CaseEndReason.Suspended
        : RemovedAtSource is not null ? JointCases.CaseEndReason.RemovedAtSource
        : null;
}

/// <summary>Where a subject key is listed: as the listed subject itself or as a responsible person of it.</summary>
public sealed record ListHit(string EntryId, ListType ListType, ResponsibleRole? Role);

/// <summary>An entry that named the subject key and has left its list: why (a <see cref="JointCases.CaseEndReason"/>) and on which day.</summary>
public sealed record EndedListing(string EntryId, ListType ListType, ResponsibleRole? Role, string EndReason, DateOnly EndedOn);

/// <summary>A subject key's partition of the index: the entries that stand and the history of those that left.</summary>
public sealed record SubjectListings(IReadOnlyList<ListHit> Standing, IReadOnlyList<EndedListing> Ended);

/// <summary>
/// Red and black list entries (table ListEntries, partition = initiating department) and the index of every
/// listed subject key, responsible persons included (table ListSubjects, partition = subject key), which makes
/// a credit check one partition read. An ended entry leaves the index for the same partition's history (row key
/// "~{entry id}", after every standing row), which tells whether a subject kept a clean record (<see cref="JointCases.IncentiveEligibility"/>).
/// An entry's data (a listed person's ID number and name, its responsible persons') is stored sealed
/// (<see cref="PersonalData.FieldCipher"/>); the keyed subject keys beside it serve every lookup.
/// </summary>
public sealed class ListStore(StorageClients storage, PersonalData.DataKeys dataKeys)
{
    const string DataColumn = "Data";
    const string RemovedAtSourceColumn = "RemovedAtSource";

    /// <summary>Starts the row key of an ended entry in the subject index: '~' sorts after the characters of every entry id.</summary>
    const string EndedPrefix = "~";

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    readonly TableClient entries = storage.Table(StorageNames.ListEntriesTable);
    readonly TableClient subjects = storage.Table(StorageNames.ListSubjectsTable);
    readonly Evaluation.EvaluationMarks evaluations = new(storage);

    /// <summary>Stores a new entry, or returns the one already stored under its id (then <c>Created</c> is false).</summary>
    public async Task<(ListEntry Entry, bool Created)> CreateAsync(ListEntry entry, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        try
        {
            await entries.AddEntityAsync(new TableEntity(entry.InitiatingDepartment, entry.Id)
            {
                [DataColumn] = await SealedAsync(entry, cancellationToken),
                ["ListType"] = entry.ListType.ToString(),
                ["SubjectKey"] = entry.SubjectKey,
                ["Active"] = true,
                ["CreatedAt"] = at,
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await GetAsync(entry.Id, cancellationToken);
            return (existing!.Value.Entry, false);
        }

        await IndexAsync(entry, cancellationToken);
        return (entry, true);
    }

    /// <summary>Indexes the entry's subject and persons; repeating it changes nothing.</summary>
    public async Task IndexAsync(ListEntry entry, CancellationToken cancellationToken = default)
    {
        await MarkNamedAsync(entry, cancellationToken);
        foreach (var (key, role) in Named(entry))
        {
            await subjects.UpsertEntityAsync(new TableEntity(key, entry.Id)
            {
                ["ListType"] = entry.ListType.ToString(),
                ["Role"] = role?.ToString(),
            }, TableUpdateMode.Replace, cancellationToken);
        }
    }

    public async Task<(ListEntry Entry, ListEntryStatus Status)?> GetAsync(string entryId, CancellationToken cancellationToken = default)
    {
        if (!ListEntryId.TryParse(entryId, out var department))
        {
            return null;
        }

        var entity = await entries.GetEntityIfExistsAsync<TableEntity>(department, entryId, cancellationToken: cancellationToken);
        if (!entity.HasValue)
        {
            return null;
        }

        var value = entity.Value!;
        var status = new ListEntryStatus(value.GetBoolean("Active") ?? true, value.GetString("EndReason"),
            value.GetString("EndedOn") is { } ended ? DateOnly.Parse(ended, System.Globalization.CultureInfo.InvariantCulture) : null,
            value.GetBoolean("UnderObjection") ?? false, value.GetString("SuspendedBy"),
            value.GetString(RemovedAtSourceColumn) is { } removed && Records.DateText.TryParse(removed, out var removedAtSource) ? removedAtSource : null);
        var data = (await dataKeys.CipherAsync(cancellationToken)).Reveal(DataColumn, value.GetString(DataColumn));
        return (JsonSerializer.Deserialize<ListEntry>(data, Json)!, status);
    }

    /// <summary>Changes the period of a standing entry (an amendment by its initiating department).</summary>
    public async Task<ListEntry?> AmendPeriodAsync(string entryId, int periodMonths, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(entryId, cancellationToken) is not { Status.Active: true } found)
        {
            return null;
        }

        var amended = found.Entry with { PeriodMonths = periodMonths };
        await entries.UpdateEntityAsync(
            new TableEntity(amended.InitiatingDepartment, amended.Id) { [DataColumn] = await SealedAsync(amended, cancellationToken) },
            ETag.All, TableUpdateMode.Merge, cancellationToken);
        return amended;
    }

    /// <summary>When the entry was first published; null before (or for an unknown id).</summary>
    public async Task<DateTimeOffset?> PublishedAtAsync(string entryId, CancellationToken cancellationToken = default)
    {
        if (!ListEntryId.TryParse(entryId, out var department))
        {
            return null;
        }

        var row = await entries.GetEntityIfExistsAsync<TableEntity>(department, entryId, select: [Disclosure.DisclosureState.PublishedAt], cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetDateTimeOffset(Disclosure.DisclosureState.PublishedAt) : null;
    }

    /// <summary>
    /// Records the entry's first publication as a record keeps its own: time, lateness, the deadline it was judged by,
    /// and the batch its disclosure fact is counted under (<see cref="Disclosure.PublicationFacts"/> rebuilds from them).
    /// </summary>
    public async Task MarkPublishedAsync(string entryId, DateTimeOffset publishedAt, bool late, DateOnly deadline, string batch, CancellationToken cancellationToken = default)
    {
        if (ListEntryId.TryParse(entryId, out var department))
        {
            await entries.UpdateEntityAsync(new TableEntity(department, entryId)
            {
                [Disclosure.DisclosureState.PublishedAt] = publishedAt,
                [Disclosure.DisclosureState.Late] = late,
                ["DisclosureDeadline"] = Records.DateText.ToIso(deadline),
                [Disclosure.PublicationFacts.BatchProperty] = batch,
                ["DepartmentCode"] = department,
            }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
    }

    /// <summary>Marks the entry "under objection" (异议处理中) or clears the mark.</summary>
    public async Task MarkUnderObjectionAsync(string entryId, bool under, CancellationToken cancellationToken = default)
    {
        if (ListEntryId.TryParse(entryId, out var department))
        {
            await entries.UpdateEntityAsync(new TableEntity(department, entryId) { ["UnderObjection"] = under }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
    }

    /// <summary>Marks a red entry suspended by the black or watch entry <paramref name="byEntryId"/>; its case ends on the next drain.</summary>
    public async Task SuspendAsync(string entryId, string byEntryId, CancellationToken cancellationToken = default)
    {
        if (ListEntryId.TryParse(entryId, out var department))
        {
            await entries.UpdateEntityAsync(new TableEntity(department, entryId) { ["SuspendedBy"] = byEntryId }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
    }

    /// <summary>Marks an entry Beijing responded with as removed at its source on <paramref name="on"/>; its case ends on the next drain.</summary>
    public async Task MarkRemovedAtSourceAsync(string entryId, DateOnly on, CancellationToken cancellationToken = default)
    {
        if (ListEntryId.TryParse(entryId, out var department))
        {
            await entries.UpdateEntityAsync(new TableEntity(department, entryId) { [RemovedAtSourceColumn] = Records.DateText.ToIso(on) }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
    }

    /// <summary>
    /// Takes the entry off its list (移出): kept for the record, moved in the index from the standing rows to the
    /// history (written before the standing row goes, so a crash between the two leaves both, and a repeat completes it).
    /// </summary>
    public async Task RemoveAsync(ListEntry entry, string reason, DateOnly on, CancellationToken cancellationToken = default)
    {
        await MarkNamedAsync(entry, cancellationToken);
        await entries.UpdateEntityAsync(
            new TableEntity(entry.InitiatingDepartment, entry.Id) { ["Active"] = false, ["EndReason"] = reason, ["EndedOn"] = Records.DateText.ToIso(on) },
            ETag.All, TableUpdateMode.Merge, cancellationToken);
        await MoveToHistoryAsync(entry, reason, on, cancellationToken);
    }

    /// <summary>The subjects an entry names are evaluated again (信用评价), in the population of its initiating department; marked before the write, so no change goes unevaluated.</summary>
    Task MarkNamedAsync(ListEntry entry, CancellationToken cancellationToken) =>
        evaluations.MarkAsync(Named(entry).Select(n => (n.Key, (string?)entry.InitiatingDepartment)), cancellationToken);

    /// <summary>
    /// Puts the entries that ended before the index kept a history (this version) in their subjects' history: a
    /// table-wide query, run once after the upgrade (`lists index-history`); repeating it changes nothing. Returns how many.
    /// </summary>
    public async Task<int> IndexHistoryAsync(CancellationToken cancellationToken = default)
    {
        var count = 0;
        await foreach (var row in entries.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Active eq {false}"), select: ["RowKey", "EndReason", "EndedOn"], cancellationToken: cancellationToken))
        {
            if (row.GetString("EndReason") is { } reason && row.GetString("EndedOn") is { } endedOn && await GetAsync(row.RowKey, cancellationToken) is { } found)
            {
                await MoveToHistoryAsync(found.Entry, reason, DateOnly.Parse(endedOn, System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
                count++;
            }
        }

        return count;
    }

    async Task MoveToHistoryAsync(ListEntry entry, string reason, DateOnly on, CancellationToken cancellationToken)
    {
        foreach (var (key, role) in Named(entry))
        {
            await subjects.UpsertEntityAsync(new TableEntity(key, EndedPrefix + entry.Id)
            {
                ["ListType"] = entry.ListType.ToString(),
                ["Role"] = role?.ToString(),
                ["EndReason"] = reason,
                ["EndedOn"] = Records.DateText.ToIso(on),
            }, TableUpdateMode.Replace, cancellationToken);
            await subjects.DeleteEntityAsync(key, entry.Id, ETag.All, cancellationToken);
        }
    }

    /// <summary>The subject keys an entry names: its subject, then each responsible person with the role they have.</summary>
    static IEnumerable<(string Key, ResponsibleRole? Role)> Named(ListEntry entry) =>
        entry.ResponsiblePersons.Select(p => (Key: p.SubjectKey, Role: (ResponsibleRole?)p.Role)).Prepend((Key: entry.SubjectKey, Role: null)).DistinctBy(k => k.Key);

    /// <summary>
    /// The ids of the entries created from <paramref name="from"/> until <paramref name="until"/> (exclusive) or ended on a
    /// day from <paramref name="firstDay"/> to <paramref name="lastDay"/>: a table-wide query, for the daily export.
    /// </summary>
    public async Task<IReadOnlyList<string>> ChangedAsync(DateTimeOffset from, DateTimeOffset until, DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken = default)
    {
        var (first, last) = (Records.DateText.ToIso(firstDay), Records.DateText.ToIso(lastDay));
        var ids = new List<string>();
        await foreach (var row in entries.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"(CreatedAt ge {from} and CreatedAt lt {until}) or (EndedOn ge {first} and EndedOn le {last})"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            ids.Add(row.RowKey);
        }

        return ids;
    }

    /// <summary>The standing entries that name this subject key (one partition read).</summary>
    public async Task<IReadOnlyList<ListHit>> HitsAsync(string subjectKey, CancellationToken cancellationToken = default) =>
        (await ListingsAsync(subjectKey, TableClient.CreateQueryFilter($"PartitionKey eq {subjectKey} and RowKey lt {EndedPrefix}"), cancellationToken)).Standing;

    /// <summary>The entries that name this subject key and those that named it and have left their lists, in the same partition read.</summary>
    public Task<SubjectListings> ListingsAsync(string subjectKey, CancellationToken cancellationToken = default) =>
        ListingsAsync(subjectKey, TableClient.CreateQueryFilter($"PartitionKey eq {subjectKey}"), cancellationToken);

    async Task<SubjectListings> ListingsAsync(string subjectKey, string filter, CancellationToken cancellationToken)
    {
        var standing = new List<ListHit>();
        var ended = new List<EndedListing>();
        await foreach (var row in subjects.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var listType = Enum.Parse<ListType>(row.GetString("ListType"));
            ResponsibleRole? role = row.GetString("Role") is { } named ? Enum.Parse<ResponsibleRole>(named) : null;
            if (row.RowKey.StartsWith(EndedPrefix, StringComparison.Ordinal))
            {
                ended.Add(new EndedListing(row.RowKey[EndedPrefix.Length..], listType, role, row.GetString("EndReason"),
                    DateOnly.Parse(row.GetString("EndedOn"), System.Globalization.CultureInfo.InvariantCulture)));
            }
            else
            {
                standing.Add(new ListHit(row.RowKey, listType, role));
            }
        }

        return new SubjectListings(standing, ended);
    }

    /// <summary>The standing entries that name this subject key, with their status and the role it has in each (null: the listed subject itself).</summary>
    public async Task<IReadOnlyList<(ListEntry Entry, ListEntryStatus Status, ResponsibleRole? Role)>> StandingAsync(string subjectKey, CancellationToken cancellationToken = default)
    {
        var standing = new List<(ListEntry, ListEntryStatus, ResponsibleRole?)>();
        foreach (var hit in await HitsAsync(subjectKey, cancellationToken))
        {
            if (await GetAsync(hit.EntryId, cancellationToken) is { } found)
            {
                standing.Add((found.Entry, found.Status, hit.Role));
            }
        }

        return standing;
    }

    async Task<string> SealedAsync(ListEntry entry, CancellationToken cancellationToken) =>
        (await dataKeys.CipherAsync(cancellationToken)).Protect(DataColumn, JsonSerializer.Serialize(entry, Json));
}
