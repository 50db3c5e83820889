namespace Credit.JointCases;

/// <summary>An open case and the measures a department should have received in it.</summary>
public sealed record MissedCase(string CaseId, IReadOnlyList<string> Measures);

/// <summary>
/// A department registered after cases opened that name it (as a measure's implementer) received nothing from them:
/// the open cases whose current resolution gives it assignments the case does not have. Pushing them is an amendment
/// of each case that re-reads its measures (the case's own path for new assignments, idempotent per department).
/// </summary>
public sealed class MissedMeasures(CaseStore cases, Lists.ListStore lists, CaseResolution resolution)
{
    /// <summary>Scans the open cases (the supervising office's report, run on demand).</summary>
    public async Task<IReadOnlyList<MissedCase>> FindAsync(string department, CancellationToken cancellationToken = default)
    {
        var missed = new List<MissedCase>();
        var resolve = await resolution.BatchAsync(cancellationToken);
        foreach (var state in new[] { CaseState.AwaitingFeedback, CaseState.InEffect })
        {
            foreach (var record in await cases.ListAsync(null, state, null, int.MaxValue, cancellationToken))
            {
                if (await lists.GetAsync(record.Id, cancellationToken) is not { Status.Active: true } found)
                {
                    continue;
                }

                var stored = (await cases.AssignmentsAsync(record.Id, cancellationToken)).Select(a => a.Assignment.Key).ToHashSet(StringComparer.Ordinal);
                var codes = (await resolve.AssignmentsAsync(found.Entry, cancellationToken))
                    .Where(a => a.Department == department && !stored.Contains(a.Key))
                    .Select(a => a.MeasureCode).Distinct().Order(StringComparer.Ordinal).ToList();
                if (codes.Count > 0)
                {
                    missed.Add(new MissedCase(record.Id, codes));
                }
            }
        }

        return missed;
    }
}
