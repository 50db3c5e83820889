using Credit.Disclosure;
using Credit.Lists;
using Credit.Records;
using Microsoft.Extensions.Options;

namespace Credit.JointCases;

/// <summary>
/// What an ineligibility reason points at: a published record or a Beijing list entry (its case id), which a subject
/// can object to as such (POST /api/objections), or an entry another platform listed ("{source}/{source id}").
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<IncentiveItemKind>))]
public enum IncentiveItemKind
{
    Record,
    ListEntry,
    ImportedEntry,
    Commitment,
}

/// <summary>One reason a subject may not be given incentives, with the item that causes it.</summary>
public sealed record IneligibilityReason(string Code, IncentiveItemKind ItemKind, string ItemId, string MessageZh, string MessageEn);

/// <summary>Whether the subject may be given incentives (绿色通道, 容缺受理…), and every reason it may not.</summary>
public sealed record Incentives(bool Eligible, IReadOnlyList<IneligibilityReason> Reasons)
{
    public static Incentives Of(IReadOnlyList<IneligibilityReason> reasons) => new(reasons.Count == 0, reasons);
}

/// <summary>
/// 守信激励 eligibility (京政发〔2017〕15号 二(二)1–3; DOMAIN.md "Red-list incentives": three years without a bad record
/// make a subject eligible for 绿色通道 and 容缺受理). A subject is not eligible while it is under a sanction (a black
/// or watch-list entry stands that names it, Beijing's or another platform's: <see cref="UnderSanction"/>), nor within
/// <see cref="JointCaseOptions.RedListCleanRecordMonths"/> (36) months of a serious penalty's decision
/// (<see cref="SeriousPenalty"/>), of the day a black or watch entry left its list (<see cref="RecentlyListed"/>), or of
/// the day a department recorded a commitment of the subject breached (<see cref="BrokenCommitment"/>; 二(二)2: a
/// breach of a credit commitment is dishonesty).
/// An entry ended by 信用修复 or by an upheld objection does not count: a repaired subject's credit is restored (DOMAIN.md
/// "Credit repair"), and an entry found wrong never was a bad record; a penalty counts while it is published (its
/// repair or revocation takes it out of view). Beijing's entry answering another platform's (响应) is counted as that
/// platform's entry, which says when it ended.
/// </summary>
public sealed class IncentiveEligibility(IOptions<JointCaseOptions> options)
{
    public const string UnderSanction = "UNDER_SANCTION";
    public const string RecentlyListed = "LISTED_WITHIN_CLEAN_PERIOD";
    public const string SeriousPenalty = "SERIOUS_PENALTY_WITHIN_CLEAN_PERIOD";
    public const string BrokenCommitment = "BROKEN_COMMITMENT";

    /// <summary>The end reasons after which an entry never counts against the subject: repaired, found wrong, removed at its source (which says when it ended).</summary>
    public static readonly IReadOnlySet<string> Cleared = new HashSet<string>([nameof(CaseEndReason.Repaired), nameof(CaseEndReason.ObjectionUpheld), nameof(CaseEndReason.RemovedAtSource)]);

    /// <summary>The subject's eligibility on <paramref name="today"/>, from what its credit stands on.</summary>
    public Incentives Assess(SubjectStanding subject, DateOnly today)
    {
        var months = options.Value.RedListCleanRecordMonths;
        var since = today.AddMonths(-months);
        var reasons = new List<IneligibilityReason>();
        foreach (var (entryId, listType, _) in subject.Standing.Where(s => s.ListType.MarksDishonesty()))
        {
            reasons.Add(new(UnderSanction, IncentiveItemKind.ListEntry, entryId,
                $"该主体在{listType.ZhName()}上（{entryId}），不得享受守信激励",
                $"the subject stands on a {Name(listType)} list ({entryId}) and may not be given incentives"));
        }

        foreach (var left in subject.Ended)
        {
            if (left.ListType.MarksDishonesty() && !Cleared.Contains(left.EndReason) && left.EndedOn > since)
            {
                reasons.Add(Recent(IncentiveItemKind.ListEntry, left.EntryId, left.ListType, left.EndedOn, months));
            }
        }

        foreach (var entry in subject.Imported.Where(e => e.ListType.MarksDishonesty()))
        {
            var item = $"{entry.Source}/{entry.SourceId}";
            if (entry.StandsOn(today))
            {
                reasons.Add(new(UnderSanction, IncentiveItemKind.ImportedEntry, item,
                    $"该主体在{entry.ListingAuthority}的{entry.ListType.ZhName()}上（{item}），不得享受守信激励",
                    $"the subject stands on a {Name(entry.ListType)} list of {entry.ListingAuthority} ({item}) and may not be given incentives"));
            }
            else if ((entry.RemovedOn ?? entry.EndDate) is { } left && left > since && entry.StartDate <= today)
            {
                reasons.Add(Recent(IncentiveItemKind.ImportedEntry, item, entry.ListType, left, months));
            }
        }

        foreach (var penalty in subject.Penalties)
        {
            if (penalty.DecisionDate > since && penalty.DecisionDate <= today && penalty.Class == PenaltyClass.Serious)
            {
                reasons.Add(new(SeriousPenalty, IncentiveItemKind.Record, penalty.RecordId,
                    $"该主体{DateText.ToIso(penalty.DecisionDate)}受到较重行政处罚（{penalty.DocumentNumber}），{months}个月内有严重失信记录的不得享受守信激励",
                    $"the subject had a serious penalty on {DateText.ToIso(penalty.DecisionDate)} ({penalty.DocumentNumber}); a subject with one in the last {months} months may not be given incentives"));
            }
        }

        foreach (var broken in subject.Commitments.Where(c => c.Status == Commitments.CommitmentStatus.Breached && !c.FoundWrong && c.OutcomeOn > since))
        {
            reasons.Add(new(BrokenCommitment, IncentiveItemKind.Commitment, broken.Id,
                $"该主体{DateText.ToIso(broken.OutcomeOn!.Value)}违反信用承诺（{broken.Reference}），{months}个月内不得享受守信激励",
                $"the subject broke a credit commitment on {DateText.ToIso(broken.OutcomeOn!.Value)} ({broken.Reference}); it may not be given incentives for {months} months after"));
        }

        return Incentives.Of(reasons);
    }

    static IneligibilityReason Recent(IncentiveItemKind kind, string item, ListType listType, DateOnly left, int months) => new(
        RecentlyListed, kind, item,
        $"该主体{DateText.ToIso(left)}移出{listType.ZhName()}（{item}），移出后{months}个月内不得享受守信激励",
        $"the subject left a {Name(listType)} list on {DateText.ToIso(left)} ({item}); it may not be given incentives for {months} months after");

    static string Name(ListType listType) => listType == ListType.Black ? "black" : "watch";
}
