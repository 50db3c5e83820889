using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Credit.Measures;

namespace Credit.Storage;

/// <summary>
/// Creates the product's containers and tables and seeds the measures list, the catalogue of acts and the exchange sources once per layout: the layout's version
/// (a hash of the container and table names and the seed) is recorded in table <see cref="MarkerTable"/>, so that a
/// cold start of an instance that finds it costs one point read instead of some fifty requests. A deployment that
/// adds a table or changes the seed has a new version and initialises once more.
/// </summary>
public sealed class StorageInitialization(StorageClients storage, MeasureCatalog measures, Catalogue.ConductCatalogue catalogue, Exchange.ExchangeSources sources, TimeProvider clock)
{
    public const string MarkerTable = "StorageVersions";
    const string Partition = "layout";

    public static string Version { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join('|', StorageNames.Containers) + "||" + string.Join('|', StorageNames.Tables) + "||" + JsonSerializer.Serialize(MeasureCatalog.Seed) + "||" + JsonSerializer.Serialize(Catalogue.ConductCatalogue.Seed)
        + "||" + JsonSerializer.Serialize(Exchange.ExchangeSources.Seed))))[..16];

    /// <summary>True when this call initialised the storage; false when this layout's version was already recorded.</summary>
    public async Task<bool> EnsureAsync(CancellationToken cancellationToken = default)
    {
        var marker = storage.Table(MarkerTable);
        try
        {
            if ((await marker.GetEntityIfExistsAsync<TableEntity>(Partition, Version, select: ["PartitionKey"], cancellationToken)).HasValue)
            {
                return false;
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // The marker table itself is missing: a fresh storage account.
        }

        await storage.EnsureCreatedAsync(cancellationToken);
        await measures.SeedAsync(cancellationToken);
        await catalogue.SeedAsync(cancellationToken);
        await sources.SeedAsync(cancellationToken);
        await marker.CreateIfNotExistsAsync(cancellationToken);
        await marker.UpsertEntityAsync(new TableEntity(Partition, Version) { ["InitialisedAt"] = clock.GetUtcNow() }, TableUpdateMode.Replace, cancellationToken);
        return true;
    }
}
