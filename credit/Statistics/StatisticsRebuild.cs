namespace Credit.Statistics;

/// <summary>What a rebuild found: the facts derived for the month, the stored ones no business table supports any more, the departments touched.</summary>
public sealed record StatisticsRebuildResult(string Month, int Facts, int Removed, IReadOnlyList<string> Departments);

/// <summary>
/// Rebuilds the counted facts of one month from the business tables (uploads, records, notices, assignments, lifts,
/// checks, remedies, quarantine): a fact lost with a process that died between a business write and its fact comes
/// back, a fact nothing supports goes, and every department-month touched is marked for the next statistics run.
/// </summary>
public sealed class StatisticsRebuild(IEnumerable<IStatisticsSource> sources, StatisticsLedger ledger)
{
    public async Task<StatisticsRebuildResult> RebuildAsync(DateOnly firstDay, CancellationToken cancellationToken)
    {
        var month = Months.Format(firstDay);
        // Read before the sources: a fact recorded live while they are read is not among these, so it is never removed.
        var stored = await ledger.KeysOfMonthAsync(month, cancellationToken);
        var (from, to) = Months.Bounds(firstDay);
        var facts = new List<StatisticEvent>();
        foreach (var source in sources)
        {
            await foreach (var fact in source.FactsAsync(from, to, cancellationToken))
            {
                if (fact.Month == month)
                {
                    facts.Add(fact);
                }
            }
        }

        // A fact two sources give (a record's current row and its archived version of the same publication) counts once, as it is stored once.
        facts = [.. facts.DistinctBy(f => (f.Department, f.Kind, f.Code, f.Fact))];
        var removed = await ledger.ReplaceAsync(month, stored, facts, cancellationToken);
        var departments = facts.Select(f => f.Department).Concat(removed.Select(r => r.Department)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new StatisticsRebuildResult(month, facts.Count, removed.Count, departments);
    }
}
