using Credit.Storage;
using Microsoft.Extensions.Hosting;

namespace Credit.Functions.Hosting;

/// <summary>Creates the product's containers and tables at start, so that a fresh storage account just works.</summary>
public sealed class StorageInitializer(StorageClients storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => storage.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
