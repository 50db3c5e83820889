using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Credit.Storage;

namespace Credit.Exchange;

/// <summary>How one imported row met what was stored.</summary>
public enum ImportOutcome
{
    Created,
    Updated,
    Unchanged,
}

/// <summary>
/// Imported entries: table ImportedEntries (partition = source, row = the source's id through <see cref="TableKeys"/>),
/// the content each had before a change in ImportedEntryVersions, and a pointer per subject in ImportedSubjects, so that
/// a credit check reads one partition and a point read per entry, however many entries there are. The pointer is
/// written before the entry and the entry is the truth: a crash in between leaves a pointer the reader passes over.
/// </summary>
public sealed class ImportedEntryStore(StorageClients storage)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    readonly TableClient entries = storage.Table(StorageNames.ImportedEntriesTable);
    readonly TableClient versions = storage.Table(StorageNames.ImportedEntryVersionsTable);
    readonly TableClient subjects = storage.Table(StorageNames.ImportedSubjectsTable);

    /// <summary>
    /// Stores a row: new, changed (the previous content kept as a version) or the same as stored (nothing written).
    /// <paramref name="beforeWrite"/>, given what was stored (null: nothing) and the row, does what a change implies
    /// (<see cref="ImportedEntryResponse"/>) before it is stored, and returns the entry to store.
    /// </summary>
    public async Task<ImportOutcome> SaveAsync(ImportedEntry entry, Func<ImportedEntry?, ImportedEntry, Task<ImportedEntry>> beforeWrite, CancellationToken cancellationToken)
    {
        var row = TableKeys.Escape(entry.SourceId);
        while (true)
        {
            var stored = await entries.GetEntityIfExistsAsync<TableEntity>(entry.Source, row, cancellationToken: cancellationToken);
            var previous = stored.HasValue ? Read(stored.Value!) : null;
            if (previous is { RemovedOn: { } removedOn } && entry.RemovedOn is not null)
            {
                // Removed already: a row that says so again (re-sent, or a later file) keeps the day it was removed.
                entry = entry with { RemovedOn = removedOn };
            }

            if (previous is not null && previous.SameContentAs(entry))
            {
                return ImportOutcome.Unchanged;
            }

            entry = await beforeWrite(previous, entry);

            await subjects.UpsertEntityAsync(new TableEntity(entry.SubjectKey, $"{entry.Source}|{row}"), TableUpdateMode.Replace, cancellationToken);
            try
            {
                if (previous is null)
                {
                    await entries.AddEntityAsync(Entity(entry, row, 1), cancellationToken);
                    return ImportOutcome.Created;
                }

                var version = stored.Value!.GetInt32("Version") ?? 1;
                await versions.UpsertEntityAsync(
                    new TableEntity($"{entry.Source}|{row}", version.ToString("D6", CultureInfo.InvariantCulture)) { ["Json"] = stored.Value.GetString("Json") },
                    TableUpdateMode.Replace, cancellationToken);
                await entries.UpdateEntityAsync(Entity(entry, row, version + 1), stored.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                if (previous.SubjectKey != entry.SubjectKey)
                {
                    await subjects.DeleteEntityAsync(previous.SubjectKey, $"{entry.Source}|{row}", ETag.All, cancellationToken);
                }

                return ImportOutcome.Updated;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // The same entry written meanwhile (a file re-sent while it was read): decide on what is stored now.
            }
        }
    }

    /// <summary>The entries naming a subject, as stored now (a pointer whose entry now names another subject is passed over).</summary>
    public async Task<IReadOnlyList<ImportedEntry>> OfSubjectAsync(string subjectKey, CancellationToken cancellationToken)
    {
        var found = new List<ImportedEntry>();
        await foreach (var pointer in subjects.QueryAsync<TableEntity>(e => e.PartitionKey == subjectKey, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            var bar = pointer.RowKey.IndexOf('|', StringComparison.Ordinal);
            var stored = await entries.GetEntityIfExistsAsync<TableEntity>(pointer.RowKey[..bar], pointer.RowKey[(bar + 1)..], cancellationToken: cancellationToken);
            if (stored.HasValue && Read(stored.Value!) is { } entry && entry.SubjectKey == subjectKey)
            {
                found.Add(entry);
            }
        }

        return found;
    }

    /// <summary>One entry by its source and the source's id.</summary>
    public async Task<ImportedEntry?> GetAsync(string source, string sourceId, CancellationToken cancellationToken)
    {
        var stored = await entries.GetEntityIfExistsAsync<TableEntity>(source, TableKeys.Escape(sourceId), cancellationToken: cancellationToken);
        return stored.HasValue ? Read(stored.Value!) : null;
    }

    /// <summary>The earlier contents of an entry, oldest first.</summary>
    public async Task<IReadOnlyList<ImportedEntry>> VersionsAsync(string source, string sourceId, CancellationToken cancellationToken)
    {
        var partition = $"{source}|{TableKeys.Escape(sourceId)}";
        var found = new List<ImportedEntry>();
        await foreach (var version in versions.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            found.Add(JsonSerializer.Deserialize<ImportedEntry>(version.GetString("Json"), Json)!);
        }

        return found;
    }

    /// <summary>
    /// After a full file: every entry of the source not yet removed that the file did not name (<paramref name="named"/>: by the source's id) is removed on
    /// <paramref name="on"/> (kept, with the day). Returns how many.
    /// </summary>
    public async Task<int> RemoveAbsentAsync(string source, Func<string, bool> named, DateOnly on, Func<ImportedEntry?, ImportedEntry, Task<ImportedEntry>> beforeWrite, CancellationToken cancellationToken)
    {
        var absent = new List<ImportedEntry>();
        // Only the entries still standing come back: a source's removed entries accumulate over the years.
        await foreach (var stored in entries.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {source} and Removed eq {false}"), cancellationToken: cancellationToken))
        {
            if (Read(stored) is { } entry && !named(entry.SourceId))
            {
                absent.Add(entry);
            }
        }

        foreach (var entry in absent)
        {
            await SaveAsync(entry with { RemovedOn = on }, beforeWrite, cancellationToken);
        }

        return absent.Count;
    }

    static TableEntity Entity(ImportedEntry entry, string row, int version) => new(entry.Source, row)
    {
        ["Json"] = JsonSerializer.Serialize(entry, Json),
        ["Version"] = version,
        // Beside the JSON so that a full file's removal asks the table for the standing entries only.
        ["Removed"] = entry.RemovedOn is not null,
    };

    static ImportedEntry? Read(TableEntity entity) => JsonSerializer.Deserialize<ImportedEntry>(entity.GetString("Json"), Json);
}
