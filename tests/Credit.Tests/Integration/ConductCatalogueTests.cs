using Credit.Catalogue;
using Credit.Departments;
using Credit.JointCases;
using Credit.Lists;
using Credit.Measures;
using Credit.Storage;
using Credit.Testing;
using Credit.Tests.Support;

namespace Credit.Tests.Integration;

/// <summary>The catalogue in its table: the item an entry stands under, for entries listed before the catalogue and after a change.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class ConductCatalogueTests(Azurite azurite)
{
    readonly StorageClients storage = StorageClients.FromConnectionString(azurite.ConnectionString);

    static ListEntry Listed(string document, string category = "环境违法失信", string field = "环境保护") =>
        new ListEntryValidator(Rows.SubjectKeys).Validate(Rows.Department, new ListEntryDraft("black", Rows.Company, "北京示例化工有限公司", category, field,
            "《中华人民共和国环境保护法》第六十三条", document, "2025-03-03", "12", [new ResponsiblePersonDraft("法定代表人", "张三", "110105198001010016")]), CatalogueSnapshot.Seeded).Entry!;

    async Task<ConductCatalogue> SeededAsync()
    {
        await storage.EnsureCreatedAsync();
        var catalogue = new ConductCatalogue(storage);
        await catalogue.SeedAsync();
        return catalogue;
    }

    [Fact]
    public async Task An_entry_stored_before_entries_named_an_item_still_resolves_its_measures()
    {
        var catalogue = await SeededAsync();
        // As the product stored entries before the catalogue: no code, no version, no facts.
        var legacy = Listed("京环罚〔2024〕88号") with { CatalogueCode = null, CatalogueVersion = 0, Facts = null };
        var lists = new ListStore(storage, TestStorage.DataKeys(storage));
        await lists.CreateAsync(legacy, DateTimeOffset.UtcNow);

        var stored = (await lists.GetAsync(legacy.Id))!.Value.Entry;
        Assert.Null(stored.CatalogueCode);
        var item = await catalogue.ItemForAsync(stored);
        Assert.Equal("BL-ENV", item!.Code);
        var finance = new Department(Rows.DepartmentCode(31), "北京市财政局", default);
        var measures = CaseMeasures.Resolve(stored, item, MeasureCatalog.Seed, [finance]).Select(a => a.MeasureCode).Order().ToList();
        Assert.Equal(["S01", "S02", "S17"], measures);
    }

    [Fact]
    public async Task An_entry_keeps_the_version_of_its_item_it_was_listed_under_when_the_office_changes_the_item()
    {
        var catalogue = await SeededAsync();
        var entry = Listed("京环罚〔2024〕89号");
        var version = (await catalogue.FindAsync("BL-ENV"))!.Version;
        Assert.Equal(version, entry.CatalogueVersion);
        await catalogue.ReviseAsync("BL-ENV", i => i with { MinimumRepairMonths = 24 });

        Assert.Equal(12, (await catalogue.ItemForAsync(entry))!.MinimumRepairMonths);
        Assert.Equal(24, (await catalogue.FindAsync("BL-ENV"))!.MinimumRepairMonths);
        await catalogue.ReviseAsync("BL-ENV", i => i with { MinimumRepairMonths = 12 });
    }
}
