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
/// Imported entries: table ImportedEntries, one partition per source, holding for each entry three rows written in one
/// transaction — the entry (row = the source's id through <see cref="TableKeys"/>), its subject's pointer with a copy of
/// its content (row "%%s|{subject key}|{id}", so a credit check is one range query per source, however many entries
/// there are), and a mark that its public copy is due (row "%%p|{id}", taken by <see cref="ImportedEntryPublication"/>).
/// An escaped id never holds "%%" ('%' is always followed by four hex digits), so the rows never meet. The content an
/// entry had before a change is kept in ImportedEntryVersions. A file's new entries go in as batches of inserts; a
/// batch that meets a stored entry leaves that entry to the one-by-one path (<see cref="SaveAsync"/>).
/// </summary>
public sealed class ImportedEntryStore(StorageClients storage)
{
    readonly Evaluation.EvaluationMarks evaluations = new(storage);
    /// <summary>Three rows an entry, so that a transaction (at most 100 actions) holds 33 entries.</summary>
    const int EntriesPerTransaction = 33;
    const int TransactionsInFlight = 4;
    const int SavesInFlight = 8;
    const string PointerPrefix = "%%s|";
    const string PendingPrefix = "%%p|";
    /// <summary>On the entry's row: the subject whose public page shows it now (set by <see cref="ImportedEntryPublication"/>).</summary>
    public const string PublishedSubjectColumn = "PublishedSubject";

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    readonly TableClient entries = storage.Table(StorageNames.ImportedEntriesTable);
    readonly TableClient versions = storage.Table(StorageNames.ImportedEntryVersionsTable);

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
            // The subjects are evaluated again (信用评价); marked before the write, so no change goes unevaluated.
            await evaluations.MarkAsync(new[] { entry.SubjectKey, previous?.SubjectKey }.OfType<string>().Select(key => (key, (string?)null)), cancellationToken);
            try
            {
                if (previous is null)
                {
                    await entries.SubmitTransactionAsync(Rows(entry, row, 1, TableTransactionActionType.Add), cancellationToken);
                    return ImportOutcome.Created;
                }

                var version = stored.Value!.GetInt32("Version") ?? 1;
                await versions.UpsertEntityAsync(
                    new TableEntity($"{entry.Source}|{row}", version.ToString("D6", CultureInfo.InvariantCulture)) { ["Json"] = stored.Value.GetString("Json") },
                    TableUpdateMode.Replace, cancellationToken);
                if (previous.SubjectKey != entry.SubjectKey)
                {
                    // The old subject's pointer first: a crash after it leaves the entry unchanged, and the file's next import moves it again.
                    await entries.DeleteEntityAsync(entry.Source, PointerRow(previous.SubjectKey, row), ETag.All, cancellationToken);
                }

                await entries.SubmitTransactionAsync(Rows(entry, row, version + 1, TableTransactionActionType.UpdateMerge, stored.Value.ETag), cancellationToken);
                return ImportOutcome.Updated;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // The same entry written meanwhile (a file re-sent while it was read): decide on what is stored now.
            }
        }
    }

    /// <summary>
    /// Stores a chunk's rows (one source) that need nothing done before a new entry is written (no response, see
    /// <see cref="ImportedEntryResponse"/>): a batch of inserts for every 33 rows, and the rows of a batch that meets a
    /// stored entry one by one through <see cref="SaveAsync"/> with <paramref name="beforeWrite"/> (a re-sent or changed file).
    /// </summary>
    public async Task<IReadOnlyList<ImportOutcome>> SaveAllAsync(IReadOnlyList<ImportedEntry> rows, Func<ImportedEntry?, ImportedEntry, Task<ImportedEntry>> beforeWrite, CancellationToken cancellationToken)
    {
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<ImportOutcome>();
        var stored = new System.Collections.Concurrent.ConcurrentBag<ImportedEntry>();
        // The subjects are evaluated again (信用评价): all of them marked before any row is written, so no write goes
        // unevaluated. Marked for the whole chunk at once: a mark partition is a subject bucket, and marking per batch of 33
        // cost a transaction per bucket its subjects fell in (about 14), which doubled Azurite's work for an import.
        await evaluations.MarkAsync(rows.Select(row => (row.SubjectKey, (string?)null)), cancellationToken);
        await Parallel.ForEachAsync(rows.Chunk(EntriesPerTransaction), new ParallelOptions { MaxDegreeOfParallelism = TransactionsInFlight, CancellationToken = cancellationToken }, async (batch, token) =>
        {
            var inserts = batch.SelectMany(NewEntryRows).ToList();
            try
            {
                await entries.SubmitTransactionAsync(inserts, token);
                foreach (var _ in batch)
                {
                    outcomes.Add(ImportOutcome.Created);
                }
            }
            catch (TableTransactionFailedException e) when (e.Status == 409)
            {
                // A stored entry among them: the batch is written as nothing, and each row takes the one-by-one way.
                foreach (var row in batch)
                {
                    stored.Add(row);
                }
            }
        });

        await Parallel.ForEachAsync(stored, new ParallelOptions { MaxDegreeOfParallelism = SavesInFlight, CancellationToken = cancellationToken },
            async (row, token) => outcomes.Add(await SaveAsync(row, beforeWrite, token)));
        return [.. outcomes];
    }

    /// <summary>The entries naming a subject in the partitions of <paramref name="sources"/>: one range query each, at once.</summary>
    public async Task<IReadOnlyList<ImportedEntry>> OfSubjectAsync(string subjectKey, IEnumerable<string> sources, CancellationToken cancellationToken)
    {
        var (from, to) = (PointerPrefix + subjectKey + "|", PointerPrefix + subjectKey + "}");
        var found = await Task.WhenAll(sources.Select(async source =>
        {
            var ofSource = new List<ImportedEntry>();
            await foreach (var pointer in entries.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {source} and RowKey ge {from} and RowKey lt {to}"), select: ["Json"], cancellationToken: cancellationToken))
            {
                ofSource.Add(Read(pointer)!);
            }

            return ofSource;
        }));
        return [.. found.SelectMany(f => f)];
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
        // Only the entries still standing come back (pointers and marks carry no Removed): a source's removed entries accumulate over the years.
        await foreach (var stored in entries.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {source} and Removed eq {false}"), select: ["Json"], cancellationToken: cancellationToken))
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

    /// <summary>The ids of a source's entries whose public copy is due, with the mark's ETag (a newer change marks it again).</summary>
    public async Task<IReadOnlyList<(string SourceId, ETag Mark)>> DuePublicationsAsync(string source, CancellationToken cancellationToken)
    {
        var due = new List<(string, ETag)>();
        await foreach (var mark in entries.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {source} and RowKey ge {PendingPrefix} and RowKey lt {"%%p}"}"), select: ["SourceId"], cancellationToken: cancellationToken))
        {
            due.Add((mark.GetString("SourceId"), mark.ETag));
        }

        return due;
    }

    /// <summary>The entry and the subject whose public page shows it now (null: none).</summary>
    public async Task<(ImportedEntry Entry, string? PublishedSubject)?> ForPublicationAsync(string source, string sourceId, CancellationToken cancellationToken)
    {
        var stored = await entries.GetEntityIfExistsAsync<TableEntity>(source, TableKeys.Escape(sourceId), select: ["Json", PublishedSubjectColumn], cancellationToken: cancellationToken);
        return stored.HasValue ? (Read(stored.Value!)!, stored.Value!.GetString(PublishedSubjectColumn)) : null;
    }

    /// <summary>Records where the entry's public copy now is, and takes its mark unless a newer change marked it again.</summary>
    public async Task CompletePublicationAsync(string source, string sourceId, string? publishedSubject, ETag mark, CancellationToken cancellationToken)
    {
        var row = TableKeys.Escape(sourceId);
        await entries.UpdateEntityAsync(new TableEntity(source, row) { [PublishedSubjectColumn] = publishedSubject }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        try
        {
            await entries.DeleteEntityAsync(source, PendingPrefix + row, mark, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Changed again since it was read: the next run publishes that change.
        }
    }

    /// <summary>
    /// The entry (merged on an update: its publication column stays), its subject's pointer and its publication mark;
    /// the entry first, so that a refused batch's failing action tells the entry.
    /// </summary>
    static TableTransactionAction[] Rows(ImportedEntry entry, string row, int version, TableTransactionActionType entryAction, ETag entryETag = default)
    {
        var json = JsonSerializer.Serialize(entry, Json);
        return
        [
            // Removed beside the JSON, so that a full file's removal asks the table for the standing entries only.
            new(entryAction, new TableEntity(entry.Source, row) { ["Json"] = json, ["Version"] = version, ["Removed"] = entry.RemovedOn is not null }, entryETag),
            new(TableTransactionActionType.UpsertReplace, new TableEntity(entry.Source, PointerRow(entry.SubjectKey, row)) { ["Json"] = json }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity(entry.Source, PendingPrefix + row) { ["SourceId"] = entry.SourceId }),
        ];
    }

    /// <summary>The rows a new entry is stored as (what a batch of inserts writes for it): for a benchmark's ceiling of the same writes.</summary>
    public static IReadOnlyList<TableTransactionAction> NewEntryRows(ImportedEntry entry) => Rows(entry, TableKeys.Escape(entry.SourceId), 1, TableTransactionActionType.Add);

    static string PointerRow(string subjectKey, string row) => $"{PointerPrefix}{subjectKey}|{row}";

    static ImportedEntry? Read(TableEntity entity) => JsonSerializer.Deserialize<ImportedEntry>(entity.GetString("Json"), Json);
}
