using Credit.Measures;
using Credit.Storage;
using Credit.Testing;

namespace Credit.Tests.Integration;

/// <summary>A cold start on initialised storage costs one request, not the ~50 of creating every table and container and seeding the measures.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class StorageInitializationTests : IAsyncLifetime
{
    readonly AzuriteProcess azurite = new();

    public Task InitializeAsync() => azurite.StartAsync();

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    [Fact]
    public async Task The_first_start_initialises_and_every_later_start_reads_one_marker()
    {
        var first = new RequestCounter();
        var storage = TestStorage.Observed(azurite.ConnectionString, first);
        Assert.True(await Initialization(storage).EnsureAsync());
        Assert.True(first.Requests > 40, $"the first start sent {first.Requests} requests");
        Assert.NotEmpty(await new MeasureCatalog(storage).ListAsync());
        Assert.Equal(Credit.Catalogue.ConductCatalogue.Seed.Count, (await new Credit.Catalogue.ConductCatalogue(storage).ListAsync()).Count);

        var later = new RequestCounter();
        Assert.False(await Initialization(TestStorage.Observed(azurite.ConnectionString, later)).EnsureAsync());
        Assert.Equal(1, later.Requests);
    }

    static StorageInitialization Initialization(StorageClients storage) => new(storage, new MeasureCatalog(storage), new Credit.Catalogue.ConductCatalogue(storage), new Credit.Exchange.ExchangeSources(storage), TimeProvider.System);
}
