using System.Reflection;
using System.Text.Json;
using Azure.Data.Tables;
using Credit.Storage;

namespace Credit.Measures;

/// <summary>
/// The measures list, kept by the supervising office in table Measures: one partition per measure, holding its
/// current row and every version it has had (v000001, v000002, …), written together in one transaction, so a
/// case can apply the version it started with. The product's own list (<c>Data/measures.json</c>) is seeded where
/// a measure is missing and never overwrites the office's changes.
/// </summary>
public sealed class MeasureCatalog(StorageClients storage)
{
    const string CurrentRow = "current";
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    readonly TableClient table = storage.Table(StorageNames.MeasuresTable);

    public static IReadOnlyList<Measure> Seed { get; } = LoadSeed();

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var measure in Seed)
        {
            await AddAsync(measure, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<Measure>> ListAsync(CancellationToken cancellationToken = default)
    {
        var measures = new List<Measure>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.RowKey == CurrentRow, cancellationToken: cancellationToken))
        {
            measures.Add(Read(entity));
        }

        return measures;
    }

    public async Task<Measure?> FindAsync(string code, CancellationToken cancellationToken = default)
    {
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(code, CurrentRow, cancellationToken: cancellationToken);
        return entity.HasValue ? Read(entity.Value!) : null;
    }

    public async Task<Measure?> FindVersionAsync(string code, int version, CancellationToken cancellationToken = default)
    {
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(code, VersionKey(version), cancellationToken: cancellationToken);
        return entity.HasValue ? Read(entity.Value!) : null;
    }

    /// <summary>Adds a new measure as version 1; null when the code is taken.</summary>
    public async Task<Measure?> AddAsync(Measure measure, CancellationToken cancellationToken = default)
    {
        var first = measure with { Version = 1, Retired = false };
        try
        {
            await table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, ToEntity(first, CurrentRow)),
                new TableTransactionAction(TableTransactionActionType.Add, ToEntity(first, VersionKey(1))),
            ], cancellationToken);
            return first;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Writes the next version of an existing measure (a change, or its retirement); null when there is none.</summary>
    public async Task<Measure?> ReviseAsync(string code, Func<Measure, Measure> change, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var entity = await table.GetEntityIfExistsAsync<TableEntity>(code, CurrentRow, cancellationToken: cancellationToken);
            if (!entity.HasValue)
            {
                return null;
            }

            var existing = Read(entity.Value!);
            var next = change(existing) with { Code = code, Version = existing.Version + 1 };
            try
            {
                await table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(next, CurrentRow), entity.Value!.ETag),
                    new TableTransactionAction(TableTransactionActionType.Add, ToEntity(next, VersionKey(next.Version))),
                ], cancellationToken);
                return next;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Another change came first: apply this one on top of it.
            }
        }
    }

    static string VersionKey(int version) => "v" + version.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    static TableEntity ToEntity(Measure measure, string rowKey) => new(measure.Code, rowKey)
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
