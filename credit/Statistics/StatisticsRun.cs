using Credit.Calendar;
using Credit.Disclosure;

namespace Credit.Statistics;

/// <summary>What one statistics run did: the department-months it computed again and the facts it read for them.</summary>
public sealed record StatisticsRunResult(int DepartmentMonths, long FactsRead, IReadOnlyList<string> NoticesWritten);

/// <summary>
/// Computes the figures of every department and month that changed since the last run, from that department-month's
/// counted facts only (so the cost follows what happened since, not all history, and a rerun gives the same figures);
/// takes the snapshot of disclosures overdue from the queue of what still waits; then writes the monthly notices of
/// the months it touched and of the current month.
/// </summary>
public sealed class StatisticsRun(StatisticsLedger ledger, StatisticsStore store, DisclosureSchedule disclosure, MonthlyNotices notices, TimeProvider clock)
{
    public async Task<StatisticsRunResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var months = new SortedSet<string>(StringComparer.Ordinal) { Months.Of(now) };
        long read = 0;
        var changed = await ledger.ChangedAsync(cancellationToken);
        foreach (var (month, department, etag) in changed)
        {
            var facts = await ledger.ReadAsync(month, department, cancellationToken);
            read += facts.Count;
            await store.SaveAsync(DepartmentStatistics.FromEvents(month, department, facts, 0, now), cancellationToken);
            await ledger.ClearAsync(month, department, etag, cancellationToken);
            months.Add(month);
        }

        await SnapshotDisclosureOverdueAsync(Months.Of(now), BeijingTime.Today(clock), cancellationToken);
        var written = new List<string>();
        foreach (var month in months)
        {
            await notices.WriteAsync(month, cancellationToken);
            written.Add(month);
        }

        return new StatisticsRunResult(changed.Count, read, written);
    }

    /// <summary>Records still unpublished past their deadline, per department: only the pending queue is read.</summary>
    async Task SnapshotDisclosureOverdueAsync(string month, DateOnly today, CancellationToken cancellationToken)
    {
        var overdue = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var batch in await disclosure.PendingAsync(cancellationToken))
        {
            foreach (var entry in await disclosure.ReadAsync(batch, cancellationToken))
            {
                if (entry.DisclosureDeadline < today)
                {
                    overdue[entry.DepartmentCode] = overdue.GetValueOrDefault(entry.DepartmentCode) + 1;
                }
            }
        }

        foreach (var figures in await store.OfMonthAsync(month, cancellationToken))
        {
            if (figures.Disclosure.Overdue != overdue.GetValueOrDefault(figures.Department))
            {
                await store.SaveDisclosureOverdueAsync(month, figures.Department, overdue.GetValueOrDefault(figures.Department), cancellationToken);
            }

            overdue.Remove(figures.Department);
        }

        foreach (var (department, count) in overdue)
        {
            await store.SaveDisclosureOverdueAsync(month, department, count, cancellationToken);
        }
    }
}
