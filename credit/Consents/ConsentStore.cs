using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Credit.Storage;

namespace Credit.Consents;

/// <summary>
/// Table Consents: in the subject's partition each consent ("c|{id}") and each of its uses ("u|{id}|{newest first}"),
/// so that the subject reads all of them in one query; in partition "token" each consent's token, stored only as its
/// SHA-256 hash (a stolen table yields no usable token), naming the subject and the consent.
/// </summary>
public sealed class ConsentStore(StorageClients storage)
{
    const string TokenPartition = "token";
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    readonly TableClient table = storage.Table(StorageNames.ConsentsTable);

    /// <summary>Stores the consent and its token's hash; the token itself is never stored.</summary>
    public async Task AddAsync(Consent consent, string token, CancellationToken cancellationToken)
    {
        await table.AddEntityAsync(new TableEntity(TokenPartition, Hash(token)) { ["SubjectKey"] = consent.SubjectKey, ["ConsentId"] = consent.Id }, cancellationToken);
        await table.AddEntityAsync(new TableEntity(consent.SubjectKey, ConsentRow(consent.Id)) { ["Json"] = JsonSerializer.Serialize(consent, Json) }, cancellationToken);
    }

    /// <summary>The consent a token stands for; null for a token never issued.</summary>
    public async Task<Consent?> ByTokenAsync(string token, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(TokenPartition, Hash(token), cancellationToken: cancellationToken);
        return row.HasValue ? await GetAsync(row.Value!.GetString("SubjectKey"), row.Value.GetString("ConsentId"), cancellationToken) : null;
    }

    public async Task<Consent?> GetAsync(string subjectKey, string id, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(subjectKey, ConsentRow(id), cancellationToken: cancellationToken);
        return row.HasValue ? JsonSerializer.Deserialize<Consent>(row.Value!.GetString("Json"), Json) : null;
    }

    /// <summary>Marks the consent revoked at <paramref name="at"/>; a revoked one keeps its first revocation.</summary>
    public async Task<Consent> RevokeAsync(Consent consent, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var revoked = consent.RevokedAt is null ? consent with { RevokedAt = at } : consent;
        await table.UpdateEntityAsync(new TableEntity(consent.SubjectKey, ConsentRow(consent.Id)) { ["Json"] = JsonSerializer.Serialize(revoked, Json) }, ETag.All, TableUpdateMode.Replace, cancellationToken);
        return revoked;
    }

    public async Task AddUseAsync(Consent consent, ConsentUse use, CancellationToken cancellationToken)
    {
        var newestFirst = (DateTimeOffset.MaxValue.UtcTicks - use.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
        await table.AddEntityAsync(new TableEntity(consent.SubjectKey, $"u|{consent.Id}|{newestFirst}|{Guid.NewGuid():N}")
        {
            ["ConsentId"] = consent.Id, ["At"] = use.At, ["Action"] = use.Action, ["Item"] = use.Item,
        }, cancellationToken);
    }

    /// <summary>Every consent of the subject with its uses, newest first: one partition query.</summary>
    public async Task<IReadOnlyList<(Consent Consent, IReadOnlyList<ConsentUse> Uses)>> OfSubjectAsync(string subjectKey, CancellationToken cancellationToken)
    {
        var consents = new List<Consent>();
        var uses = new Dictionary<string, List<ConsentUse>>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == subjectKey, cancellationToken: cancellationToken))
        {
            if (row.RowKey.StartsWith("c|", StringComparison.Ordinal))
            {
                consents.Add(JsonSerializer.Deserialize<Consent>(row.GetString("Json"), Json)!);
            }
            else
            {
                var id = row.GetString("ConsentId");
                (uses.TryGetValue(id, out var list) ? list : uses[id] = []).Add(new ConsentUse(row.GetDateTimeOffset("At")!.Value, row.GetString("Action"), row.GetString("Item")));
            }
        }

        return [.. consents.OrderByDescending(c => c.GrantedAt).Select(c => (c, (IReadOnlyList<ConsentUse>)(uses.GetValueOrDefault(c.Id) ?? [])))];
    }

    static string ConsentRow(string id) => $"c|{id}";

    static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
