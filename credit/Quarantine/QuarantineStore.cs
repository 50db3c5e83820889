using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Credit.Identifiers;
using Credit.Statistics;
using Credit.Storage;

namespace Credit.Quarantine;

/// <summary>An item a run or a listener could not handle: why, how often it was tried, and whether it is now set aside.</summary>
public sealed record QuarantineItem(
    string Id, string Run, string Item, string? Department, string Reason, int Attempts, bool Quarantined, DateTimeOffset FirstFailedAt, DateTimeOffset LastFailedAt);

/// <summary>
/// Table Quarantine (partition = the run or listener, row = a hash of the item): every item that failed, with its
/// reason. An item is tried <see cref="MaxAttempts"/> times, one run after another; then it is quarantined —
/// skipped by its run, counted in /api/health and in its department's statistics, listed for the supervising
/// office — until the office asks for a retry. Every other item of the run goes on meanwhile.
/// </summary>
public sealed class QuarantineStore(StorageClients storage, StatisticsLedger statistics, TimeProvider clock)
{
    public const int MaxAttempts = 3;
    readonly TableClient table = storage.Table(StorageNames.QuarantineTable);

    /// <summary>The failures on record for one run: one partition query, made once at the start of the run.</summary>
    public async Task<RunGuard> BeginAsync(string run, CancellationToken cancellationToken)
    {
        var known = new ConcurrentDictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == run, cancellationToken: cancellationToken))
        {
            known[row.RowKey] = row;
        }

        return new RunGuard(this, run, known);
    }

    public async Task<IReadOnlyList<QuarantineItem>> ListAsync(CancellationToken cancellationToken)
    {
        var items = new List<QuarantineItem>();
        await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            items.Add(ToItem(row));
        }

        return [.. items.OrderByDescending(i => i.LastFailedAt)];
    }

    /// <summary>How many items are set aside now.</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(e => e.GetBoolean("Quarantined") == true, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }

    /// <summary>Gives a quarantined item its attempts back: its run takes it again next time. Null for an unknown id.</summary>
    public async Task<QuarantineItem?> RetryAsync(string id, CancellationToken cancellationToken)
    {
        var dot = id.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !IsRowKey(id[(dot + 1)..]))
        {
            return null;
        }

        var row = await table.GetEntityIfExistsAsync<TableEntity>(id[..dot], id[(dot + 1)..], cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }

        var entity = row.Value!;
        entity["Attempts"] = 0;
        entity["Quarantined"] = false;
        await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
        return ToItem(entity);
    }

    /// <summary>Sets an item aside at once: it can never succeed as it is (a blob under a name intake refuses), and trying again would only repeat the reason.</summary>
    public Task SetAsideAsync(string run, string item, string? department, string reason, CancellationToken cancellationToken) =>
        WriteAsync(run, item, department, reason, MaxAttempts, null, cancellationToken);

    internal Task<TableEntity> FailedAsync(string run, string item, string? department, Exception error, TableEntity? known, CancellationToken cancellationToken) =>
        WriteAsync(run, item, department, Describe(error), (known?.GetInt32("Attempts") ?? 0) + 1, known, cancellationToken);

    /// <summary>
    /// Records a failure; the attempt that reaches <see cref="MaxAttempts"/> quarantines the item and counts it in its
    /// department's figures. The department is kept only when it is a valid credit code: it comes from a blob path or a
    /// stored row, and it keys a statistics partition.
    /// </summary>
    async Task<TableEntity> WriteAsync(string run, string item, string? department, string reason, int attempts, TableEntity? known, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        department = UnifiedSocialCreditCode.IsValid(department) ? department : null;
        var entity = new TableEntity(run, RowKey(item))
        {
            ["Item"] = item,
            ["Department"] = department,
            ["Reason"] = reason,
            ["Attempts"] = attempts,
            ["Quarantined"] = attempts >= MaxAttempts,
            ["FirstFailedAt"] = known?.GetDateTimeOffset("FirstFailedAt") ?? now,
            ["LastFailedAt"] = now,
            ["QuarantinedAt"] = attempts == MaxAttempts ? now : known?.GetDateTimeOffset("QuarantinedAt"),
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        if (QuarantineFacts.Of(entity) is { } fact && attempts == MaxAttempts)
        {
            await statistics.RecordAsync(fact, cancellationToken);
        }

        return entity;
    }

    internal Task ClearAsync(string run, string item, CancellationToken cancellationToken) =>
        table.DeleteEntityAsync(run, RowKey(item), ETag.All, cancellationToken);

    public static string RowKey(string item) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(item)))[..32];

    static bool IsRowKey(string text) => text.Length == 32 && text.All(char.IsAsciiHexDigitLower);

    /// <summary>The error's kind and first line: enough for the office to act on, without a stack trace.</summary>
    public static string Describe(Exception error)
    {
        var detail = error is RequestFailedException storage ? $"{storage.Status} {storage.ErrorCode}: " : "";
        var message = error.Message.Split('\n', 2)[0].Trim();
        var reason = $"{error.GetType().Name}: {detail}{message}";
        return reason.Length > 1000 ? reason[..1000] : reason;
    }

    static QuarantineItem ToItem(TableEntity row) => new(
        $"{row.PartitionKey}.{row.RowKey}", row.PartitionKey, row.GetString("Item"), row.GetString("Department"), row.GetString("Reason"),
        row.GetInt32("Attempts") ?? 0, row.GetBoolean("Quarantined") ?? false,
        row.GetDateTimeOffset("FirstFailedAt") ?? default, row.GetDateTimeOffset("LastFailedAt") ?? default);
}

/// <summary>One run's view of its failures: runs each item in isolation, skipping those set aside; items may run in parallel.</summary>
public sealed class RunGuard
{
    readonly QuarantineStore store;
    readonly string run;
    readonly ConcurrentDictionary<string, TableEntity> known;

    internal RunGuard(QuarantineStore store, string run, ConcurrentDictionary<string, TableEntity> known) => (this.store, this.run, this.known) = (store, run, known);

    public bool IsQuarantined(string item) => IsQuarantinedRow(QuarantineStore.RowKey(item));

    bool IsQuarantinedRow(string rowKey) => known.TryGetValue(rowKey, out var row) && row.GetBoolean("Quarantined") == true;

    /// <summary>
    /// Does <paramref name="work"/> for one item unless it is quarantined. True when it succeeded (an earlier failure
    /// is then forgotten); false when it failed — the failure is recorded, and the caller leaves the item for the next
    /// run — or is quarantined. Cancellation is not a failure of the item.
    /// </summary>
    public async Task<bool> RunAsync(string item, string? department, Func<Task> work, CancellationToken cancellationToken)
    {
        var rowKey = QuarantineStore.RowKey(item);
        if (IsQuarantinedRow(rowKey))
        {
            return false;
        }

        try
        {
            await work();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            known[rowKey] = await store.FailedAsync(run, item, department, e, known.GetValueOrDefault(rowKey), cancellationToken);
            return false;
        }

        if (known.TryRemove(rowKey, out _))
        {
            await store.ClearAsync(run, item, cancellationToken);
        }

        return true;
    }
}
