using Credit.Testing;

namespace Credit.Tests.Support;

/// <summary>One Azurite for the whole test run, shared by every test class of the collection.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class Azurite : IAsyncLifetime
{
    readonly AzuriteProcess process = new();

    public string ConnectionString => process.ConnectionString;

    public Task InitializeAsync() => process.StartAsync();

    public async Task DisposeAsync() => await process.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class AzuriteGroup : ICollectionFixture<Azurite>
{
    public const string Name = "Azurite";
}
