using Credit.Commitments;
using Credit.Disclosure;
using Credit.Evaluation;
using Credit.Exchange;
using Credit.JointCases;
using Credit.Lists;

namespace Credit.Tests.Unit;

/// <summary>
/// 信用评价 under the default model (issue 21, item 1): a clean subject is B, good credit A, bad credit C or D; every
/// factor names its item and points; repaired or wrongly listed entries, penalties past their window and kept
/// commitments beyond the cap do not count; a model that breaks a rule names the field.
/// </summary>
public sealed class EvaluatorTests
{
    static readonly DateOnly Today = new(2026, 6, 30);
    static readonly SubjectStanding Clean = new([], [], [], [], []);

    static Commitment Commitment(string id, CommitmentStatus status, DateOnly? outcome, DateOnly? due = null) => new(
        id, "D1", "subject", "9111", "北京评价示例有限公司", SubjectKind.LegalPerson, due is null ? CommitmentKind.Notification : CommitmentKind.Deficiency, $"许{id}", "承诺", true,
        new DateOnly(2026, 1, 5), due is null ? [] : ["消防验收意见书"], due, status, outcome);

    static ImportedEntry Imported(string id, ListType type, DateOnly start, DateOnly? removed) => new(
        "NATIONAL", id, "COURT-DEBTOR", type, "subject", "9111", "北京评价示例有限公司", SubjectKind.LegalPerson, "北京市第一中级人民法院", null, null, null, start, null, removed, true, 1);

    [Fact]
    public void A_clean_subject_is_B_and_one_with_a_red_entry_and_kept_commitments_is_A_with_the_kept_ones_capped()
    {
        var clean = Evaluator.Evaluate(EvaluationModel.Default, Clean, Today);
        Assert.Equal((1, 80, "B", 0), (clean.ModelVersion, clean.Score, clean.Grade, clean.Factors.Count));

        var kept = Enumerable.Range(1, 4).Select(i => Commitment($"c{i}", CommitmentStatus.Fulfilled, new DateOnly(2026, 3, i))).ToList();
        var good = Evaluator.Evaluate(EvaluationModel.Default, Clean with { Standing = [new ListHit("R-1", ListType.Red, null)], Commitments = kept }, Today);
        Assert.Equal((96, "A"), (good.Score, good.Grade));
        Assert.Equal([("RED_LIST", "R-1", 10), ("KEPT_COMMITMENT", "c1", 2), ("KEPT_COMMITMENT", "c2", 2), ("KEPT_COMMITMENT", "c3", 2)],
            good.Factors.Select(f => (f.Code, f.ItemId, f.Points)).OrderBy(f => f.Code == "RED_LIST" ? 0 : 1).ThenBy(f => f.ItemId));
    }

    [Fact]
    public void Penalties_take_the_points_of_their_class_and_age_and_a_past_one_none()
    {
        PublishedPenalty Penalty(string id, PenaltyClass penaltyClass, DateOnly decided) => new(id, decided, $"京罚〔2026〕{id}号", penaltyClass);
        var subject = Clean with
        {
            Penalties =
            [
                Penalty("P1", PenaltyClass.Serious, new DateOnly(2026, 1, 10)),
                Penalty("P2", PenaltyClass.General, new DateOnly(2024, 12, 1)),
                Penalty("P3", PenaltyClass.Minor, new DateOnly(2024, 12, 1)),
                Penalty("P4", PenaltyClass.Serious, new DateOnly(2023, 5, 1)),
            ],
        };
        var evaluation = Evaluator.Evaluate(EvaluationModel.Default, subject, Today);
        Assert.Equal([("P1", -30), ("P2", -5)], evaluation.Factors.Select(f => (f.ItemId, f.Points)));
        Assert.Equal((45, "D"), (evaluation.Score, evaluation.Grade));
        Assert.All(evaluation.Factors, f => Assert.Equal(IncentiveItemKind.Record, f.ItemKind));
        Assert.Contains("京罚〔2026〕P1号", evaluation.Factors[0].MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_and_commitments_count_as_they_stand_and_repaired_or_wrong_entries_never()
    {
        var subject = Clean with
        {
            Standing = [new ListHit("B-1", ListType.Black, null)],
            Ended =
            [
                new EndedListing("W-1", ListType.Watch, null, nameof(CaseEndReason.Expired), new DateOnly(2025, 9, 1)),
                new EndedListing("B-0", ListType.Black, null, nameof(CaseEndReason.Repaired), new DateOnly(2026, 2, 1)),
                new EndedListing("B-9", ListType.Black, null, nameof(CaseEndReason.ObjectionUpheld), new DateOnly(2026, 2, 1)),
            ],
            Imported = [Imported("N-1", ListType.Watch, new DateOnly(2026, 1, 1), null), Imported("N-2", ListType.Black, new DateOnly(2025, 1, 1), new DateOnly(2026, 3, 1))],
            Commitments = [Commitment("c-broken", CommitmentStatus.Breached, new DateOnly(2026, 4, 1)), Commitment("c-late", CommitmentStatus.Open, null, new DateOnly(2026, 6, 1))],
        };
        var evaluation = Evaluator.Evaluate(EvaluationModel.Default, subject, Today);
        Assert.Equal(
            [
                ("BLACK_LIST", IncentiveItemKind.ListEntry, "B-1", -40), ("WATCH_LIST", IncentiveItemKind.ImportedEntry, "NATIONAL/N-1", -20),
                ("RECENTLY_LISTED", IncentiveItemKind.ListEntry, "W-1", -10), ("RECENTLY_LISTED", IncentiveItemKind.ImportedEntry, "NATIONAL/N-2", -10),
                ("BROKEN_COMMITMENT", IncentiveItemKind.Commitment, "c-broken", -15), ("OVERDUE_COMMITMENT", IncentiveItemKind.Commitment, "c-late", -5),
            ],
            evaluation.Factors.Select(f => (f.Code, f.ItemKind, f.ItemId, f.Points)));
        Assert.Equal((0, "D"), (evaluation.Score, evaluation.Grade));
    }

    [Fact]
    public void A_model_that_breaks_a_rule_names_every_field_and_the_default_breaks_none()
    {
        Assert.Empty(EvaluationModel.Default.Check());
        var broken = EvaluationModel.Default with
        {
            BaseScore = 120,
            Penalties = [new PenaltyDeduction(PenaltyClass.Serious, 0, 30), null!],
            RedList = -5,
            Grades = new GradeThresholds(70, 90, 50),
        };
        Assert.Equal(["baseScore", "penalties[0].withinMonths", "penalties[1].class", "redList", "grades"], broken.Check().Select(p => p.Field));
        Assert.Equal(["penalties"], (EvaluationModel.Default with { Penalties = [] }).Check().Select(p => p.Field));
    }
}
