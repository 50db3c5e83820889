using Credit.Disclosure;
using Credit.Records;
using Microsoft.Extensions.Options;

namespace Credit.Lists;

/// <summary>
/// Whether a subject may be put on a red list (RL-MODEL's criteria, docs/measures.md): not while a black or watch-list
/// entry stands that names it (as the listed subject or one of its responsible persons), and not with a serious penalty
/// decided within <see cref="JointCases.JointCaseOptions.RedListCleanRecordMonths"/> (36) months before the entry. The
/// seed's incentives (京政发〔2017〕15号 二(二)) are for the trustworthy; DOMAIN.md "Red-list incentives": eligibility
/// needs three years without a bad record. A red entry stored before a black or watch one is suspended when that
/// one's case opens.
/// </summary>
public sealed class RedListEligibility(ListStore lists, PublicStore published, IOptions<DisclosureOptions> disclosure, IOptions<JointCases.JointCaseOptions> options)
{
    public const string Code = "SUBJECT_ON_BLACK_LIST";
    public const string SeriousPenaltyCode = "SERIOUS_PENALTY_WITHIN_CLEAN_PERIOD";

    /// <summary>Why <paramref name="entry"/> may not be stored (a row error naming the subject), or null. An entry already stored is never refused: a retry ends as the first request did.</summary>
    public async Task<RowError?> RefusalAsync(ListEntry entry, long row, CancellationToken cancellationToken = default)
    {
        if (entry.ListType != ListType.Red || await lists.GetAsync(entry.Id, cancellationToken) is not null)
        {
            return null;
        }

        var marked = (await lists.HitsAsync(entry.SubjectKey, cancellationToken)).FirstOrDefault(h => h.ListType.MarksDishonesty());
        if (marked is not null)
        {
            return new RowError(row, "subjectCode", entry.SubjectLabel, Code,
                $"该主体在{marked.ListType.ZhName()}上（{marked.EntryId}），移出前不得列入红名单",
                $"the subject stands on a {marked.ListType.ToString().ToLowerInvariant()} list ({marked.EntryId}); it cannot be put on a red list until that entry is removed");
        }

        var months = options.Value.RedListCleanRecordMonths;
        var since = entry.StartDate.AddMonths(-months);
        await foreach (var penalty in published.EntriesAsync(entry.SubjectKey, RecordKind.Penalty, cancellationToken))
        {
            if (penalty.DecisionDate >= since && penalty.DecisionDate <= entry.StartDate && disclosure.Value.ClassOf(penalty.Fields) == PenaltyClass.Serious)
            {
                return new RowError(row, "subjectCode", entry.SubjectLabel, SeriousPenaltyCode,
                    $"该主体{DateText.ToIso(penalty.DecisionDate)}受到较重行政处罚（{penalty.DocumentNumber}），列入前{months}个月内有严重失信记录的不得列入红名单",
                    $"the subject had a serious penalty on {DateText.ToIso(penalty.DecisionDate)} ({penalty.DocumentNumber}); a subject with one in the {months} months before the entry cannot be put on a red list");
            }
        }

        return null;
    }
}
