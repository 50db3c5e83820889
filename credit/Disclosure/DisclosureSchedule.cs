using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Credit.Records;
using Credit.Storage;
using Microsoft.Extensions.Options;

namespace Credit.Disclosure;

/// <summary>A batch of public copies waiting for the disclosure run: one per intake chunk that created or changed records.</summary>
public sealed record PendingBatch(string Id, string Blob, DateTimeOffset? ClaimedAt, ETag ETag, DateTimeOffset QueuedAt, string? Department = null);

/// <summary>
/// A record due to leave public view on <see cref="On"/>; a revocation carries its reason and document. <see cref="Held"/>:
/// an earlier run failed on it, and it waits in the retry partition, read by every run until it is done.
/// </summary>
public sealed record DueWithdrawal(DateOnly On, string RecordId, string SubjectKey, string? Reason, string? Document, bool Held = false);

/// <summary>
/// What the disclosure run has to do, indexed so that its cost follows the work due, not the size of the
/// record table: pending batches in one partition (removed once published), withdrawals in one partition per
/// day (read from the last day done up to today).
/// </summary>
public sealed class DisclosureSchedule(StorageClients storage, IOptions<DisclosureOptions> options)
{
    const string PendingPartition = "publish";
    const string StatePartition = "state";
    const string WatermarkRow = "withdrawals-done-through";
    const string HeldWithdrawalsPartition = "withdraw-held";
    readonly TableClient table = storage.Table(StorageNames.DisclosureQueueTable);
    readonly BlobContainerClient blobs = storage.Container(StorageNames.DisclosureQueueContainer);

    /// <summary>Called by intake for each chunk; idempotent (same names for a repeated chunk).</summary>
    public Task EnqueueAsync(string uploadId, int chunk, IReadOnlyList<DisclosureRecord> changed, CancellationToken cancellationToken) =>
        EnqueueAsync(uploadId, chunk, changed, staged: null, cancellationToken);

    /// <summary>
    /// Writes a chunk's batch blob with every accepted record while the records are being saved (on a first upload
    /// every one of them changes), so that intake's save and this write overlap. Nothing reads it until
    /// <see cref="EnqueueAsync(string, int, IReadOnlyList{DisclosureRecord}, int?, CancellationToken)"/> makes it pending.
    /// </summary>
    public async Task<int> StageAsync(string uploadId, int chunk, IReadOnlyList<DisclosureRecord> accepted, CancellationToken cancellationToken)
    {
        if (accepted.Count > 0)
        {
            await WriteBatchAsync($"{uploadId}-{chunk:D5}", accepted, cancellationToken);
        }

        return accepted.Count;
    }

