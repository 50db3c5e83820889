using Credit.Storage;

namespace Credit.Exchange;

/// <summary>
/// The sources Beijing imports lists from, kept by the supervising office in table ExchangeSources; the product's
/// own list is <c>Data/exchange-sources.json</c> (the national platform, Tianjin, Hebei).
/// </summary>
public sealed class ExchangeSources(StorageClients storage) : VersionedTable<ExchangeSource>(storage.Table(StorageNames.ExchangeSourcesTable), Seed)
{
    public static IReadOnlyList<ExchangeSource> Seed { get; } = LoadSeed("Credit.Data.exchange-sources.json");
}
