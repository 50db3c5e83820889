using System.Globalization;
using Azure.Data.Tables;
using Credit.Calendar;
using Credit.Lists;
using Credit.Measures;
using Credit.Storage;

namespace Credit.JointCases;

public sealed record CheckedMeasure(string Code, int Version, string Name, string LegalBasis);

/// <summary>One standing entry that names the subject: as the listed subject, or as a responsible person (Role) of it.</summary>
public sealed record CreditCheckHit(
    string CaseId,
    ListType ListType,
    ResponsibleRole? Role,
    string ListedSubject,
    string Category,
    string Field,
    string LegalBasis,
    string DecisionDocument,
    DateOnly StartDate,
    DateOnly EndDate,
    CaseState? CaseState,
    IReadOnlyList<CheckedMeasure> Mandatory,
    IReadOnlyList<CheckedMeasure> Recommended,
    bool UnderObjection,
    bool IncentivesWithheld = false);

public sealed record CreditCheckResult(string CheckId, DateTimeOffset CheckedAt, bool Red, bool Black, IReadOnlyList<CreditCheckHit> Hits, bool Watch = false, string? ApprovalId = null);

/// <summary>
/// 应查、能查、必查: before an approval, a department asks whether a subject (or a person) stands on a list and which
/// measures it must (强制性) or may (推荐性) apply. Every check is recorded — who, when, what it found — in table
/// CreditChecks (partition = department and month) for the supervising office's statistics.
/// </summary>
public sealed class CreditCheck(ListStore lists, CaseStore cases, StorageClients storage, Statistics.StatisticsLedger statistics, TimeProvider clock)
{
    readonly TableClient checks = storage.Table(StorageNames.CreditChecksTable);

    /// <summary>The check, recorded with the approval it serves (<paramref name="approvalId"/>, when named) for 应查必查 coverage (<see cref="Statistics.CheckCoverage"/>).</summary>
    public async Task<CreditCheckResult> CheckAsync(string subjectKey, string department, string? approvalId = null, CancellationToken cancellationToken = default)
    {
        var hits = new List<CreditCheckHit>();
        foreach (var hit in await lists.HitsAsync(subjectKey, cancellationToken))
        {
            if (await lists.GetAsync(hit.EntryId, cancellationToken) is not { Status.Active: true } found)
            {
                continue;
            }

            var entry = found.Entry;
            var mine = (await cases.AssignmentsAsync(entry.Id, cancellationToken))
                .Where(a => a.Assignment.Department == department && a.Assignment.Target.Key == subjectKey && a.Status != AssignmentStatus.Withdrawn)
                .Select(a => a.Assignment)
                .ToList();
            CheckedMeasure Checked(Assignment a) => new(a.MeasureCode, a.MeasureVersion, a.MeasureName, a.LegalBasis);
            hits.Add(new CreditCheckHit(entry.Id, entry.ListType, hit.Role, $"{entry.SubjectName}（{entry.SubjectLabel}）", entry.Category, entry.Field,
                entry.LegalBasis, entry.DecisionDocument, entry.StartDate, entry.EndDate, (await cases.GetCaseAsync(entry.Id, cancellationToken))?.State,
                [.. mine.Where(a => a.Binding == MeasureBinding.Mandatory).Select(Checked)],
                [.. mine.Where(a => a.Binding == MeasureBinding.Recommended).Select(Checked)],
                found.Status.UnderObjection));
        }

        if (hits.Any(h => h.ListType.MarksDishonesty()))
        {
            // A subject on a black or watch list is applied no incentive (the seed's incentives, 二(二), are for the
            // trustworthy; DOMAIN.md "Red-list incentives"): its red entries are shown, their measures held back.
            hits = [.. hits.Select(h => h.ListType == ListType.Red ? h with { Mandatory = [], Recommended = [], IncentivesWithheld = true } : h)];
        }

        var now = clock.GetUtcNow();
        var result = new CreditCheckResult(Guid.NewGuid().ToString("N"), now, hits.Any(h => h.ListType == ListType.Red), hits.Any(h => h.ListType == ListType.Black), hits, hits.Any(h => h.ListType == ListType.Watch), approvalId);
        var month = now.ToOffset(BeijingTime.Offset).ToString("yyyyMM", CultureInfo.InvariantCulture);
        await checks.AddEntityAsync(new TableEntity($"{department}-{month}", $"{now.UtcTicks:D19}-{result.CheckId}")
        {
            ["Department"] = department,
            ["SubjectKey"] = subjectKey,
            ["At"] = now,
            ["Red"] = result.Red,
            ["Black"] = result.Black,
            ["Hits"] = hits.Count,
            ["Cases"] = string.Join(",", hits.Select(h => h.CaseId)),
            ["ApprovalId"] = approvalId,
        }, cancellationToken);
        await statistics.RecordAsync(CreditCheckFacts.Of(department, now, result.CheckId), cancellationToken);
        return result;
    }
}
