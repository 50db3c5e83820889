using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;

namespace Credit.Storage;

/// <summary>
/// The code of an item of a list kept in versions: 2 to 16 capital letters, digits or hyphens. It is the item's
/// partition key, so a code a caller sends is checked against it before any table is asked.
/// </summary>
public static partial class ItemCode
{
    public const string Pattern = "^[A-Z0-9-]{2,16}$";

    public static bool IsValid(string? code) => code is not null && Regex().IsMatch(code);

    [System.Text.RegularExpressions.GeneratedRegex(Pattern)]
    private static partial System.Text.RegularExpressions.Regex Regex();
}

/// <summary>An item of a list the supervising office keeps in versions (a measure, a catalogue item).</summary>
public interface IVersioned<out T>
{
    string Code { get; }

    int Version { get; }

    bool Retired { get; }

    T AsVersion(int version, bool retired);
}

/// <summary>
/// A list kept in versions: one partition per item, holding its current row and every version it has had
/// (v000001, v000002, …), written together in one transaction, so a case can apply the version it started with.
/// The product's own list (an embedded JSON file) is seeded where an item is missing, and revised where the stored
/// item is still the product's earlier seed; an item the office has changed is never overwritten.
/// </summary>
public abstract class VersionedTable<T>(TableClient table, IReadOnlyList<T> seed) where T : class, IVersioned<T>
{
    const string CurrentRow = "current";
    const string SourceColumn = "Source";
    const string SeedHashColumn = "SeedHash";
    const string FromSeed = "seed";
    const string FromOffice = "office";

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Reads an embedded JSON list of the Credit assembly as version 1 of each item.</summary>
    protected static IReadOnlyList<T> LoadSeed(string resourceName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The list {resourceName} is not embedded.");
        var items = JsonSerializer.Deserialize<List<T>>(stream, Json) ?? [];
        return [.. items.Select(i => i.AsVersion(1, false))];
    }

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var item in seed)
        {
            if (await AddAsync(item, FromSeed, cancellationToken) is not null)
            {
                continue;
            }

            // Stored already: bring it to this seed if nobody but the product has written it. A row from before
            // sources were recorded is the seed's when it is still version 1 of a seeded code.
            var hash = SeedHash(item);
            await ReviseWhereAsync(item.Code, (existing, entity) =>
                (entity.GetString(SourceColumn) ?? (existing.Version == 1 ? FromSeed : FromOffice)) == FromSeed && entity.GetString(SeedHashColumn) != hash
                    ? item
                    : null, FromSeed, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<T>> ListAsync(CancellationToken cancellationToken = default)
    {
        var items = new List<T>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.RowKey == CurrentRow, cancellationToken: cancellationToken))
        {
            items.Add(Read(entity));
        }

        return items;
    }

    public async Task<T?> FindAsync(string code, CancellationToken cancellationToken = default) =>
        await ReadAsync(code, CurrentRow, cancellationToken);

    public async Task<T?> FindVersionAsync(string code, int version, CancellationToken cancellationToken = default) =>
        await ReadAsync(code, VersionKey(version), cancellationToken);

    /// <summary>Adds a new item as version 1; null when the code is taken.</summary>
    public Task<T?> AddAsync(T item, CancellationToken cancellationToken = default) => AddAsync(item, FromOffice, cancellationToken);

    /// <summary>Writes the next version of an existing item (a change, or its retirement); null when there is none.</summary>
    public Task<T?> ReviseAsync(string code, Func<T, T> change, CancellationToken cancellationToken = default) =>
        ReviseWhereAsync(code, (existing, _) => change(existing), FromOffice, cancellationToken);

    async Task<T?> AddAsync(T item, string source, CancellationToken cancellationToken)
    {
        var first = item.AsVersion(1, false);
        try
        {
            await table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, ToEntity(first, CurrentRow, source)),
                new TableTransactionAction(TableTransactionActionType.Add, ToEntity(first, VersionKey(1), source)),
            ], cancellationToken);
            return first;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    async Task<T?> ReviseWhereAsync(string code, Func<T, TableEntity, T?> change, string source, CancellationToken cancellationToken)
    {
        while (true)
        {
            var entity = await table.GetEntityIfExistsAsync<TableEntity>(code, CurrentRow, cancellationToken: cancellationToken);
            if (!entity.HasValue)
            {
                return null;
            }

            var existing = Read(entity.Value!);
            if (change(existing, entity.Value!) is not { } changed)
            {
                return null;
            }

            var next = changed.AsVersion(existing.Version + 1, changed.Retired);
            try
            {
                await table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(next, CurrentRow, source), entity.Value!.ETag),
                    new TableTransactionAction(TableTransactionActionType.Add, ToEntity(next, VersionKey(next.Version), source)),
                ], cancellationToken);
                return next;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Another change came first: apply this one on top of it.
            }
        }
    }

    async Task<T?> ReadAsync(string code, string rowKey, CancellationToken cancellationToken)
    {
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(code, rowKey, cancellationToken: cancellationToken);
        return entity.HasValue ? Read(entity.Value!) : null;
    }

    static string VersionKey(int version) => "v" + version.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    static string SeedHash(T item) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(item.AsVersion(1, false), Json))))[..16];

    static TableEntity ToEntity(T item, string rowKey, string source) => new(item.Code, rowKey)
    {
        ["Version"] = item.Version,
        ["Retired"] = item.Retired,
        [SourceColumn] = source,
        [SeedHashColumn] = source == FromSeed ? SeedHash(item) : null,
        ["Data"] = JsonSerializer.Serialize(item, Json),
    };

    static T Read(TableEntity entity) => JsonSerializer.Deserialize<T>(entity.GetString("Data"), Json)!;
}
