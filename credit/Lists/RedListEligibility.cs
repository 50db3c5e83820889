using Credit.Records;

namespace Credit.Lists;

/// <summary>
/// Whether a subject may be put on a red list: not while a black or watch-list entry stands that names it (as the listed
/// subject or one of its responsible persons). The seed's incentives (京政发〔2017〕15号 二(二)) are for the
/// trustworthy; DOMAIN.md "Red-list incentives": eligibility needs years without a bad record, and a black-listed
/// subject is a sanction target. A red entry stored before the black one is held back by the credit check instead.
/// </summary>
public sealed class RedListEligibility(ListStore lists)
{
    public const string Code = "SUBJECT_ON_BLACK_LIST";

    /// <summary>Why <paramref name="entry"/> may not be stored (a row error naming the subject), or null. An entry already stored is never refused: a retry ends as the first request did.</summary>
    public async Task<RowError?> RefusalAsync(ListEntry entry, long row, CancellationToken cancellationToken = default)
    {
        if (entry.ListType != ListType.Red || await lists.GetAsync(entry.Id, cancellationToken) is not null)
        {
            return null;
        }

        var marked = (await lists.HitsAsync(entry.SubjectKey, cancellationToken)).FirstOrDefault(h => h.ListType.MarksDishonesty());
        return marked is null ? null : new RowError(row, "subjectCode", entry.SubjectLabel, Code,
            $"该主体在{marked.ListType.ZhName()}上（{marked.EntryId}），移出前不得列入红名单",
            $"the subject stands on a {marked.ListType.ToString().ToLowerInvariant()} list ({marked.EntryId}); it cannot be put on a red list until that entry is removed");
    }
}
