using Credit.Calendar;
using Credit.Lists;
using Credit.Quarantine;
using Credit.Statistics;

namespace Credit.Disclosure;

public sealed record ListDisclosureResult(int Published, int PublishedLate, int Withdrawn);

/// <summary>
/// The disclosure run's part for red and black list entries: publishes every queued entry that has taken effect
/// (its start date has come), judged on time or late by the 7 working days 双公示 gives a decision and counted in the
/// same disclosure facts, and withdraws every entry that left its list, a notice with the reason in its place. An
/// entry that left before any run published it is published and withdrawn by the same run: it was listed, so it is
/// counted as every other, whatever the timing of runs and restarts, and the public sees its notice. Each entry is its
/// own item of the run's guard: one that fails holds back no other, and is retried by the next runs, then quarantined.
/// </summary>
public sealed class ListDisclosure(
    ListDisclosureSchedule queue, PublicListStore publicLists, ListStore lists, StatisticsLedger statistics, DisclosureDeadlines deadlines, TimeProvider clock)
{
    public async Task<ListDisclosureResult> RunAsync(RunGuard guard, CancellationToken cancellationToken)
    {
        var today = BeijingTime.Today(clock);
        var (published, late, withdrawn) = (0, 0, 0);
        // An entry takes effect on its start date: published from that day's run.
        foreach (var pending in (await queue.PendingAsync(cancellationToken)).Where(p => !(p.StartDate > today)))
        {
            await guard.RunAsync($"list|{pending.EntryId}", pending.Department, async () =>
            {
                var (first, wasLate) = await PublishAsync(pending, cancellationToken);
                published += first ? 1 : 0;
                late += first && wasLate ? 1 : 0;
            }, cancellationToken);
        }

        foreach (var withdrawal in await queue.DueWithdrawalsAsync(cancellationToken))
        {
            await guard.RunAsync($"withdraw-list|{withdrawal.EntryId}", withdrawal.Department, async () =>
            {
                withdrawn += await publicLists.WithdrawAsync(withdrawal.Notice(), cancellationToken) ? 1 : 0;
                await queue.CompleteWithdrawalAsync(withdrawal.EntryId, cancellationToken);
            }, cancellationToken);
        }

        return new ListDisclosureResult(published, late, withdrawn);
    }

    /// <summary>Returns whether this was the entry's first publication, and whether that was late.</summary>
    async Task<(bool First, bool Late)> PublishAsync(PendingListPublication pending, CancellationToken cancellationToken)
    {
        var (publishedAt, etag) = await queue.ClaimAsync(pending, clock.GetUtcNow(), cancellationToken);
        var day = DateOnly.FromDateTime(publishedAt.ToOffset(BeijingTime.Offset).DateTime);
        var entry = pending.Entry();
        var (deadline, isEstimate) = deadlines.Of(entry.StartDate, entry.DisclosureDeadline, entry.DeadlineIsEstimate);
        var late = day > deadline;
        await publicLists.PublishAsync(entry with { DisclosureDeadline = deadline, DeadlineIsEstimate = isEstimate }, day, publishedAt, cancellationToken);
        var batch = $"list|{entry.EntryId}";
        // A copy republished after an amendment keeps the first publication. The fact before the mark: a retry after a
        // crash between them writes the same fact again, then marks.
        var first = await lists.PublishedAtAsync(entry.EntryId, cancellationToken) is null;
        if (first)
        {
            await statistics.RecordAsync(PublicationFacts.Of(entry.InitiatingDepartment, batch, publishedAt, late ? 0 : 1, late ? 1 : 0), cancellationToken);
            await lists.MarkPublishedAsync(entry.EntryId, publishedAt, late, deadline, batch, cancellationToken);
        }

        await queue.CompleteAsync(entry.EntryId, etag, cancellationToken);
        return (first, late);
    }
}
