using Credit.Measures;
using Credit.Storage;
using Credit.Testing;

namespace Credit.Tests.Integration;

/// <summary>The measures list on an Azurite of its own (its table is the whole list).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class MeasureCatalogTests : IAsyncLifetime
{
    readonly AzuriteProcess azurite = new();
    MeasureCatalog catalog = null!;

    public async Task InitializeAsync()
    {
        await azurite.StartAsync();
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        catalog = new MeasureCatalog(storage);
    }

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    [Fact]
    public async Task Seeding_fills_a_fresh_list_and_never_undoes_the_offices_changes()
    {
        await catalog.SeedAsync();
        Assert.Equal(MeasureCatalog.Seed.Count, (await catalog.ListAsync()).Count);

        await catalog.ReviseAsync("S02", m => m with { Binding = MeasureBinding.Recommended });
        await catalog.SeedAsync();

        var changed = await catalog.FindAsync("S02");
        Assert.Equal(2, changed!.Version);
        Assert.Equal(MeasureBinding.Recommended, changed.Binding);
    }

    [Fact]
    public async Task Every_change_is_a_new_version_and_the_old_versions_stay_readable()
    {
        var added = await catalog.AddAsync(MeasureCatalog.Seed[0] with { Code = "X01", Name = "试行措施" });
        Assert.Equal(1, added!.Version);
        Assert.Null(await catalog.AddAsync(MeasureCatalog.Seed[0] with { Code = "X01" }));

        await catalog.ReviseAsync("X01", m => m with { LegalBasis = "新依据" });
        var retired = await catalog.ReviseAsync("X01", m => m with { Retired = true });

        Assert.Equal(3, retired!.Version);
        Assert.True((await catalog.FindAsync("X01"))!.Retired);
        Assert.Equal("试行措施", (await catalog.FindVersionAsync("X01", 1))!.Name);
        Assert.Equal("新依据", (await catalog.FindVersionAsync("X01", 2))!.LegalBasis);
        Assert.Null(await catalog.ReviseAsync("X99", m => m));
    }

    [Fact]
    public async Task Concurrent_changes_each_get_their_own_version()
    {
        await catalog.AddAsync(MeasureCatalog.Seed[0] with { Code = "X02" });
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => catalog.ReviseAsync("X02", m => m with { LegalBasis = m.LegalBasis + i })));
        Assert.Equal(5, (await catalog.FindAsync("X02"))!.Version);
        Assert.All(Enumerable.Range(1, 5), v => Assert.NotNull(catalog.FindVersionAsync("X02", v).Result));
    }

    [Fact]
    public async Task A_list_seeded_by_an_earlier_product_takes_the_corrected_seed_and_the_offices_changes_stay()
    {
        // As the product before the review stored them: version 1 rows with no source, S12 bound for every black-listed person.
        var table = StorageClients.FromConnectionString(azurite.ConnectionString).Table(StorageNames.MeasuresTable);
        var earlier = MeasureCatalog.Seed.Single(m => m.Code == "S12") with { Category = MeasureCategory.Administrative, LegalBasis = "旧依据" };
        var office = MeasureCatalog.Seed.Single(m => m.Code == "S01") with { Version = 2, Binding = MeasureBinding.Mandatory };
        foreach (var (measure, row) in new[] { (earlier, "current"), (earlier, "v000001"), (office, "current"), (office, "v000002") })
        {
            await table.AddEntityAsync(new Azure.Data.Tables.TableEntity(measure.Code, row)
            {
                ["Version"] = measure.Version,
                ["Name"] = measure.Name,
                ["Retired"] = false,
                ["Data"] = System.Text.Json.JsonSerializer.Serialize(measure, System.Text.Json.JsonSerializerOptions.Web),
            });
        }

        await catalog.SeedAsync();
        await catalog.SeedAsync();

        var corrected = await catalog.FindAsync("S12");
        var seed = MeasureCatalog.Seed.Single(m => m.Code == "S12");
        Assert.Equal((2, MeasureCategory.Market, seed.LegalBasis), (corrected!.Version, corrected.Category, corrected.LegalBasis));
        Assert.Equal("旧依据", (await catalog.FindVersionAsync("S12", 1))!.LegalBasis);
        var kept = await catalog.FindAsync("S01");
        Assert.Equal((2, MeasureBinding.Mandatory), (kept!.Version, kept.Binding));
    }
}
