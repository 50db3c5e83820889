using Credit.JointCases;
using Credit.Lists;
using Credit.Records;

namespace Credit.Functions.Api;

/// <summary>
/// 应查必查: what a department's credit check found, recorded under its id with the approval it serves.
/// <see cref="Imported"/>: entries of other platforms' lists (the national platform, Tianjin, Hebei), which count in <see cref="Status"/> as Beijing's own do.
/// <see cref="Incentives"/>: whether 绿色通道, 容缺受理 and other incentives may be given, each reason against with its item.
/// <see cref="Commitments"/>: the subject's credit commitments, open, overdue, kept or broken.
/// <see cref="Evaluation"/>: its 信用评价 — score, grade A–D and every factor with its item.
/// </summary>
public sealed record CreditCheckView(
    string CheckId, DateTimeOffset CheckedAt, string Department, string? ApprovalId, ListStatus Status, IReadOnlyList<CreditCheckHitView> Hits, IReadOnlyList<ImportedHitView> Imported,
    IncentivesView Incentives, IReadOnlyList<CommitmentView> Commitments, IReadOnlyList<GovernmentRecordView> GovernmentRecords, Credit.Evaluation.SubjectEvaluation? Evaluation)
{
    public static CreditCheckView Of(CreditCheckResult result, string department)
    {
        var today = Calendar.BeijingTime.Today(result.CheckedAt);
        return new(
            result.CheckId, result.CheckedAt, department, result.ApprovalId, new ListStatus(result.Red, result.Black, result.Watch), [.. result.Hits.Select(CreditCheckHitView.Of)],
            [.. (result.Imported ?? []).Select(ImportedHitView.Of)], IncentivesView.Of(result.Incentives ?? new Incentives(true, [])),
            [.. (result.Commitments ?? []).Select(c => CommitmentView.Of(c, today))], [.. (result.GovernmentRecords ?? []).Select(GovernmentRecordView.Of)], result.Evaluation);
    }
}

/// <summary>守信激励 eligibility: <see cref="Eligible"/> when no reason stands against it.</summary>
public sealed record IncentivesView(bool Eligible, IReadOnlyList<IneligibilityReasonView> Reasons)
{
    public static IncentivesView Of(Incentives incentives) => new(incentives.Eligible, [.. incentives.Reasons.Select(IneligibilityReasonView.Of)]);
}

/// <summary>A reason against incentives, in Chinese and English, and the item causing it (a record id, a case id, or "{source}/{source id}" of an imported entry).</summary>
public sealed record IneligibilityReasonView(string Code, IneligibilityItemView Item, string MessageZh, string MessageEn)
{
    public static IneligibilityReasonView Of(IneligibilityReason reason) => new(reason.Code, new IneligibilityItemView(reason.ItemKind, reason.ItemId), reason.MessageZh, reason.MessageEn);
}

public sealed record IneligibilityItemView(IncentiveItemKind Kind, string Id);

/// <summary>An entry another platform listed: its source and the source's id, who listed it, and the measures of its kind the asking department implements.</summary>
public sealed record ImportedHitView(
    string Source,
    string SourceName,
    string SourceId,
    string ListKind,
    string ListKindName,
    ListType ListType,
    string ListedSubject,
    string ListingAuthority,
    string? LegalBasis,
    string? DecisionDocument,
    string? Conduct,
    string StartDate,
    string? EndDate,
    CheckedMeasures Measures,
    bool IncentivesWithheld)
{
    public static ImportedHitView Of(ImportedHit h)
    {
        var e = h.Entry;
        return new(
            e.Source, h.SourceName, e.SourceId, e.ListKind, h.ListKindName, e.ListType, $"{e.SubjectName}（{e.SubjectLabel}）", e.ListingAuthority, e.LegalBasis, e.DecisionDocument, e.Conduct,
            DateText.ToIso(e.StartDate), e.EndDate is { } end ? DateText.ToIso(end) : null, new CheckedMeasures(h.Mandatory, h.Recommended), h.IncentivesWithheld);
    }
}

public sealed record ListStatus(bool Red, bool Black, bool Watch);

public sealed record CreditCheckHitView(
    string CaseId,
    ListType ListType,
    ResponsibleRole? AsResponsiblePerson,
    string ListedSubject,
    string Category,
    string Field,
    string LegalBasis,
    string DecisionDocument,
    string StartDate,
    string EndDate,
    CaseState? CaseState,
    CheckedMeasures Measures,
    bool UnderObjection,
    bool IncentivesWithheld)
{
    public static CreditCheckHitView Of(CreditCheckHit h) => new(
        h.CaseId, h.ListType, h.Role, h.ListedSubject, h.Category, h.Field, h.LegalBasis, h.DecisionDocument, DateText.ToIso(h.StartDate), DateText.ToIso(h.EndDate),
        h.CaseState, new CheckedMeasures(h.Mandatory, h.Recommended), h.UnderObjection, h.IncentivesWithheld);
}

/// <summary>The measures the asking department must (强制性) and may (推荐性) apply.</summary>
public sealed record CheckedMeasures(IReadOnlyList<CheckedMeasure> Mandatory, IReadOnlyList<CheckedMeasure> Recommended);
