using Credit.Storage;

namespace Credit.Measures;

/// <summary>
/// The measures list, kept by the supervising office in table Measures; the product's own list is
/// <c>Data/measures.json</c>, reviewed against the policy in docs/measures.md.
/// </summary>
public sealed class MeasureCatalog(StorageClients storage) : VersionedTable<Measure>(storage.Table(StorageNames.MeasuresTable), Seed)
{
    public static IReadOnlyList<Measure> Seed { get; } = LoadSeed("Credit.Data.measures.json");
}
