using Credit.Catalogue;
using Credit.Disclosure;
using Credit.Lists;
using Credit.Remedies;
using Credit.Storage;
using Credit.Testing;
using Credit.Tests.Support;
using Microsoft.Extensions.Options;

namespace Credit.Tests.Integration;

/// <summary>When an item can be repaired: the rules read from stored records and entries.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class RepairEligibilityTests(Azurite azurite)
{
    static readonly string Department = Rows.DepartmentCode(921);
    readonly StorageClients storage = StorageClients.FromConnectionString(azurite.ConnectionString);

    RemedyItems Items() => new(TestStorage.Records(storage, TimeProvider.System), new ListStore(storage, TestStorage.DataKeys(storage)), new Credit.Commitments.CommitmentStore(storage), new ConductCatalogue(storage),
        Options.Create(new DisclosureOptions()), Options.Create(new RemedyOptions()), TimeProvider.System);

    async Task<ItemFacts> EntryAsync(string listType, string category, string document)
    {
        var draft = new ListEntryDraft(listType, Rows.DepartmentCode(922), "北京示例有限公司", category, "环境保护", "依据", document, "2025-03-03", "12", []);
        var entry = new ListEntryValidator(Rows.SubjectKeys).Validate(Department, draft, CatalogueSnapshot.Seeded).Entry!;
        await new ListStore(storage, TestStorage.DataKeys(storage)).CreateAsync(entry, DateTimeOffset.UtcNow);
        return (await Items().FindAsync(new ItemRef(ItemKind.ListEntry, entry.Id)))!;
    }

    async Task<ItemFacts> PenaltyAsync(string document, string categories)
    {
        var row = Rows.Penalty(document, department: Department);
        row["处罚类别"] = categories;
        row["处罚决定日期"] = "2024-06-03";
        var record = Rows.Record(row, Department, new DateOnly(2024, 6, 3));
        await TestStorage.Records(storage, TimeProvider.System).SaveAsync([record], "test", CancellationToken.None);
        return (await Items().FindAsync(new ItemRef(ItemKind.Record, record.Key.Id)))!;
    }

    [Fact]
    public async Task A_list_entry_stands_its_catalogue_items_minimum_before_repair_and_no_category_is_barred_for_ever()
    {
        await storage.EnsureCreatedAsync();
        await new ConductCatalogue(storage).SeedAsync();
        var black = await EntryAsync("black", "环境违法失信", "修复测试〔2025〕1号");
        Assert.True(black.Repairable);
        Assert.Equal(new DateOnly(2026, 3, 3), black.RepairableFrom);
        Assert.Contains("BL-ENV", black.RepairRule, StringComparison.Ordinal);
        Assert.False((await EntryAsync("red", "诚信企业", "修复测试〔2025〕2号")).Repairable);

        // Once barred for ever (Remedies:ExcludedCategories), now the longest standing of the catalogue: 3 years.
        var grave = await EntryAsync("black", "严重危害人民群众身体健康和生命安全的违法行为", "修复测试〔2025〕3号");
        Assert.True(grave.Repairable);
        Assert.Equal(new DateOnly(2028, 3, 3), grave.RepairableFrom);
        Assert.Contains("BL-LIFE", grave.RepairRule, StringComparison.Ordinal);

        Assert.Equal(new DateOnly(2025, 6, 3), (await EntryAsync("watch", "列入经营异常名录", "修复测试〔2025〕4号")).RepairableFrom);
        Assert.Null(await Items().FindAsync(new ItemRef(ItemKind.ListEntry, Department + "-b000000000000000000000000")));
    }

    [Fact]
    public async Task A_penalty_after_its_minimum_publicity_three_months_general_a_year_serious()
    {
        await storage.EnsureCreatedAsync();
        Assert.Equal(new DateOnly(2024, 9, 3), (await PenaltyAsync("修复测试〔2024〕1号", "罚款")).RepairableFrom);
        Assert.Equal(new DateOnly(2025, 6, 3), (await PenaltyAsync("修复测试〔2024〕2号", "罚款;吊销许可证件")).RepairableFrom);
    }
}
