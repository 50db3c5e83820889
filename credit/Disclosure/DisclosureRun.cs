using Credit.Calendar;
using Credit.Records;
using Credit.Storage;

namespace Credit.Disclosure;

public sealed record DisclosureRunResult(int Published, int PublishedLate, int Expired, int Withdrawn);

/// <summary>
/// One disclosure run: publishes every pending batch (at the time its first run claimed it, so a repeated run
/// changes nothing), marks each record published — late when after its deadline — and schedules the day its
/// publicity period ends; then takes out of view what is due today (periods ended, revocations).
/// </summary>
public sealed class DisclosureRun(DisclosureSchedule schedule, PublicStore publicStore, RecordStore records, Statistics.StatisticsLedger statistics, TimeProvider clock)
{
    public async Task<DisclosureRunResult> RunAsync(CancellationToken cancellationToken)
    {
        var published = 0;
        var late = 0;
        var expired = 0;
        var today = BeijingTime.Today(clock);
        foreach (var batch in await schedule.PendingAsync(cancellationToken))
        {
            var publishedAt = await schedule.ClaimAsync(batch, clock.GetUtcNow(), cancellationToken);
            var day = DateOnly.FromDateTime(publishedAt.ToOffset(BeijingTime.Offset).DateTime);
            var entries = await schedule.ReadAsync(batch, cancellationToken);
            var (visible, ended) = (entries.Where(e => e.WithdrawOn is not { } end || end > day).ToList(), entries.Where(e => e.WithdrawOn is { } end && end <= day).ToList());
            await publicStore.PublishAsync(visible, day, publishedAt, cancellationToken);
            await schedule.ScheduleWithdrawalsAsync(
                visible.Where(e => e.WithdrawOn is not null).Select(e => new DueWithdrawal(e.WithdrawOn!.Value, e.RecordId, e.SubjectKey, null, null)),
                cancellationToken);

            await records.MarkAsync(
                visible.Select(e => (RecordKeyOf(e.RecordId), (IDictionary<string, object?>)new Dictionary<string, object?>
                {
                    [DisclosureState.Property] = DisclosureState.Published,
                    [DisclosureState.PublishedAt] = publishedAt,
                    [DisclosureState.Late] = day > e.DisclosureDeadline,
                    [DisclosureState.WithdrawOn] = e.WithdrawOn is { } end ? DateText.ToIso(end) : null,
                }))
                .Concat(ended.Select(e => (RecordKeyOf(e.RecordId), (IDictionary<string, object?>)new Dictionary<string, object?> { [DisclosureState.Property] = DisclosureState.Expired }))),
                cancellationToken);
            await statistics.RecordAsync(visible.GroupBy(e => e.DepartmentCode).SelectMany(d => new[]
            {
                new Statistics.StatisticEvent(d.Key, publishedAt, Statistics.StatisticKinds.DisclosedOnTime, batch.Id, d.Count(e => day <= e.DisclosureDeadline)),
                new Statistics.StatisticEvent(d.Key, publishedAt, Statistics.StatisticKinds.DisclosedLate, batch.Id, d.Count(e => day > e.DisclosureDeadline)),
            }).Where(f => f.Count > 0), cancellationToken);
            await schedule.CompleteAsync(batch, cancellationToken);
            published += visible.Count;
            late += visible.Count(e => day > e.DisclosureDeadline);
            expired += ended.Count;
        }

        var due = await schedule.DueWithdrawalsAsync(today, cancellationToken);
        var withdrawn = await publicStore.WithdrawAsync(due, clock.GetUtcNow(), cancellationToken);
        var withdrawnAt = clock.GetUtcNow();
        await records.MarkAsync(
            due.Select(d => (RecordKeyOf(d.RecordId), (IDictionary<string, object?>)new Dictionary<string, object?> { [DisclosureState.Property] = DisclosureState.Withdrawn, [DisclosureState.WithdrawnAt] = withdrawnAt })),
            cancellationToken);
        await schedule.CompleteWithdrawalsAsync(due, cancellationToken);

        await schedule.AdvanceWatermarkAsync(today, cancellationToken);
        return new DisclosureRunResult(published, late, expired, withdrawn);
    }

    static RecordKey RecordKeyOf(string id) =>
        RecordKey.TryParseId(id, out var key) ? key : throw new InvalidOperationException($"'{id}' is not a record id.");
}
