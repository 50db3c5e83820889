using Credit.Calendar;
using Credit.Disclosure;

namespace Credit.Statistics;

/// <summary>What one statistics run did: the department-months it computed again and the facts it read for them.</summary>
public sealed record StatisticsRunResult(int DepartmentMonths, long FactsRead, IReadOnlyList<string> NoticesWritten);

/// <summary>
/// Computes the figures of every department and month that changed since the last run, from that department-month's
/// counted facts only (so the cost follows what happened since, not all history, and a rerun gives the same figures);
/// takes the snapshot of disclosures overdue from the queue of what still waits and, for each department-month it
/// computes, the 应查必查 coverage from its licences and checks (<see cref="CheckCoverage"/>); then writes the monthly notices of
/// the months whose figures changed, and the final notice of the month just ended.
/// </summary>
/// Each department-month and each notice is computed in isolation: one that fails keeps its mark for the next run and
/// is quarantined after <see cref="Quarantine.QuarantineStore.MaxAttempts"/> runs, while every other is computed.
public sealed class StatisticsRun(StatisticsLedger ledger, StatisticsStore store, CheckCoverage coverage, DisclosureSchedule disclosure, DisclosureDeadlines deadlines, MonthlyNotices notices, Quarantine.QuarantineStore quarantine, TimeProvider clock)
{
    public const string RunName = "StatisticsRun";

    public async Task<StatisticsRunResult> RunAsync(CancellationToken cancellationToken)
    {
        var guard = await quarantine.BeginAsync(RunName, cancellationToken);
        var now = clock.GetUtcNow();
        var months = new SortedSet<string>(StringComparer.Ordinal);
        var coverageTaken = new Dictionary<(string, string), (long, long)>();
        long read = 0;
        var changed = await ledger.ChangedAsync(cancellationToken);
        foreach (var (month, department, etag) in changed)
        {
            await guard.RunAsync($"{month}/{department}", department, async () =>
            {
                var facts = await ledger.ReadAsync(month, department, cancellationToken);
                read += facts.Count;
                await store.SaveAsync(DepartmentStatistics.FromEvents(month, department, facts, 0, now), cancellationToken);
                await SnapshotCoverageAsync(month, department, coverageTaken, cancellationToken);
                await ledger.ClearAsync(month, department, etag, cancellationToken);
                months.Add(month);
            }, cancellationToken);
        }

        var today = BeijingTime.Today(clock);
        if (await SnapshotDisclosureOverdueAsync(Months.Of(now), today, cancellationToken))
        {
            months.Add(Months.Of(now));
        }

        // The month just ended gets its final notice once, from the first run after its end.
        var previous = Months.Format(new DateOnly(today.Year, today.Month, 1).AddMonths(-1));
        if (await notices.IsProvisionalAsync(previous, cancellationToken))
        {
            months.Add(previous);
        }

        var written = new List<string>();
        foreach (var month in months)
        {
            if (await guard.RunAsync($"notice/{month}", null, () => notices.WriteAsync(month, cancellationToken), cancellationToken))
            {
                written.Add(month);
            }
        }

        return new StatisticsRunResult(changed.Count, read, written);
    }

    /// <summary>
    /// The coverage of the department-month, and of the month before: a licence is uploaded up to 7 working days after
    /// its decision, so facts of this month can add decisions of the last one. <paramref name="taken"/> keeps what this
    /// run has read (two changed months in a row would read the earlier twice).
    /// </summary>
    async Task SnapshotCoverageAsync(string month, string department, Dictionary<(string, string), (long, long)> taken, CancellationToken cancellationToken)
    {
        var previous = Months.Format(Months.TryParse(month, out var first) ? first.AddMonths(-1) : throw new ArgumentException($"'{month}' is not a month", nameof(month)));
        foreach (var (which, always) in new[] { (month, true), (previous, false) })
        {
            if (!taken.TryGetValue((which, department), out var figures))
            {
                taken[(which, department)] = figures = await coverage.OfAsync(which, department, cancellationToken);
            }

            var (decided, checkedBefore) = figures;
            if (always || decided > 0)
            {
                await store.SaveCoverageAsync(which, department, decided, checkedBefore, cancellationToken);
            }
        }
    }

    /// <summary>Records still unpublished past their deadline, per department, which of them listed: only the pending queue is read. True when a figure changed.</summary>
    async Task<bool> SnapshotDisclosureOverdueAsync(string month, DateOnly today, CancellationToken cancellationToken)
    {
        var overdue = new Dictionary<string, List<OverdueDisclosure>>(StringComparer.Ordinal);
        foreach (var batch in await disclosure.PendingAsync(cancellationToken))
        {
            foreach (var entry in await disclosure.ReadAsync(batch, cancellationToken))
            {
                if (deadlines.Of(entry).Deadline is var deadline && deadline < today)
                {
                    (overdue.TryGetValue(entry.DepartmentCode, out var items) ? items : overdue[entry.DepartmentCode] = []).Add(new OverdueDisclosure(entry.RecordId, deadline));
                }
            }
        }

        Telemetry.CreditMetrics.ItemsOverdue.Record(overdue.Values.Sum(items => items.Count));
        var changed = false;
        if (overdue.Count == 0 && !await store.AnyDisclosureOverdueAsync(month, cancellationToken))
        {
            return changed;
        }

        var stored = await store.MonthAsync(month, cancellationToken);
        var listed = stored.OverdueDisclosures;
        foreach (var figures in stored.Figures)
        {
            var now = overdue.GetValueOrDefault(figures.Department) ?? [];
            var before = listed.GetValueOrDefault(figures.Department) ?? [];
            if (figures.Disclosure.Overdue != now.Count || !before.Select(o => o.RecordId).ToHashSet(StringComparer.Ordinal).SetEquals(StatisticsStore.Listed(now).Select(o => o.RecordId)))
            {
                await store.SaveDisclosureOverdueAsync(month, figures.Department, now, cancellationToken);
                changed = true;
            }

            overdue.Remove(figures.Department);
        }

        foreach (var (department, items) in overdue)
        {
            await store.SaveDisclosureOverdueAsync(month, department, items, cancellationToken);
            changed = true;
        }

        return changed;
    }
}
