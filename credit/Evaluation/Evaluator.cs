using Credit.JointCases;
using Credit.Lists;
using Credit.Records;

namespace Credit.Evaluation;

/// <summary>
/// 信用评价 (京政发〔2017〕15号 二(一)2): a subject's score and grade under the model in force, every factor linked to the
/// record, list entry or commitment that causes it, so a subject can object to a factor through the objection flow.
/// Read from the same <see cref="SubjectStanding"/> as 守信激励 eligibility: entries repaired or found wrong never count
/// (<see cref="IncentiveEligibility.Cleared"/>), a penalty counts while it is published.
/// </summary>
public sealed class Evaluator(EvaluationModelStore models)
{
    public async Task<SubjectEvaluation> EvaluateAsync(SubjectStanding subject, DateOnly today, CancellationToken cancellationToken) =>
        Evaluate(await models.CurrentAsync(cancellationToken), subject, today);

    public static SubjectEvaluation Evaluate(EvaluationModel model, SubjectStanding subject, DateOnly today)
    {
        var factors = new List<EvaluationFactor>();
        foreach (var penalty in subject.Penalties.Where(p => p.DecisionDate <= today).OrderBy(p => p.RecordId, StringComparer.Ordinal))
        {
            if (model.Penalties.FirstOrDefault(row => row.Class == penalty.Class && penalty.DecisionDate > today.AddMonths(-row.WithinMonths)) is { } row)
            {
                factors.Add(new("PENALTY", IncentiveItemKind.Record, penalty.RecordId, -row.Points,
                    $"{DateText.ToIso(penalty.DecisionDate)}受到{Disclosure.PublicityPeriod.ClassZh(penalty.Class)}行政处罚（{penalty.DocumentNumber}），{row.WithinMonths}个月内扣{row.Points}分",
                    $"a {penalty.Class.ToString().ToLowerInvariant()} penalty on {DateText.ToIso(penalty.DecisionDate)} ({penalty.DocumentNumber}): {row.Points} points off within {row.WithinMonths} months"));
            }
        }

        void Listed(IncentiveItemKind kind, string item, ListType type, string authority)
        {
            var (code, points) = type switch
            {
                ListType.Black => ("BLACK_LIST", -model.BlackList),
                ListType.Watch => ("WATCH_LIST", -model.WatchList),
                _ => ("RED_LIST", model.RedList),
            };
            factors.Add(new(code, kind, item, points,
                $"列入{authority}{type.ZhName()}（{item}），{(points < 0 ? "扣" : "加")}{Math.Abs(points)}分",
                $"on a {type.ToString().ToLowerInvariant()} list{(authority.Length > 0 ? $" of {authority}" : string.Empty)} ({item}): {(points < 0 ? "minus" : "plus")} {Math.Abs(points)} points"));
        }

        foreach (var hit in subject.Standing.OrderBy(h => h.EntryId, StringComparer.Ordinal))
        {
            Listed(IncentiveItemKind.ListEntry, hit.EntryId, hit.ListType, string.Empty);
        }

        foreach (var entry in subject.Imported.Where(e => e.StandsOn(today)))
        {
            Listed(IncentiveItemKind.ImportedEntry, $"{entry.Source}/{entry.SourceId}", entry.ListType, entry.ListingAuthority);
        }

        var listedSince = today.AddMonths(-model.ListedWithinMonths);
        var left = subject.Ended
            .Where(e => e.ListType.MarksDishonesty() && !IncentiveEligibility.Cleared.Contains(e.EndReason) && e.EndedOn > listedSince)
            .Select(e => (Kind: IncentiveItemKind.ListEntry, Item: e.EntryId, e.ListType, On: e.EndedOn))
            .Concat(subject.Imported
                .Where(e => e.ListType.MarksDishonesty() && !e.StandsOn(today) && e.StartDate <= today && (e.RemovedOn ?? e.EndDate) is { } on && on > listedSince)
                .Select(e => (Kind: IncentiveItemKind.ImportedEntry, Item: $"{e.Source}/{e.SourceId}", e.ListType, On: (e.RemovedOn ?? e.EndDate)!.Value)));
        foreach (var (kind, item, type, on) in left)
        {
            factors.Add(new("RECENTLY_LISTED", kind, item, -model.RecentlyListed,
                $"{DateText.ToIso(on)}移出{type.ZhName()}（{item}），{model.ListedWithinMonths}个月内扣{model.RecentlyListed}分",
                $"left a {type.ToString().ToLowerInvariant()} list on {DateText.ToIso(on)} ({item}): {model.RecentlyListed} points off for {model.ListedWithinMonths} months"));
        }

        var commitmentsSince = today.AddMonths(-model.BrokenCommitmentMonths);
        var kept = 0;
        // A commitment whose breach or overdue mark an objection found wrong counts neither way.
        foreach (var commitment in subject.Commitments.Where(c => !c.FoundWrong).OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            if (commitment is { Status: Commitments.CommitmentStatus.Breached, OutcomeOn: { } broken } && broken > commitmentsSince)
            {
                factors.Add(new("BROKEN_COMMITMENT", IncentiveItemKind.Commitment, commitment.Id, -model.BrokenCommitment,
                    $"{DateText.ToIso(broken)}违反信用承诺（{commitment.Reference}），扣{model.BrokenCommitment}分",
                    $"broke a credit commitment on {DateText.ToIso(broken)} ({commitment.Reference}): {model.BrokenCommitment} points off"));
            }
            else if (commitment.OverdueOn(today))
            {
                factors.Add(new("OVERDUE_COMMITMENT", IncentiveItemKind.Commitment, commitment.Id, -model.OverdueCommitment,
                    $"容缺受理承诺（{commitment.Reference}）的材料逾期未补交，扣{model.OverdueCommitment}分",
                    $"the missing items of a 容缺受理 commitment ({commitment.Reference}) are past their due day: {model.OverdueCommitment} points off"));
            }
            else if (commitment is { Status: Commitments.CommitmentStatus.Fulfilled, OutcomeOn: { } fulfilled } && fulfilled > commitmentsSince
                && (kept + 1) * model.KeptCommitment <= model.KeptCommitmentsCap)
            {
                kept++;
                factors.Add(new("KEPT_COMMITMENT", IncentiveItemKind.Commitment, commitment.Id, model.KeptCommitment,
                    $"{DateText.ToIso(fulfilled)}履行信用承诺（{commitment.Reference}），加{model.KeptCommitment}分",
                    $"kept a credit commitment on {DateText.ToIso(fulfilled)} ({commitment.Reference}): plus {model.KeptCommitment} points"));
            }
        }

        var score = Math.Clamp(model.BaseScore + factors.Sum(f => f.Points), 0, 100);
        return new SubjectEvaluation(model.Version, score, model.GradeOf(score), factors);
    }

