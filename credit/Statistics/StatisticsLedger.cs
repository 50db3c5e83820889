using Azure;
using Azure.Data.Tables;
using Credit.Storage;

namespace Credit.Statistics;

/// <summary>
/// Where the product counts what departments do, as it happens: table StatisticsEvents (partition = month and
/// department, row = kind and fact, so a repeated write is the same row) and a mark in StatisticsDirty for every
/// department and month that changed, which is all <see cref="StatisticsRun"/> has to read again.
/// </summary>
public sealed class StatisticsLedger(StorageClients storage)
{
    const string DirtyPartition = "dirty";
    readonly TableClient events = storage.Table(StorageNames.StatisticsEventsTable);
    readonly TableClient dirty = storage.Table(StorageNames.StatisticsDirtyTable);

    public Task RecordAsync(StatisticEvent fact, CancellationToken cancellationToken = default) => RecordAsync([fact], cancellationToken);

    public async Task RecordAsync(IEnumerable<StatisticEvent> facts, CancellationToken cancellationToken = default)
    {
        foreach (var partition in facts.GroupBy(f => PartitionKey(f.Month, f.Department)))
        {
            // Written before the mark: a run that removes the mark has read the facts, or sees a newer mark.
            foreach (var batch in partition.DistinctBy(f => RowKey(f)).Chunk(100))
            {
                // Most facts come one at a time (a push, an answer): a plain upsert costs the store less than a transaction of one.
                if (batch.Length == 1)
                {
                    await events.UpsertEntityAsync(ToEntity(batch[0]), TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await events.SubmitTransactionAsync(batch.Select(f => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(f))), cancellationToken);
                }
            }

            var first = partition.First();
            await MarkChangedAsync(first.Month, first.Department, cancellationToken);
        }
    }

    async Task MarkChangedAsync(string month, string department, CancellationToken cancellationToken) =>
        await dirty.UpsertEntityAsync(new TableEntity(DirtyPartition, PartitionKey(month, department)) { ["Month"] = month, ["Department"] = department }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>The key of every fact stored for a month, of every department: one partition-range query.</summary>
    public async Task<IReadOnlyList<StoredFact>> KeysOfMonthAsync(string month, CancellationToken cancellationToken)
    {
        // Partitions are "{month}_{department}", and a credit code is digits and capital letters, all below '~'.
        var (from, to) = (PartitionKey(month, string.Empty), PartitionKey(month, "~"));
        var keys = new List<StoredFact>();
        await foreach (var row in events.QueryAsync<TableEntity>(e => e.PartitionKey.CompareTo(from) >= 0 && e.PartitionKey.CompareTo(to) < 0, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(new StoredFact(row.PartitionKey[from.Length..], row.PartitionKey, row.RowKey));
        }

        return keys;
    }

    /// <summary>
    /// Writes a month's facts as derived again and removes those of <paramref name="stored"/> that are not among them;
    /// every department-month touched is marked changed. Returns what was removed.
    /// </summary>
    public async Task<IReadOnlyList<StoredFact>> ReplaceAsync(string month, IReadOnlyList<StoredFact> stored, IReadOnlyList<StatisticEvent> facts, CancellationToken cancellationToken)
    {
        var ofMonth = facts.Where(f => f.Month == month).ToList();
        await RecordAsync(ofMonth, cancellationToken);
        var derived = ofMonth.Select(f => (PartitionKey(f.Month, f.Department), RowKey(f))).ToHashSet();
        var stale = stored.Where(k => !derived.Contains((k.PartitionKey, k.RowKey))).ToList();
        foreach (var fact in stale)
        {
            try
            {
                await events.DeleteEntityAsync(fact.PartitionKey, fact.RowKey, ETag.All, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Gone meanwhile.
            }
        }

        foreach (var department in stale.Select(f => f.Department).Distinct(StringComparer.Ordinal))
        {
            await MarkChangedAsync(month, department, cancellationToken);
        }

        return stale;
    }

    /// <summary>The department-months that changed since their figures were last computed, with the mark's version.</summary>
    public async Task<IReadOnlyList<(string Month, string Department, ETag ETag)>> ChangedAsync(CancellationToken cancellationToken)
    {
        var changed = new List<(string, string, ETag)>();
        await foreach (var mark in dirty.QueryAsync<TableEntity>(e => e.PartitionKey == DirtyPartition, cancellationToken: cancellationToken))
        {
            changed.Add((mark.GetString("Month"), mark.GetString("Department"), mark.ETag));
        }

        return changed;
    }

    /// <summary>Clears a mark unless a fact arrived after it was read (then the next run computes again).</summary>
    public async Task ClearAsync(string month, string department, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await dirty.DeleteEntityAsync(DirtyPartition, PartitionKey(month, department), etag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Cleared by a concurrent run, or changed again since: nothing to do now.
        }
    }

    public async Task<IReadOnlyList<StatisticEvent>> ReadAsync(string month, string department, CancellationToken cancellationToken)
    {
        var read = new List<StatisticEvent>();
        await foreach (var row in events.QueryAsync<TableEntity>(e => e.PartitionKey == PartitionKey(month, department), cancellationToken: cancellationToken))
        {
            read.Add(new StatisticEvent(department, row.GetDateTimeOffset("At") ?? default, row.GetString("Kind"), row.GetString("Fact"),
                row.GetInt64("Count") ?? 1, row.GetString("Code"), row.GetString("Item")));
        }

        return read;
    }

    /// <summary>
    /// The department-month's overdue items (feedback, lifts, decisions), oldest first: row-key ranges of the
    /// overdue kinds, so only those rows are read.
    /// </summary>
    public async Task<IReadOnlyList<OverdueItem>> OverdueAsync(string month, string department, CancellationToken cancellationToken)
    {
        var ranges = StatisticKinds.Overdue.Select(kind => TableClient.CreateQueryFilter($"(RowKey ge {RowKeyPrefix(kind)} and RowKey lt {RowKeyPrefix(kind) + "~"})"));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey(month, department)}") + $" and ({string.Join(" or ", ranges)})";
        var items = new List<OverdueItem>();
        await foreach (var row in events.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.GetString("Item") is { } item)
            {
                items.Add(new OverdueItem(row.GetString("Kind"), item, row.GetDateTimeOffset("At") ?? default));
            }
        }

        return [.. items.OrderBy(i => i.At)];
    }

    /// <summary>A stored fact's address, and the department its partition belongs to.</summary>
    public sealed record StoredFact(string Department, string PartitionKey, string RowKey);

    static string RowKeyPrefix(string kind) => TableKeys.Escape($"{kind}|");

    static string PartitionKey(string month, string department) => $"{month}_{department}";

    static string RowKey(StatisticEvent f) => TableKeys.Escape($"{f.Kind}|{f.Code}|{f.Fact}");

    static TableEntity ToEntity(StatisticEvent f) => new(PartitionKey(f.Month, f.Department), RowKey(f))
    {
        ["Kind"] = f.Kind,
        ["Fact"] = f.Fact,
        ["At"] = f.At,
        ["Count"] = f.Count,
        ["Code"] = f.Code,
        ["Item"] = f.Item,
    };
}
