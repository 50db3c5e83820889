using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Credit.Storage;

/// <summary>
/// A table of one kind of document, one row each: the document as JSON in column Json, beside the columns its queries
/// filter on. Changes are written under the row's ETag, so two writers never lose each other's change: the second is
/// told (false) and reads again.
/// </summary>
public sealed class JsonRowTable<T>(TableClient table, Func<T, (string Partition, string Row)> keyOf, Func<T, IEnumerable<KeyValuePair<string, object?>>> columnsOf)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task AddAsync(T document, CancellationToken cancellationToken) => table.AddEntityAsync(Entity(document), cancellationToken);

    public async Task<(T Document, ETag ETag)?> GetAsync(string partition, string row, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        return found.HasValue ? (From(found.Value!), found.Value!.ETag) : null;
    }

    /// <summary>Writes the document as changed, if no one changed it since <paramref name="etag"/>; false when someone did.</summary>
    public async Task<bool> ReplaceAsync(T document, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await table.UpdateEntityAsync(Entity(document), etag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>The documents whose rows match <paramref name="filter"/> (every one, when null).</summary>
    public async Task<IReadOnlyList<T>> QueryAsync(string? filter, CancellationToken cancellationToken)
    {
        var found = new List<T>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["Json"], cancellationToken: cancellationToken))
        {
            found.Add(From(row));
        }

        return found;
    }

    /// <summary>The document of the first row matching <paramref name="filter"/> in key order (one page of one row), or default.</summary>
    public async Task<T?> FirstAsync(string filter, CancellationToken cancellationToken)
    {
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["Json"], cancellationToken: cancellationToken).AsPages())
        {
            return page.Values.Count > 0 ? From(page.Values[0]) : default;
        }

        return default;
    }

    TableEntity Entity(T document)
    {
        var (partition, row) = keyOf(document);
        var entity = new TableEntity(partition, row) { ["Json"] = JsonSerializer.Serialize(document, Json) };
        foreach (var (name, value) in columnsOf(document))
        {
            entity[name] = value;
        }

        return entity;
    }

    static T From(TableEntity row) => JsonSerializer.Deserialize<T>(row.GetString("Json"), Json)!;
}
