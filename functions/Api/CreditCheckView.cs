using Credit.JointCases;
using Credit.Lists;
using Credit.Records;

namespace Credit.Functions.Api;

/// <summary>应查必查: what a department's credit check found, recorded under its id with the approval it serves.</summary>
public sealed record CreditCheckView(string CheckId, DateTimeOffset CheckedAt, string Department, string? ApprovalId, ListStatus Status, IReadOnlyList<CreditCheckHitView> Hits)
{
    public static CreditCheckView Of(CreditCheckResult result, string department) => new(
        result.CheckId, result.CheckedAt, department, result.ApprovalId, new ListStatus(result.Red, result.Black, result.Watch), [.. result.Hits.Select(CreditCheckHitView.Of)]);
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
