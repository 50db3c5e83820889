using System.Reflection;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Credit.Storage;

namespace Credit.Measures;

/// <summary>
/// The measures list, kept by the supervising office. Every change is a new version of the measure, kept for
/// ever in <c>MeasureVersions</c>, so that a case applies the version it started with. The product's own list
/// (<c>Data/measures.json</c>) is seeded where a measure is missing and never overwrites the office's changes.
/// </summary>
public sealed class MeasureCatalog(StorageClients storage)
{
    const string CurrentPartition = "current";
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    readonly TableClient current = storage.Table(StorageNames.MeasuresTable);
    readonly TableClient versions = storage.Table(StorageNames.MeasureVersionsTable);

    public static IReadOnlyList<Measure> Seed { get; } = LoadSeed();

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var measure in Seed)
        {
            if (!(await current.GetEntityIfExistsAsync<TableEntity>(CurrentPartition, measure.Code, ["Version"], cancellationToken)).HasValue)
            {
                await SaveVersionAsync(measure, null, cancellationToken);
            }
        }
    }

    public async Task<IReadOnlyList<Measure>> ListAsync(CancellationToken cancellationToken = default)
    {
        var measures = new List<Measure>();
        await foreach (var entity in current.QueryAsync<TableEntity>(e => e.PartitionKey == CurrentPartition, cancellationToken: cancellationToken))
        {
            measures.Add(Read(entity));
        }

        return measures;
    }

    public async Task<Measure?> FindAsync(string code, CancellationToken cancellationToken = default)
    {
        var entity = await current.GetEntityIfExistsAsync<TableEntity>(CurrentPartition, code, cancellationToken: cancellationToken);
        return entity.HasValue ? Read(entity.Value!) : null;
    }

    public async Task<Measure?> FindVersionAsync(string code, int version, CancellationToken cancellationToken = default)
    {
        var entity = await versions.GetEntityIfExistsAsync<TableEntity>(code, VersionKey(version), cancellationToken: cancellationToken);
        return entity.HasValue ? Read(entity.Value!) : null;
    }

    /// <summary>Adds a new measure (version 1); false when the code is taken.</summary>
    public async Task<Measure?> AddAsync(Measure measure, CancellationToken cancellationToken = default)
    {
        var first = measure with { Version = 1, Retired = false };
        try
        {
            await SaveVersionAsync(first, null, cancellationToken);
            return first;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Writes the next version of an existing measure (a change, or its retirement); null when there is none.</summary>
    public async Task<Measure?> ReviseAsync(string code, Func<Measure, Measure> change, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var entity = await current.GetEntityIfExistsAsync<TableEntity>(CurrentPartition, code, cancellationToken: cancellationToken);
            if (!entity.HasValue)
            {
                return null;
            }

            var existing = Read(entity.Value!);
            var next = change(existing) with { Code = code, Version = existing.Version + 1 };
            try
            {
                await SaveVersionAsync(next, entity.Value!.ETag, cancellationToken);
                return next;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another change came first: apply this one on top of it.
            }
        }
    }

    async Task SaveVersionAsync(Measure measure, ETag? currentETag, CancellationToken cancellationToken)
    {
        // The version row first: a crash between the two leaves an unused version, never a current one without history.
        await versions.UpsertEntityAsync(ToEntity(measure, measure.Code, VersionKey(measure.Version)), TableUpdateMode.Replace, cancellationToken);
        var entity = ToEntity(measure, CurrentPartition, measure.Code);
        if (currentETag is { } etag)
        {
            await current.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken);
        }
        else
        {
            await current.AddEntityAsync(entity, cancellationToken);
        }
    }

    static string VersionKey(int version) => version.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    static TableEntity ToEntity(Measure measure, string partitionKey, string rowKey) => new(partitionKey, rowKey)
    {
        ["Version"] = measure.Version,
        ["Name"] = measure.Name,
        ["Retired"] = measure.Retired,
        ["Data"] = JsonSerializer.Serialize(measure, Json),
    };

    static Measure Read(TableEntity entity) => JsonSerializer.Deserialize<Measure>(entity.GetString("Data"), Json)!;

    static IReadOnlyList<Measure> LoadSeed()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Credit.Data.measures.json")
            ?? throw new InvalidOperationException("The measures list Credit.Data.measures.json is not embedded.");
        var seed = JsonSerializer.Deserialize<List<Measure>>(stream, Json) ?? [];
        return [.. seed.Select(m => m with { Version = 1, Retired = false })];
    }
}
