using Credit.Calendar;
using Credit.Catalogue;
using Credit.Disclosure;
using Credit.Exchange;
using Credit.JointCases;
using Credit.Lists;
using Credit.Storage;
using Credit.Testing;
using Credit.Tests.Support;

namespace Credit.Tests.Integration;

/// <summary>
/// 守信激励 eligibility in the credit check (issue 20, item 2), on 2026-12-01: the clean period runs back to 2023-12-01.
/// Every reason names the item that causes it; a repaired or wrongly listed entry is no reason.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class IncentiveEligibilityTests(Azurite azurite)
{
    static readonly string Department = Rows.DepartmentCode(951);
    static readonly TimeProvider Clock = new ShiftedClock(new DateTimeOffset(2026, 12, 1, 4, 0, 0, TimeSpan.Zero));
    readonly StorageClients storage = StorageClients.FromConnectionString(azurite.ConnectionString);

    ListStore Lists => new(storage, TestStorage.DataKeys(storage));

    async Task<Incentives> CheckAsync(string subject)
    {
        var result = await TestStorage.CreditCheck(storage, Clock).CheckAsync(subject, Department);
        return result.Incentives!;
    }

    async Task<string> PublishPenaltyAsync(string subject, string document, string decided, string categories)
    {
        var row = Rows.Penalty(document, subject, Department);
        row["处罚类别"] = categories;
        row["处罚决定日期"] = decided;
        var record = Rows.Record(row, Department, DateOnly.Parse(decided, System.Globalization.CultureInfo.InvariantCulture));
        await new PublicStore(storage).PublishAsync([PublicEntry.From(record, new DisclosureOptions())], record.DecisionDate, DateTimeOffset.UtcNow, CancellationToken.None);
        return record.Key.Id;
    }

    async Task<ListEntry> ListAsync(string subject, string type, string document, string start = "2024-03-04")
    {
        var (entry, errors) = new ListEntryValidator(Rows.SubjectKeys).Validate(Department, new ListEntryDraft(type, subject, "北京激励测试有限公司", type == "red" ? "诚信典型" : "严重失信", "产品质量",
            "《北京市社会信用条例》第二十九条", document, start, type == "watch" ? "12" : "24", []), CatalogueSnapshot.Seeded);
        Assert.True(entry is not null, string.Join("; ", errors.Select(e => e.MessageEn)));
        await Lists.CreateAsync(entry, DateTimeOffset.UtcNow);
        return entry;
    }

    static ImportedEntry Imported(string subject, string id, DateOnly start, DateOnly? end = null, DateOnly? removed = null) =>
        new("HEBEI", id, "HEI", ListType.Black, subject, subject, "北京激励测试有限公司", SubjectKind.LegalPerson, "河北省某县人民法院", null, null, null, start, end, removed, true, 1);

    [Fact]
    public async Task A_subject_with_only_a_minor_penalty_and_a_serious_one_older_than_three_years_is_eligible()
    {
        await storage.EnsureCreatedAsync();
        var subject = Rows.DepartmentCode(952);
        await PublishPenaltyAsync(subject, "激励罚〔2025〕1号", "2025-06-03", "罚款");
        await PublishPenaltyAsync(subject, "激励罚〔2023〕2号", "2023-11-30", "吊销许可证件");

        var incentives = await CheckAsync(subject);
        Assert.Equal((true, 0), (incentives.Eligible, incentives.Reasons.Count));
    }

    [Fact]
    public async Task A_serious_penalty_within_three_years_is_a_reason_naming_its_record_in_both_languages()
    {
        await storage.EnsureCreatedAsync();
        var subject = Rows.DepartmentCode(953);
        var record = await PublishPenaltyAsync(subject, "激励罚〔2024〕3号", "2023-12-02", "罚款;责令停产停业");

        var incentives = await CheckAsync(subject);

        Assert.False(incentives.Eligible);
        var reason = Assert.Single(incentives.Reasons);
        Assert.Equal((IncentiveEligibility.SeriousPenalty, IncentiveItemKind.Record, record), (reason.Code, reason.ItemKind, reason.ItemId));
        Assert.Contains("2023-12-02", reason.MessageZh, StringComparison.Ordinal);
        Assert.Contains("激励罚〔2024〕3号", reason.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_standing_black_entry_and_one_that_expired_within_three_years_are_reasons_a_repaired_wrong_or_older_one_is_not()
    {
        await storage.EnsureCreatedAsync();
        var subject = Rows.DepartmentCode(954);
        var standing = await ListAsync(subject, "black", "激励黑〔2026〕1号", "2026-06-01");
        var expired = await ListAsync(subject, "watch", "激励关〔2023〕2号", "2023-05-04");
        await Lists.RemoveAsync(expired, nameof(CaseEndReason.Expired), new DateOnly(2025, 5, 4));
        foreach (var (document, reason) in new[] { ("激励黑〔2024〕3号", CaseEndReason.Repaired), ("激励黑〔2024〕4号", CaseEndReason.ObjectionUpheld) })
        {
            await Lists.RemoveAsync(await ListAsync(subject, "black", document), reason.ToString(), new DateOnly(2025, 9, 1));
        }

        var old = await ListAsync(subject, "black", "激励黑〔2021〕5号", "2021-06-01");
        await Lists.RemoveAsync(old, nameof(CaseEndReason.Expired), new DateOnly(2023, 6, 1));
        // Removing again, as a replayed activity does, keeps one history row.
        await Lists.RemoveAsync(old, nameof(CaseEndReason.Expired), new DateOnly(2023, 6, 1));

        var incentives = await CheckAsync(subject);

        Assert.Equal(
            [(IncentiveEligibility.UnderSanction, standing.Id), (IncentiveEligibility.RecentlyListed, expired.Id)],
            incentives.Reasons.Select(r => (r.Code, r.ItemId)));
        Assert.All(incentives.Reasons, r => Assert.Equal(IncentiveItemKind.ListEntry, r.ItemKind));
        Assert.Contains("2025-05-04", incentives.Reasons[1].MessageZh, StringComparison.Ordinal);
        // The history is not standing: only the black entry that stands is a hit.
        Assert.Equal([standing.Id], (await Lists.HitsAsync(subject)).Select(h => h.EntryId));
        var listings = await Lists.ListingsAsync(subject);
        Assert.Equal([standing.Id], listings.Standing.Select(h => h.EntryId));
        Assert.Equal(4, listings.Ended.Count);
    }

    [Fact]
    public async Task An_entry_that_ended_before_the_index_kept_a_history_counts_once_the_history_is_indexed()
    {
        await storage.EnsureCreatedAsync();
        var subject = Rows.DepartmentCode(957);
        var entry = await ListAsync(subject, "black", "激励黑〔2024〕7号");
        // Ended as the previous version ended entries: marked inactive, its index row deleted, nothing kept.
        await storage.Table(StorageNames.ListEntriesTable).UpdateEntityAsync(
            new Azure.Data.Tables.TableEntity(Department, entry.Id) { ["Active"] = false, ["EndReason"] = nameof(CaseEndReason.Expired), ["EndedOn"] = "2026-03-04" },
            Azure.ETag.All, Azure.Data.Tables.TableUpdateMode.Merge);
        await storage.Table(StorageNames.ListSubjectsTable).DeleteEntityAsync(subject, entry.Id);
        Assert.True((await CheckAsync(subject)).Eligible);

        Assert.True(await Lists.IndexHistoryAsync() >= 1);
        Assert.True(await Lists.IndexHistoryAsync() >= 1);

        var reason = Assert.Single((await CheckAsync(subject)).Reasons);
        Assert.Equal((IncentiveEligibility.RecentlyListed, entry.Id), (reason.Code, reason.ItemId));
    }

    [Fact]
    public async Task Another_platforms_entries_count_while_they_stand_and_for_three_years_after_they_end()
    {
        await storage.EnsureCreatedAsync();
        var subject = Rows.DepartmentCode(955);
        await new ExchangeSources(storage).SeedAsync();
        var store = new ImportedEntryStore(storage);
        static Task<ImportedEntry> AsIs(ImportedEntry? before, ImportedEntry entry) => Task.FromResult(entry);
        await store.SaveAsync(Imported(subject, "IE-STANDS", new DateOnly(2026, 1, 5)), AsIs, CancellationToken.None);
        await store.SaveAsync(Imported(subject, "IE-ENDED", new DateOnly(2024, 1, 5), end: new DateOnly(2025, 1, 5)), AsIs, CancellationToken.None);
        await store.SaveAsync(Imported(subject, "IE-REMOVED-LONG-AGO", new DateOnly(2020, 1, 5), removed: new DateOnly(2023, 1, 5)), AsIs, CancellationToken.None);

        var incentives = await CheckAsync(subject);

        Assert.Equal(
            [(IncentiveEligibility.RecentlyListed, "HEBEI/IE-ENDED"), (IncentiveEligibility.UnderSanction, "HEBEI/IE-STANDS")],
            incentives.Reasons.Select(r => (r.Code, r.ItemId)).Order());
        Assert.All(incentives.Reasons, r => Assert.Equal(IncentiveItemKind.ImportedEntry, r.ItemKind));
        Assert.Contains("河北省某县人民法院", incentives.Reasons.Single(r => r.Code == IncentiveEligibility.UnderSanction).MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_red_entry_of_a_subject_that_is_not_eligible_is_shown_with_its_incentives_withheld()
    {
        await storage.EnsureCreatedAsync();
        var subject = Rows.DepartmentCode(956);
        var red = await ListAsync(subject, "red", "激励红〔2024〕1号");
        await PublishPenaltyAsync(subject, "激励罚〔2025〕6号", "2025-08-01", "吊销许可证件");

        var result = await TestStorage.CreditCheck(storage, Clock).CheckAsync(subject, Department);

        var hit = Assert.Single(result.Hits);
        Assert.Equal((red.Id, true, false), (hit.CaseId, hit.IncentivesWithheld, result.Incentives!.Eligible));
        Assert.True(result.Red);
    }
}
