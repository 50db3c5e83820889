using Credit.Storage;
using Microsoft.Extensions.Hosting;

namespace Credit.Functions.Hosting;

/// <summary>At start, makes a fresh storage account just work: tables, containers and the measures list, once per layout version.</summary>
public sealed class StorageInitializer(StorageInitialization initialization) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => initialization.EnsureAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
