using Credit.Commitments;
using Credit.Disclosure;
using Credit.Records;
using Microsoft.Extensions.Options;

namespace Credit.Lists;

/// <summary>
/// What stored data says against storing an entry, for the API and the upload alike.
/// <para>Red list (RL-MODEL's criteria, docs/measures.md): not while a black or watch-list entry stands that names the
/// subject (as the listed subject or one of its responsible persons), and not with a serious penalty decided within
/// <see cref="JointCases.JointCaseOptions.RedListCleanRecordMonths"/> (36) months before the entry. The seed's
/// incentives (京政发〔2017〕15号 二(二)) are for the trustworthy; DOMAIN.md "Red-list incentives": eligibility needs
/// three years without a bad record. A red entry stored before a black or watch one is suspended when that one's case opens.</para>
/// <para>A breach of a commitment (WL-PROMISE and any item with the fact <see cref="CommitmentFact"/>): the entry must
/// name a commitment of its subject that the listing department took and recorded breached (二(二)2: 将履行承诺情况纳入
/// 信用记录; 国办发〔2020〕42号: 承诺不实的纳入信用记录). The department reads only its own commitments, so another's
/// is answered as unknown.</para>
/// </summary>
public sealed class ListingRefusals(ListStore lists, PublicStore published, CommitmentStore commitments, IOptions<DisclosureOptions> disclosure, IOptions<JointCases.JointCaseOptions> options)
{
    public const string Code = "SUBJECT_ON_BLACK_LIST";
    public const string SeriousPenaltyCode = "SERIOUS_PENALTY_WITHIN_CLEAN_PERIOD";
    public const string CommitmentNotBreachedCode = "COMMITMENT_NOT_BREACHED";

    /// <summary>The fact by which an entry names the broken commitment it lists.</summary>
    public const string CommitmentFact = "commitment";

    /// <summary>Why <paramref name="entry"/> may not be stored (a row error naming the subject), or null. An entry already stored is never refused: a retry ends as the first request did.</summary>
    public async Task<RowError?> RefusalAsync(ListEntry entry, long row, CancellationToken cancellationToken = default)
    {
        if (await lists.GetAsync(entry.Id, cancellationToken) is not null)
        {
            return null;
        }

        if (entry.Facts?.GetValueOrDefault(CommitmentFact) is { } commitmentId)
        {
            return await BrokenCommitmentRefusalAsync(entry, commitmentId, row, cancellationToken);
        }

        if (entry.ListType != ListType.Red)
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

    async Task<RowError?> BrokenCommitmentRefusalAsync(ListEntry entry, string commitmentId, long row, CancellationToken cancellationToken)
    {
        var commitment = await commitments.GetAsync(commitmentId, cancellationToken);
        if (commitment is { Status: CommitmentStatus.Breached, FoundWrong: false } && commitment.SubjectKey == entry.SubjectKey && commitment.Department == entry.InitiatingDepartment)
        {
            return null;
        }

        var echo = TextRules.Echo(commitmentId);
        return commitment is null || commitment.Department != entry.InitiatingDepartment
            ? new RowError(row, $"facts.{CommitmentFact}", commitmentId, CommitmentNotBreachedCode,
                $"本部门没有编号为“{echo}”的信用承诺", $"your department took no commitment '{echo}'")
            : commitment.SubjectKey != entry.SubjectKey
                ? new RowError(row, $"facts.{CommitmentFact}", commitmentId, CommitmentNotBreachedCode,
                    $"承诺{echo}不是该主体作出的", $"commitment {echo} is not the listed subject's")
                : new RowError(row, $"facts.{CommitmentFact}", commitmentId, CommitmentNotBreachedCode,
                    $"承诺{echo}未记录为违约，应先记录违约（POST /api/commitments/{echo}/outcome）再列入",
                    $"commitment {echo} is not recorded breached: record the breach (POST /api/commitments/{echo}/outcome) before listing it");
    }
}
