using Credit.Measures;
using Credit.Storage;
using Microsoft.Extensions.Hosting;

namespace Credit.Functions.Hosting;

/// <summary>Creates the product's containers and tables and seeds the measures list at start, so that a fresh storage account just works.</summary>
public sealed class StorageInitializer(StorageClients storage, MeasureCatalog measures) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await measures.SeedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
