using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Credit.Records;

namespace Credit.Storage;

/// <summary>What one save did: new records, changed records (previous version kept), and rows equal to what was stored.</summary>
public sealed record SaveCounts(int Created, int Updated, int Unchanged)
{
    public static readonly SaveCounts None = new(0, 0, 0);

    public SaveCounts Add(SaveCounts other) => new(Created + other.Created, Updated + other.Updated, Unchanged + other.Unchanged);
}

/// <summary>The counts, and the records whose stored content the save created or changed (they are due for publication).</summary>
public sealed record SaveResult(SaveCounts Counts, IReadOnlyList<DisclosureRecord> Changed);

/// <summary>
/// Records in Table storage. New records go in as batch transactions (≤ 100 entities of one partition, a few in
/// flight); a batch that meets an existing record falls back to one-by-one: equal content is left alone, changed
/// content archives the previous version and replaces it under its ETag. Saving the same records again,
/// as a replayed activity does, therefore changes nothing.
/// </summary>
public sealed class RecordStore(StorageClients storage, PersonalData.DataKeys dataKeys, TimeProvider clock)
{
    /// <summary>When the record's personal data was erased (<see cref="PurgePersonalDataAsync"/>).</summary>
    public const string PersonalDataPurgedAt = "PersonalDataPurgedAt";

    readonly TableClient records = storage.Table(StorageNames.RecordsTable);
    readonly TableClient versions = storage.Table(StorageNames.RecordVersionsTable);