    /// <summary>
    /// Makes a chunk's changed records pending publication. <paramref name="staged"/>: how many records
    /// <see cref="StageAsync"/> wrote; the changed records are a subset of them, so equal counts mean the staged blob
    /// is the batch, otherwise it is written again with only the changed ones.
    /// </summary>
    public async Task EnqueueAsync(string uploadId, int chunk, IReadOnlyList<DisclosureRecord> changed, int? staged, CancellationToken cancellationToken)
    {
        var id = $"{uploadId}-{chunk:D5}";
        if (changed.Count == 0)
        {
            if (staged > 0)
            {
                await blobs.DeleteBlobIfExistsAsync($"{id}.jsonl", cancellationToken: cancellationToken);
            }

            return;
        }

        if (staged != changed.Count)
        {
            await WriteBatchAsync(id, changed, cancellationToken);
        }

        await table.UpsertEntityAsync(
            new TableEntity(PendingPartition, id) { ["Blob"] = $"{id}.jsonl", ["Count"] = changed.Count, ["Department"] = changed[0].DepartmentCode },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    async Task WriteBatchAsync(string id, IEnumerable<DisclosureRecord> records, CancellationToken cancellationToken) =>
        await blobs.GetBlobClient($"{id}.jsonl").UploadAsync(
            JsonLines(records.Select(r => PublicEntry.From(r, options.Value))), overwrite: true, cancellationToken);

    /// <summary>
    /// Replaces a batch of two or more entries by its two halves, claimed at the same time (so each publishes as the
    /// whole would have), in order. Halving, not one batch per entry: a batch that failed for a passing reason goes
    /// on in two writes of each day file, and one poisoned entry is cut out in log₂(n) steps. The halves are written
    /// before the batch is removed: a crash in between repeats some entries, which publishing again changes nothing.
    /// </summary>
    public async Task<PendingBatch[]> SplitAsync(PendingBatch batch, IReadOnlyList<PublicEntry> entries, CancellationToken cancellationToken)
    {
        var middle = entries.Count / 2;
        var halves = new[] { (Suffix: "a", Entries: entries.Take(middle)), (Suffix: "b", Entries: entries.Skip(middle)) };
        var split = new PendingBatch[2];
        for (var i = 0; i < 2; i++)
        {
            var id = $"{batch.Id}{halves[i].Suffix}";
            var half = halves[i].Entries.ToList();
            await blobs.GetBlobClient($"{id}.jsonl").UploadAsync(JsonLines(half), overwrite: true, cancellationToken);
            var row = new TableEntity(PendingPartition, id) { ["Blob"] = $"{id}.jsonl", ["Count"] = half.Count, ["Department"] = batch.Department, ["ClaimedAt"] = batch.ClaimedAt };
            var written = await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
            split[i] = new PendingBatch(id, $"{id}.jsonl", batch.ClaimedAt, written.Headers.ETag ?? ETag.All, batch.QueuedAt, batch.Department);
        }

        await CompleteAsync(batch, cancellationToken);
        return split;
    }

    /// <summary>One JSON object per line, written as UTF-8 directly (a chunk's batch is megabytes: no string in between).</summary>
    static BinaryData JsonLines(IEnumerable<PublicEntry> entries)
    {
        var lines = new MemoryStream();
        using var writer = new Utf8JsonWriter(lines);
        foreach (var entry in entries)
        {
            JsonSerializer.Serialize(writer, entry, PublicJson.Options);
            writer.Flush();
            writer.Reset();
            lines.WriteByte((byte)'\n');
        }

        return new BinaryData(lines.GetBuffer().AsMemory(0, (int)lines.Length));
    }

    public async Task<List<PendingBatch>> PendingAsync(CancellationToken cancellationToken)
    {
        var batches = new List<PendingBatch>();
        await foreach (var e in table.QueryAsync<TableEntity>(e => e.PartitionKey == PendingPartition, cancellationToken: cancellationToken))
        {
            batches.Add(new PendingBatch(e.RowKey, e.GetString("Blob"), e.GetDateTimeOffset("ClaimedAt"), e.ETag, e.Timestamp ?? default, e.GetString("Department")));
        }

        // In the order they were queued, so that a later upload's content of a record wins.
        return [.. batches.OrderBy(b => b.QueuedAt)];
    }

    /// <summary>The batch's publication time: fixed by the first run that claims it, so a repeated run publishes at the same time.</summary>
    public async Task<DateTimeOffset> ClaimAsync(PendingBatch batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (batch.ClaimedAt is { } claimed)
        {
            return claimed;
        }

        await table.UpdateEntityAsync(new TableEntity(PendingPartition, batch.Id) { ["ClaimedAt"] = now }, batch.ETag, TableUpdateMode.Merge, cancellationToken);
        return now;
    }

    public async Task<List<PublicEntry>> ReadAsync(PendingBatch batch, CancellationToken cancellationToken)
    {
        var content = (await blobs.GetBlobClient(batch.Blob).DownloadContentAsync(cancellationToken)).Value.Content.ToString();
        return [.. content.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonSerializer.Deserialize<PublicEntry>(line, PublicJson.Options)!)];
    }

    public async Task CompleteAsync(PendingBatch batch, CancellationToken cancellationToken)
    {
        await table.DeleteEntityAsync(PendingPartition, batch.Id, ETag.All, cancellationToken);
        await blobs.GetBlobClient(batch.Blob).DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    public Task ScheduleWithdrawalsAsync(IEnumerable<DueWithdrawal> withdrawals, CancellationToken cancellationToken) =>
        SubmitAsync(
            withdrawals.Select(w => new TableTransactionAction(TableTransactionActionType.UpsertReplace, WithdrawalEntity(WithdrawalPartition(w.On), w))),
            cancellationToken);

    /// <summary>
    /// Withdrawals due up to <paramref name="today"/> not yet done: one partition query per day since the last run
    /// (the first run ever starts at today: withdrawals are only ever scheduled for today or later).
    /// </summary>
    public async Task<List<DueWithdrawal>> DueWithdrawalsAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var from = await WatermarkAsync(cancellationToken) is { } done ? done.AddDays(1) : today;
        var due = new List<DueWithdrawal>();
        await foreach (var e in table.QueryAsync<TableEntity>(e => e.PartitionKey == HeldWithdrawalsPartition, cancellationToken: cancellationToken))
        {
            due.Add(new DueWithdrawal(DateOnly.Parse(e.GetString("On"), CultureInfo.InvariantCulture), e.RowKey, e.GetString("SubjectKey"), e.GetString("Reason"), e.GetString("Document"), Held: true));
        }

        for (var day = from; day <= today; day = day.AddDays(1))
        {
            var partition = WithdrawalPartition(day);
            await foreach (var e in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
            {
                due.Add(new DueWithdrawal(day, e.RowKey, e.GetString("SubjectKey"), e.GetString("Reason"), e.GetString("Document")));
            }
        }

        return due;
    }

    /// <summary>Withdrawals that are done leave the schedule.</summary>
    public Task CompleteWithdrawalsAsync(IEnumerable<DueWithdrawal> withdrawals, CancellationToken cancellationToken) =>
        SubmitAsync(
            withdrawals.Select(w => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(PartitionOf(w), w.RecordId), ETag.All)),
            cancellationToken);

    /// <summary>Withdrawals a run could not do move to the retry partition, which every run reads, so the watermark passing their day loses none.</summary>
    public async Task HoldWithdrawalsAsync(IEnumerable<DueWithdrawal> failed, CancellationToken cancellationToken)
    {
        var moving = failed.Where(w => !w.Held).ToList();
        await SubmitAsync(
            moving.Select(w => new TableTransactionAction(TableTransactionActionType.UpsertReplace, WithdrawalEntity(HeldWithdrawalsPartition, w))),
            cancellationToken);
        await CompleteWithdrawalsAsync(moving, cancellationToken);
    }

    /// <summary>A withdrawal's row; the day it falls due is kept too, for when it waits in the retry partition.</summary>
    static TableEntity WithdrawalEntity(string partition, DueWithdrawal withdrawal) => new(partition, withdrawal.RecordId)
    {
        ["On"] = DateText.ToIso(withdrawal.On),
        ["SubjectKey"] = withdrawal.SubjectKey,
        ["Reason"] = withdrawal.Reason,
        ["Document"] = withdrawal.Document,
    };

    static string PartitionOf(DueWithdrawal withdrawal) => withdrawal.Held ? HeldWithdrawalsPartition : WithdrawalPartition(withdrawal.On);

    /// <summary>Days before <paramref name="today"/> are done; today's partition stays open for revocations made later today.</summary>
    public async Task AdvanceWatermarkAsync(DateOnly today, CancellationToken cancellationToken) =>
        await table.UpsertEntityAsync(new TableEntity(StatePartition, WatermarkRow) { ["Day"] = DateText.ToIso(today.AddDays(-1)) }, TableUpdateMode.Replace, cancellationToken);

    async Task<DateOnly?> WatermarkAsync(CancellationToken cancellationToken)
    {
        var state = await table.GetEntityIfExistsAsync<TableEntity>(StatePartition, WatermarkRow, cancellationToken: cancellationToken);
        return state.HasValue && DateText.TryParse(state.Value!.GetString("Day"), out var day) ? day : null;
    }

    /// <summary>Batch transactions: at most 100 actions, one partition each.</summary>
    async Task SubmitAsync(IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        foreach (var batch in actions.GroupBy(a => a.Entity.PartitionKey).SelectMany(g => g.Chunk(100)))
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
        }
    }

    static string WithdrawalPartition(DateOnly day) => "withdraw-" + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
