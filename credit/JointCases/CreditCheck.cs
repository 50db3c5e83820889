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

/// <summary>
/// A standing entry of another platform's list naming the subject (issue 19), with the names of its source and kind
/// and the measures Beijing binds to its kind that the asking department implements.
/// </summary>
public sealed record ImportedHit(
    Exchange.ImportedEntry Entry,
    string SourceName,
    string ListKindName,
    IReadOnlyList<CheckedMeasure> Mandatory,
    IReadOnlyList<CheckedMeasure> Recommended,
    bool IncentivesWithheld = false);

public sealed record CreditCheckResult(
    string CheckId, DateTimeOffset CheckedAt, bool Red, bool Black, IReadOnlyList<CreditCheckHit> Hits, bool Watch = false, string? ApprovalId = null, IReadOnlyList<ImportedHit>? Imported = null,
    Incentives? Incentives = null, IReadOnlyList<Commitments.Commitment>? Commitments = null, IReadOnlyList<GovernmentIntegrity.GovernmentRecord>? GovernmentRecords = null,
    Evaluation.SubjectEvaluation? Evaluation = null);

/// <summary>
/// 应查、能查、必查: before an approval, a department asks whether a subject (or a person) stands on a list and which
/// measures it must (强制性) or may (推荐性) apply. Every check is recorded — who, when, what it found — in table
/// CreditChecks (partition = department and month) for the supervising office's statistics. Entries other platforms
/// sent (a court's 失信被执行人…) count as Beijing's own do (the seed, 二(五)3: joint sanctions are national). The check
/// says whether the subject may be given incentives, and why not (<see cref="IncentiveEligibility"/>), its 信用评价
/// (<see cref="Evaluation.Evaluator"/>), and shows its commitments and 政务失信 records.
/// </summary>
public sealed class CreditCheck(
    ListStore lists, CaseStore cases, SubjectStandings standings, Exchange.ExchangeSources sources, MeasureCatalog measures, Departments.DepartmentRegistry departments,
    IncentiveEligibility eligibility, Evaluation.Evaluator evaluator, GovernmentIntegrity.GovernmentRecordStore governmentRecords, StorageClients storage, Statistics.StatisticsLedger statistics, TimeProvider clock)
{
    readonly TableClient checks = storage.Table(StorageNames.CreditChecksTable);

    /// <summary>The check, recorded with the approval it serves (<paramref name="approvalId"/>, when named) for 应查必查 coverage (<see cref="Statistics.CheckCoverage"/>).</summary>
    public async Task<CreditCheckResult> CheckAsync(string subjectKey, string department, string? approvalId = null, CancellationToken cancellationToken = default)
    {
        var hits = new List<CreditCheckHit>();
        var subject = await standings.ReadAsync(subjectKey, cancellationToken);
        var active = new List<ListHit>();
        foreach (var hit in subject.Standing)
        {
            if (await lists.GetAsync(hit.EntryId, cancellationToken) is not { Status.Active: true } found)
            {
                continue;
            }

            active.Add(hit);

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

        var today = BeijingTime.Today(clock);
        subject = subject with { Standing = active };
        var platforms = (await sources.ListAsync(cancellationToken)).ToDictionary(s => s.Code, StringComparer.Ordinal);
        var elsewhere = await ImportedHitsAsync([.. subject.Imported.Where(e => e.StandsOn(today))], platforms, department, cancellationToken);
        var types = hits.Select(h => h.ListType).Concat(elsewhere.Select(h => h.Entry.ListType)).ToHashSet();
        // 政务失信 (a government body's, or a civil servant's): shown to the asking department as they stand.
        var dishonesty = await governmentRecords.OfSubjectAsync(subjectKey, cancellationToken);
        var incentives = eligibility.Assess(subject, today);
        var evaluation = await evaluator.EvaluateAsync(subject, today, cancellationToken);
        if (!incentives.Eligible)
        {
            // A subject that may not be given incentives (on a black or watch list, or without three clean years) is
            // applied none: its red entries are shown, their measures held back.
            hits = [.. hits.Select(h => h.ListType == ListType.Red ? h with { Mandatory = [], Recommended = [], IncentivesWithheld = true } : h)];
            elsewhere = [.. elsewhere.Select(h => h.Entry.ListType == ListType.Red ? h with { Mandatory = [], Recommended = [], IncentivesWithheld = true } : h)];
        }

        var now = clock.GetUtcNow();
        var result = new CreditCheckResult(
            Guid.NewGuid().ToString("N"), now, types.Contains(ListType.Red), types.Contains(ListType.Black), hits, types.Contains(ListType.Watch), approvalId, elsewhere, incentives, subject.Commitments,
            dishonesty, evaluation);
        var month = now.ToOffset(BeijingTime.Offset).ToString("yyyyMM", CultureInfo.InvariantCulture);
        await checks.AddEntityAsync(new TableEntity($"{department}-{month}", $"{now.UtcTicks:D19}-{result.CheckId}")
        {
            ["Department"] = department,
            ["SubjectKey"] = subjectKey,
            ["At"] = now,
            ["Red"] = result.Red,
            ["Black"] = result.Black,
            ["Hits"] = hits.Count + elsewhere.Count,
            ["Cases"] = string.Join(",", hits.Select(h => h.CaseId)),
            ["Imported"] = string.Join(",", elsewhere.Select(h => $"{h.Entry.Source}|{h.Entry.SourceId}")),
            ["ApprovalId"] = approvalId,
        }, cancellationToken);
        await statistics.RecordAsync(CreditCheckFacts.Of(department, now, result.CheckId), cancellationToken);
        return result;
    }

    /// <summary>The subject's standing entries from other platforms, with the measures of their kind the asking department implements.</summary>
    async Task<List<ImportedHit>> ImportedHitsAsync(
        IReadOnlyList<Exchange.ImportedEntry> standing, Dictionary<string, Exchange.ExchangeSource> platforms, string department, CancellationToken cancellationToken)
    {
        if (standing.Count == 0)
        {
            return [];
        }

        // The measures in force this department implements, read once for all the entries.
        var asking = await departments.FindAsync(department, cancellationToken);
        var implemented = (await measures.ListAsync(cancellationToken))
            .Where(m => !m.Retired && m.Implementers.Any(i => i == Measure.EveryDepartment || i == department || i == asking?.Name))
            .ToDictionary(m => m.Code, StringComparer.Ordinal);
        var hits = new List<ImportedHit>();
        foreach (var entry in standing)
        {
            var source = platforms.GetValueOrDefault(entry.Source);
            var kind = source?.Kind(entry.ListKind);
            var bound = (kind?.Measures ?? []).Select(code => implemented.GetValueOrDefault(code)).OfType<Measure>().ToList();

            static CheckedMeasure Checked(Measure m) => new(m.Code, m.Version, m.Name, m.LegalBasis);
            hits.Add(new ImportedHit(
                entry, source?.Name ?? entry.Source, kind?.Name ?? entry.ListKind,
                [.. bound.Where(m => m.Binding == MeasureBinding.Mandatory).Select(Checked)], [.. bound.Where(m => m.Binding == MeasureBinding.Recommended).Select(Checked)]));
        }

        return hits;
    }
}
