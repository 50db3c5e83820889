using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Credit.Storage;

namespace Credit.Remedies;

/// <summary>
/// Objections and repair applications (table Remedies, one partition each; the subject key a column for "my
/// remedies"). A remedy's data (reasons, statements, proof: free text that may name a person) is stored sealed.
/// </summary>
public sealed class RemedyStore(StorageClients storage, PersonalData.DataKeys dataKeys)
{
    const string Row = "remedy";
    const string DataColumn = "Data";
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    readonly TableClient table = storage.Table(StorageNames.RemediesTable);

    /// <summary>Stores a new remedy; an identical one filed again returns the stored one (Created false).</summary>
    public async Task<(Remedy Remedy, bool Created)> CreateAsync(Remedy remedy, CancellationToken cancellationToken = default)
    {
        try
        {
            await table.AddEntityAsync(ToEntity(remedy, await dataKeys.CipherAsync(cancellationToken)), cancellationToken);
            return (remedy, true);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return ((await GetAsync(remedy.Id, cancellationToken))!, false);
        }
    }

    public async Task<Remedy?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(id, Row, cancellationToken: cancellationToken);
        return entity.HasValue ? Read(entity.Value!, await dataKeys.CipherAsync(cancellationToken)) : null;
    }

    /// <summary>Changes a remedy unless <paramref name="change"/> returns null; false when another change came first.</summary>
    public async Task<Remedy?> UpdateAsync(string id, Func<Remedy, Remedy?> change, CancellationToken cancellationToken = default)
    {
        var cipher = await dataKeys.CipherAsync(cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(id, Row, cancellationToken: cancellationToken);
        if (!entity.HasValue || change(Read(entity.Value!, cipher)) is not { } changed)
        {
            return null;
        }

        try
        {
            await table.UpdateEntityAsync(ToEntity(changed, cipher), entity.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
            return changed;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return null;
        }
    }

    /// <summary>The remedies decided at or after <paramref name="since"/>.</summary>
    public async Task<IReadOnlyList<Remedy>> DecidedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var found = new List<Remedy>();
        var cipher = await dataKeys.CipherAsync(cancellationToken);
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"DecidedAt ge {since}"), cancellationToken: cancellationToken))
        {
            found.Add(Read(entity, cipher));
        }

        return found;
    }

    /// <summary>Every remedy decided or marked overdue in a period: a table-wide query, for a statistics rebuild.</summary>
    public async IAsyncEnumerable<Remedy> SettledAsync(DateTimeOffset from, DateTimeOffset to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"(DecidedAt ge {from} and DecidedAt lt {to}) or (OverdueAt ge {from} and OverdueAt lt {to})");
        var cipher = await dataKeys.CipherAsync(cancellationToken);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return Read(entity, cipher);
        }
    }

    public async Task<IReadOnlyList<Remedy>> OfSubjectAsync(string subjectKey, CancellationToken cancellationToken = default)
    {
        var found = new List<Remedy>();
        var cipher = await dataKeys.CipherAsync(cancellationToken);
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.GetString("SubjectKey") == subjectKey, cancellationToken: cancellationToken))
        {
            found.Add(Read(entity, cipher));
        }

        return [.. found.OrderBy(r => r.FiledAt)];
    }

    static TableEntity ToEntity(Remedy remedy, PersonalData.FieldCipher cipher) => new(remedy.Id, Row)
    {
        ["Kind"] = remedy.Kind.ToString(),
        ["SubjectKey"] = remedy.SubjectKey,
        ["DecidingDepartment"] = remedy.DecidingDepartment,
        ["State"] = remedy.State.ToString(),
        ["Overdue"] = remedy.Overdue,
        ["DecidedAt"] = remedy.DecidedAt,
        ["OverdueAt"] = remedy.OverdueAt,
        [DataColumn] = cipher.Protect(DataColumn, JsonSerializer.Serialize(remedy, Json)),
    };

    static Remedy Read(TableEntity entity, PersonalData.FieldCipher cipher) => JsonSerializer.Deserialize<Remedy>(cipher.Reveal(DataColumn, entity.GetString(DataColumn)), Json)!;
}
