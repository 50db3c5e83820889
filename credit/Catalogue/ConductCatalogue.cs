using Credit.Lists;
using Credit.Storage;

namespace Credit.Catalogue;

/// <summary>
/// The catalogue of acts (失信行为清单 and 守信清单), kept by the supervising office in table Catalogue; the product's
/// own catalogue is <c>Data/catalogue.json</c>, its sources in docs/measures.md.
/// </summary>
public sealed class ConductCatalogue(StorageClients storage) : VersionedTable<CatalogueItem>(storage.Table(StorageNames.CatalogueTable), Seed)
{
    public static IReadOnlyList<CatalogueItem> Seed { get; } = LoadSeed("Credit.Data.catalogue.json");

    public async Task<CatalogueSnapshot> SnapshotAsync(CancellationToken cancellationToken = default) => new(await ListAsync(cancellationToken));

    /// <summary>
    /// The item an entry stands under: the version it was listed under, or — for an entry stored before entries named
    /// one — the current item its list type, category and field derive (<see cref="CatalogueSnapshot.Derive"/>).
    /// </summary>
    public async Task<CatalogueItem?> ItemForAsync(ListEntry entry, CancellationToken cancellationToken = default) =>
        entry.CatalogueCode is { } code
            ? await FindVersionAsync(code, entry.CatalogueVersion, cancellationToken) ?? await FindAsync(code, cancellationToken)
            : (await SnapshotAsync(cancellationToken)).Derive(entry.ListType, entry.Field, entry.Category);
}

/// <summary>The current catalogue, read once for a request or an upload chunk.</summary>
public sealed class CatalogueSnapshot(IReadOnlyList<CatalogueItem> items)
{
    readonly Dictionary<string, CatalogueItem> byCode = items.ToDictionary(i => i.Code, StringComparer.Ordinal);

    public static CatalogueSnapshot Seeded { get; } = new(ConductCatalogue.Seed);

    public IReadOnlyList<CatalogueItem> Items => items;

    public CatalogueItem? Find(string code) => byCode.GetValueOrDefault(code);

    /// <summary>
    /// The item an entry naming none is read under: of its list type, the one whose keyword found in its category is
    /// the longest (the most specific), else the first (by code) whose fields include its field, else the list's
    /// fallback (an item derived from nothing).
    /// </summary>
    public CatalogueItem? Derive(ListType listType, string field, string category)
    {
        var candidates = items.Where(i => !i.Retired && i.ListType == listType && i.DerivedFrom is not null).OrderBy(i => i.Code, StringComparer.Ordinal).ToList();
        return candidates
                .Select(i => (Item: i, Match: i.DerivedFrom!.CategoryKeywords.Where(k => category.Contains(k, StringComparison.Ordinal)).Select(k => k.Length).DefaultIfEmpty(0).Max()))
                .Where(c => c.Match > 0)
                .OrderByDescending(c => c.Match)
                .Select(c => c.Item)
                .FirstOrDefault()
            ?? candidates.FirstOrDefault(i => i.DerivedFrom!.Fields.Contains(field))
            ?? candidates.FirstOrDefault(i => i.DerivedFrom!.CategoryKeywords.Count == 0 && i.DerivedFrom.Fields.Count == 0);
    }
}