    /// <summary>
    /// The first day after <paramref name="today"/> on which the subject's score moves with time alone — a penalty
    /// leaves a window, an entry that left its list stops counting, a commitment's outcome ages out or its 容缺 items
    /// fall due, another platform's entry starts or ends; null when nothing will.
    /// </summary>
    public static DateOnly? NextChange(EvaluationModel model, SubjectStanding subject, DateOnly today)
    {
        var days = new List<DateOnly>();
        foreach (var penalty in subject.Penalties)
        {
            days.Add(penalty.DecisionDate);
            days.AddRange(model.Penalties.Where(row => row.Class == penalty.Class).Select(row => penalty.DecisionDate.AddMonths(row.WithinMonths)));
        }

        days.AddRange(subject.Ended.Select(e => e.EndedOn.AddMonths(model.ListedWithinMonths)));
        foreach (var entry in subject.Imported)
        {
            days.Add(entry.StartDate);
            days.AddRange(new[] { entry.EndDate, entry.RemovedOn ?? entry.EndDate }.OfType<DateOnly>());
            if ((entry.RemovedOn ?? entry.EndDate) is { } left)
            {
                days.Add(left.AddMonths(model.ListedWithinMonths));
            }
        }

        foreach (var commitment in subject.Commitments.Where(c => !c.FoundWrong))
        {
            days.AddRange(new[] { commitment.OutcomeOn?.AddMonths(model.BrokenCommitmentMonths), commitment.Status == Commitments.CommitmentStatus.Open ? commitment.DueDate?.AddDays(1) : null }
                .OfType<DateOnly>());
        }

        return days.Where(d => d > today).Order().Cast<DateOnly?>().FirstOrDefault();
    }
}
