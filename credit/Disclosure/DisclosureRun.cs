using Credit.Calendar;
using Credit.Quarantine;
using Credit.Records;
using Credit.Storage;
using Microsoft.Extensions.Logging;

namespace Credit.Disclosure;

/// <summary>What a run did: records (双公示) published, of them late, expired before publication, withdrawn; and red and black list entries.</summary>
public sealed record DisclosureRunResult(int Published, int PublishedLate, int Expired, int Withdrawn, ListDisclosureResult Lists);

/// <summary>
/// One disclosure run: publishes every pending batch (at the time its first run claimed it, so a repeated run
/// changes nothing), marks each record published — late when after its deadline — and schedules the day its
/// publicity period ends; then takes out of view what is due today (periods ended, revocations).
/// Each batch and each withdrawal is handled in isolation: a batch that fails is halved, and the halves handled in
/// the same run, down to a single record, so one record that cannot be published holds back no other; what still fails is
/// retried by the next runs and then quarantined (<see cref="QuarantineStore"/>), and a record whose publication
/// failed half-way is taken back out of view until an attempt publishes it whole. Red and black list entries are
/// published and withdrawn in the same run, under the same guard (<see cref="ListDisclosure"/>).
/// </summary>
public sealed partial class DisclosureRun(
    DisclosureSchedule schedule, PublicStore publicStore, RecordStore records, Statistics.StatisticsLedger statistics, QuarantineStore quarantine,
    DisclosureDeadlines deadlines, PersonalData.PersonalDataPurge personalData, ListDisclosure lists, TimeProvider clock, ILogger<DisclosureRun> logger)
{
    /// <summary>The run's name in the quarantine.</summary>
    public const string RunName = "DisclosureRun";

    public async Task<DisclosureRunResult> RunAsync(CancellationToken cancellationToken)
    {
        var guard = await quarantine.BeginAsync(RunName, cancellationToken);
        var (published, late, expired) = (0, 0, 0);
        var pending = new Queue<PendingBatch>(await schedule.PendingAsync(cancellationToken));
        while (pending.TryDequeue(out var batch))
        {
            await guard.RunAsync(batch.Id, batch.Department, async () =>
            {
                var entries = await schedule.ReadAsync(batch, cancellationToken);
                try
                {
                    var (visible, lateCount, ended) = await PublishAsync(batch, entries, cancellationToken);
                    (published, late, expired) = (published + visible, late + lateCount, expired + ended);
                }
                catch (Exception e) when (entries.Count > 1 && !cancellationToken.IsCancellationRequested)
                {
                    LogSplit(logger, e, batch.Id, entries.Count);
                    foreach (var half in await schedule.SplitAsync(batch, entries, cancellationToken))
                    {
                        pending.Enqueue(half);
                    }
                }
                catch when (entries.Count == 1 && !cancellationToken.IsCancellationRequested)
                {
                    await publicStore.RetractAsync(entries[0], cancellationToken);
                    throw;
                }
            }, cancellationToken);
        }

        var listed = await lists.RunAsync(guard, cancellationToken);
        var today = BeijingTime.Today(clock);
        var withdrawn = await WithdrawAsync(guard, await schedule.DueWithdrawalsAsync(today, cancellationToken), cancellationToken);
        await schedule.AdvanceWatermarkAsync(today, cancellationToken);
        Telemetry.CreditMetrics.RecordsPublished.Add(published - late, KeyValuePair.Create("late", (object?)false));
        Telemetry.CreditMetrics.RecordsPublished.Add(late, KeyValuePair.Create("late", (object?)true));
        return new DisclosureRunResult(published, late, expired, withdrawn, listed);
    }

    /// <returns>Records made visible, of them late, and records whose period had ended before publication.</returns>
    async Task<(int Visible, int Late, int Ended)> PublishAsync(PendingBatch batch, List<PublicEntry> entries, CancellationToken cancellationToken)
    {
        var publishedAt = await schedule.ClaimAsync(batch, clock.GetUtcNow(), cancellationToken);
        var day = DateOnly.FromDateTime(publishedAt.ToOffset(BeijingTime.Offset).DateTime);
        var (visible, ended) = (entries.Where(e => e.WithdrawOn is not { } end || end > day).ToList(), entries.Where(e => e.WithdrawOn is { } end && end <= day).ToList());
        // Each entry's deadline once: a stored estimate is computed again from the calendar in force.
        var judged = visible.Select(e => (Entry: e, Deadline: deadlines.Of(e))).ToList();
        var late = judged.Where(j => day > j.Deadline.Deadline).Select(j => j.Entry.RecordId).ToHashSet(StringComparer.Ordinal);
        bool Late(PublicEntry e) => late.Contains(e.RecordId);
        await publicStore.PublishAsync(visible, day, publishedAt, cancellationToken);
        await schedule.ScheduleWithdrawalsAsync(
            visible.Where(e => e.WithdrawOn is not null).Select(e => new DueWithdrawal(e.WithdrawOn!.Value, e.RecordId, e.SubjectKey, null, null)),
            cancellationToken);

        await records.MarkAsync(
            judged.Select(j => (RecordKeyOf(j.Entry.RecordId), (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                [DisclosureState.Property] = DisclosureState.Published,
                [DisclosureState.PublishedAt] = publishedAt,
                [DisclosureState.Late] = Late(j.Entry),
                [PublicationFacts.BatchProperty] = batch.Id,
                [DisclosureState.WithdrawOn] = j.Entry.WithdrawOn is { } end ? DateText.ToIso(end) : null,
                ["DisclosureDeadline"] = DateText.ToIso(j.Deadline.Deadline),
                ["DeadlineIsEstimate"] = j.Deadline.IsEstimate,
            }))
            .Concat(ended.Select(e => (RecordKeyOf(e.RecordId), (IDictionary<string, object?>)new Dictionary<string, object?> { [DisclosureState.Property] = DisclosureState.Expired }))),
            cancellationToken);
        // A record whose period ended before it could be published leaves (never enters) view today: its retention starts.
        await personalData.ScheduleAsync(ended.Select(e => (e.RecordId, day)), cancellationToken);
        await statistics.RecordAsync(visible.GroupBy(e => e.DepartmentCode).SelectMany(d => PublicationFacts.Of(d.Key, batch.Id, publishedAt, d.Count(e => !Late(e)), d.Count(Late))), cancellationToken);
        await schedule.CompleteAsync(batch, cancellationToken);
        return (visible.Count, visible.Count(Late), ended.Count);
    }

    /// <summary>All due withdrawals together (each day file rewritten once); if that fails, each on its own: those that still fail wait in the retry partition, and the run goes on.</summary>
    async Task<int> WithdrawAsync(RunGuard guard, List<DueWithdrawal> due, CancellationToken cancellationToken)
    {
        var ready = due.Where(w => !guard.IsQuarantined(WithdrawalItem(w))).ToList();
        try
        {
            return await WithdrawTogetherAsync(ready, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Even a single one goes on through the guard: its failure is counted, and it waits in the retry partition.
            LogSplit(logger, e, "withdrawals", ready.Count);
        }

        var withdrawn = 0;
        var failed = new List<DueWithdrawal>();
        foreach (var withdrawal in ready)
        {
            var department = RecordKey.TryParseId(withdrawal.RecordId, out var key) ? key.DepartmentCode : null;
            if (!await guard.RunAsync(WithdrawalItem(withdrawal), department, async () => withdrawn += await WithdrawTogetherAsync([withdrawal], cancellationToken), cancellationToken))
            {
                failed.Add(withdrawal);
            }
        }

        await schedule.HoldWithdrawalsAsync(failed, cancellationToken);
        return withdrawn;
    }

    async Task<int> WithdrawTogetherAsync(List<DueWithdrawal> due, CancellationToken cancellationToken)
    {
        var withdrawn = await publicStore.WithdrawAsync(due, clock.GetUtcNow(), cancellationToken);
        var withdrawnAt = clock.GetUtcNow();
        await records.MarkAsync(
            due.Select(d => (RecordKeyOf(d.RecordId), (IDictionary<string, object?>)new Dictionary<string, object?> { [DisclosureState.Property] = DisclosureState.Withdrawn, [DisclosureState.WithdrawnAt] = withdrawnAt })),
            cancellationToken);
        // Out of public view, a record's personal data is kept for its retention period, then erased.
        await personalData.ScheduleAsync(due.Select(d => (d.RecordId, DateOnly.FromDateTime(withdrawnAt.ToOffset(BeijingTime.Offset).DateTime))), cancellationToken);
        await schedule.CompleteWithdrawalsAsync(due, cancellationToken);
        return withdrawn;
    }

    static string WithdrawalItem(DueWithdrawal withdrawal) => $"withdraw|{withdrawal.RecordId}";

    static RecordKey RecordKeyOf(string id) =>
        RecordKey.TryParseId(id, out var key) ? key : throw new InvalidOperationException($"'{id}' is not a record id.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Disclosure run: {Item} ({Count} items) failed together; each goes on alone")]
    static partial void LogSplit(ILogger logger, Exception exception, string item, int count);
}
