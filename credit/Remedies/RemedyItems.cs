using Credit.Disclosure;
using Credit.Lists;
using Credit.Records;
using Credit.Storage;
using Microsoft.Extensions.Options;

namespace Credit.Remedies;

/// <summary>What the remedies need to know of an item: whose it is, who provides (and decides on) it, and what repair rules apply.</summary>
public sealed record ItemFacts(
    ItemRef Item,
    string SubjectKey,
    IReadOnlyList<string> PersonKeys,
    string ProvidingDepartment,
    string Label,
    bool Active,
    bool Repairable,
    DateOnly? RepairableFrom,
    string? RepairRule);

/// <summary>Reads the facts of a record, a list entry or a commitment.</summary>
public sealed class RemedyItems(
    RecordStore records, ListStore lists, Commitments.CommitmentStore commitments, Catalogue.ConductCatalogue catalogue, IOptions<DisclosureOptions> disclosure, IOptions<RemedyOptions> options, TimeProvider clock)
{
    public async Task<ItemFacts?> FindAsync(ItemRef item, CancellationToken cancellationToken = default)
    {
        if (item.Kind == ItemKind.Commitment)
        {
            // In force while its breach or overdue mark counts against the subject: that is what an objection can find wrong.
            return await commitments.GetAsync(item.Id, cancellationToken) is not { } commitment ? null : new ItemFacts(
                item, commitment.SubjectKey, [], commitment.Department, $"信用承诺 {commitment.Reference}（{commitment.SubjectName}）",
                !commitment.FoundWrong && (commitment.Status == Commitments.CommitmentStatus.Breached || commitment.OverdueOn(Calendar.BeijingTime.Today(clock))),
                false, null, "a commitment's breach is not repaired: object to it if it is wrong / 信用承诺的违约记录不适用信用修复，如有错误请提出异议");
        }

        if (item.Kind == ItemKind.ListEntry)
        {
            if (await lists.GetAsync(item.Id, cancellationToken) is not { } found)
            {
                return null;
            }

            var entry = found.Entry;
            var listedUnder = await catalogue.ItemForAsync(entry, cancellationToken);
            var standing = listedUnder?.MinimumRepairMonths ?? options.Value.ListMinimumMonths;
            var source = listedUnder is null ? string.Empty : $" ({listedUnder.Code} {listedUnder.Name})";
            var sourceZh = listedUnder is null ? string.Empty : $"（{listedUnder.Code} {listedUnder.Name}）";
            var (repairable, rule) = entry.ListType == ListType.Red
                ? (false, "a red-list entry is an incentive, not a sanction to repair / 红名单无需信用修复")
                : (true, $"a {entry.ListType.ToString().ToLowerInvariant()}-list entry{source} can be repaired once it has stood {standing} months / {entry.ListType.ZhName()}{sourceZh}列入满{standing}个月后方可申请信用修复");
            return new ItemFacts(item, entry.SubjectKey, [.. entry.ResponsiblePersons.Select(p => p.SubjectKey)], entry.InitiatingDepartment,
                $"{entry.ListType.ZhName()} {entry.DecisionDocument}（{entry.SubjectName}）", found.Status.Active,
                repairable, repairable ? entry.StartDate.AddMonths(standing) : null, rule);
        }

        if (!RecordKey.TryParseId(item.Id, out var key) || await records.GetAsync(key, cancellationToken) is not { } entity)
        {
            return null;
        }

        var penalty = entity.GetString("Kind") == nameof(RecordKind.Penalty);
        var decided = DateOnly.ParseExact(entity.GetString("DecisionDate"), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var penaltyClass = disclosure.Value.ClassOf(new Dictionary<string, string>
        {
            ["CF_CFLB"] = entity.GetString("CF_CFLB") ?? string.Empty,
            ["CF_NR_FK"] = entity.GetString("CF_NR_FK") ?? string.Empty,
        });
        var months = PublicityPeriod.Months(penaltyClass, disclosure.Value).Minimum;
        return new ItemFacts(item, entity.GetString("SubjectKey"), [], key.DepartmentCode,
            $"{entity.GetString("DocumentNumber")}（{entity.GetString("SubjectName")}）", entity.GetString("RevocationReason") is null,
            penalty, penalty ? decided.AddMonths(months) : null,
            penalty
                ? $"a {penaltyClass.ToString().ToLowerInvariant()} penalty can be repaired after its minimum publicity period of {months} months / {PublicityPeriod.ClassZh(penaltyClass)}失信行为的行政处罚信息公示满{months}个月后方可申请信用修复"
                : "a licensing decision is not a mark to repair / 行政许可信息无需信用修复");
    }
}