    public async Task<SaveResult> SaveAsync(IReadOnlyList<DisclosureRecord> batch, string uploadId, CancellationToken cancellationToken)
    {
        var cipher = await dataKeys.CipherAsync(cancellationToken);
        var changed = new System.Collections.Concurrent.ConcurrentBag<DisclosureRecord>();
        var batches = batch
            .GroupBy(r => r.Key.PartitionKey)
            .SelectMany(g => g.Chunk(TableBatches.Size))
            .ToList();
        var created = 0;
        var updated = 0;
        var unchanged = 0;
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = TableBatches.InFlight, CancellationToken = cancellationToken },
            async (group, ct) =>
            {
                var counts = await SaveBatchAsync(group, uploadId, cipher, changed, ct);
                Interlocked.Add(ref created, counts.Created);
                Interlocked.Add(ref updated, counts.Updated);
                Interlocked.Add(ref unchanged, counts.Unchanged);
            });
        return new SaveResult(new SaveCounts(created, updated, unchanged), [.. changed]);
    }

    /// <summary>Sets properties of stored records (merge), in batches per partition; a record gone meanwhile is skipped.</summary>
    public async Task MarkAsync(IEnumerable<(RecordKey Key, IDictionary<string, object?> Properties)> updates, CancellationToken cancellationToken)
    {
        foreach (var batch in updates.GroupBy(u => u.Key.PartitionKey).SelectMany(g => g.Chunk(TableBatches.Size)))
        {
            var actions = batch.Select(u =>
            {
                var entity = new TableEntity(u.Key.PartitionKey, u.Key.RowKey);
                foreach (var (name, value) in u.Properties)
                {
                    entity[name] = value;
                }

                return new TableTransactionAction(TableTransactionActionType.UpdateMerge, entity, ETag.All);
            });
            await records.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    /// <summary>A department's records in a disclosure state: a query over its 16 partitions only. Sealed values stay sealed: a listing by state shows none.</summary>
    public async IAsyncEnumerable<TableEntity> ByDisclosureAsync(string departmentCode, string state, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var from = departmentCode + "-";
        var to = departmentCode + "-~";
        await foreach (var entity in records.QueryAsync<TableEntity>(
            e => e.PartitionKey.CompareTo(from) >= 0 && e.PartitionKey.CompareTo(to) < 0 && e.GetString(Disclosure.DisclosureState.Property) == state,
            cancellationToken: cancellationToken))
        {
            yield return entity;
        }
    }

    /// <summary>A record with its sealed values opened.</summary>
    public async Task<TableEntity?> GetAsync(RecordKey key, CancellationToken cancellationToken) =>
        await GetStoredAsync(key, cancellationToken) is { } stored ? RecordEntity.Revealed(stored, await dataKeys.CipherAsync(cancellationToken)) : null;

    /// <summary>
    /// Records by their keys, sealed values opened; a key with no record is left out. One query per partition and 15
    /// keys (the service's limit of comparisons in a filter), a few at a time: a subject's 500 records cost about 35
    /// requests, not 500 point reads.
    /// </summary>
    public async Task<IReadOnlyList<TableEntity>> GetManyAsync(IEnumerable<RecordKey> keys, CancellationToken cancellationToken)
    {
        var cipher = await dataKeys.CipherAsync(cancellationToken);
        var found = new System.Collections.Concurrent.ConcurrentBag<TableEntity>();
        var queries = keys.DistinctBy(k => (k.PartitionKey, k.RowKey)).GroupBy(k => k.PartitionKey).SelectMany(p => p.Chunk(15));
        await Parallel.ForEachAsync(queries, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (chunk, token) =>
        {
            var rows = string.Join(" or ", chunk.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k.RowKey}")));
            await foreach (var stored in records.QueryAsync<TableEntity>($"{TableClient.CreateQueryFilter($"PartitionKey eq {chunk[0].PartitionKey}")} and ({rows})", cancellationToken: token))
            {
                found.Add(RecordEntity.Revealed(stored, cipher));
            }
        });
        return [.. found];
    }

    /// <summary>A record as stored, sealed values sealed (what an earlier version is archived as).</summary>
    async Task<TableEntity?> GetStoredAsync(RecordKey key, CancellationToken cancellationToken)
    {
        var response = await records.GetEntityIfExistsAsync<TableEntity>(key.PartitionKey, key.RowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    async Task<SaveCounts> SaveBatchAsync(DisclosureRecord[] group, string uploadId, PersonalData.FieldCipher cipher, System.Collections.Concurrent.ConcurrentBag<DisclosureRecord> changed, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        try
        {
            await records.SubmitTransactionAsync(group.Select(r => new TableTransactionAction(TableTransactionActionType.Add, RecordEntity.From(r, uploadId, version: 1, now, cipher))), cancellationToken);
            foreach (var record in group)
            {
                changed.Add(record);
            }

            return new SaveCounts(group.Length, 0, 0);
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            var counts = SaveCounts.None;
            foreach (var record in group)
            {
                var one = await SaveOneAsync(record, uploadId, cipher, cancellationToken);
                if (one.Unchanged == 0)
                {
                    changed.Add(record);
                }

                counts = counts.Add(one);
            }

            return counts;
        }
    }

    async Task<SaveCounts> SaveOneAsync(DisclosureRecord record, string uploadId, PersonalData.FieldCipher cipher, CancellationToken cancellationToken)
    {
        while (true)
        {
            var existing = await GetStoredAsync(record.Key, cancellationToken);
            var now = clock.GetUtcNow();
            try
            {
                if (existing is null)
                {
                    await records.AddEntityAsync(RecordEntity.From(record, uploadId, 1, now, cipher), cancellationToken);
                    return new SaveCounts(1, 0, 0);
                }

                if (existing.GetString(nameof(DisclosureRecord.ContentHash)) == record.ContentHash)
                {
                    // Written by an earlier attempt of this very upload (a replayed activity): it was created by it.
                    return existing.GetString("UploadId") == uploadId && existing.GetInt32("Version") == 1
                        ? new SaveCounts(1, 0, 0)
                        : new SaveCounts(0, 0, 1);
                }

                var version = existing.GetInt32("Version") ?? 1;
                var archived = new TableEntity(existing) { PartitionKey = record.Key.Id, RowKey = version.ToString("D6", CultureInfo.InvariantCulture) };
                await versions.UpsertEntityAsync(archived, TableUpdateMode.Replace, cancellationToken);
                await records.UpdateEntityAsync(RecordEntity.From(record, uploadId, version + 1, now, cipher), existing.ETag, TableUpdateMode.Replace, cancellationToken);
                return new SaveCounts(0, 1, 0);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another writer got there first; read again and decide on what is stored now.
            }
        }
    }

    /// <summary>
    /// Erases the personal data of a record and of its earlier versions: ID numbers, the representative's name and
    /// free text removed, a natural person's name masked; what statistics and the audit trail need stays. False when
    /// there is no such record.
    /// </summary>
    public async Task<bool> PurgePersonalDataAsync(RecordKey key, CancellationToken cancellationToken)
    {
        var existing = await GetAsync(key, cancellationToken);
        if (existing is null)
        {
            return false;
        }

        var at = clock.GetUtcNow();
        var cipher = await dataKeys.CipherAsync(cancellationToken);
        await foreach (var version in versions.QueryAsync<TableEntity>(e => e.PartitionKey == key.Id, cancellationToken: cancellationToken))
        {
            await versions.UpdateEntityAsync(WithoutPersonalData(RecordEntity.Revealed(version, cipher), at), version.ETag, TableUpdateMode.Replace, cancellationToken);
        }

        await records.UpdateEntityAsync(WithoutPersonalData(existing, at), existing.ETag, TableUpdateMode.Replace, cancellationToken);
        return true;
    }

    static TableEntity WithoutPersonalData(TableEntity entity, DateTimeOffset at)
    {
        var schema = RecordSchema.For(Enum.Parse<RecordKind>(entity.GetString("Kind")));
        var purged = new TableEntity(entity);
        foreach (var code in schema.PersonalFields)
        {
            purged.Remove(code);
        }

        if (entity.GetString(schema.SubjectCategory) == Enumerations.NaturalPerson)
        {
            var masked = Identifiers.PersonalDataMasking.MaskName(entity.GetString("SubjectName") ?? string.Empty);
            purged["SubjectName"] = masked;
            purged[schema.SubjectName] = masked;
        }

        purged[PersonalDataPurgedAt] = at;
        return purged;
    }

    /// <summary>Every record of a subject (the subject reading its own; a filtered query across the table).</summary>
    public async Task<IReadOnlyList<TableEntity>> OfSubjectAsync(string subjectKey, CancellationToken cancellationToken)
    {
        var found = new List<TableEntity>();
        var cipher = await dataKeys.CipherAsync(cancellationToken);
        await foreach (var entity in records.QueryAsync<TableEntity>(e => e.GetString("SubjectKey") == subjectKey, cancellationToken: cancellationToken))
        {
            found.Add(RecordEntity.Revealed(entity, cipher));
        }

        return found;
    }
}
