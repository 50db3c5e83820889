using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Credit.Storage;

namespace Credit.Departments;

/// <summary>
/// API keys, stored only as their SHA-256 hash: a stolen table does not yield a usable key. A key is shown once,
/// when it is issued.
/// </summary>
public sealed class ApiKeys(StorageClients storage, TimeProvider clock)
{
    const string Partition = "key";
    readonly TableClient table = storage.Table(StorageNames.ApiKeysTable);

    public async Task<string> IssueAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        var key = "ck_" + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await table.AddEntityAsync(
            new TableEntity(Partition, Hash(key))
            {
                ["Role"] = caller.Role.ToString(),
                ["DepartmentCode"] = caller.DepartmentCode,
                ["SubjectKey"] = caller.SubjectKey,
                ["IssuedAt"] = clock.GetUtcNow(),
            },
            cancellationToken);
        return key;
    }

    /// <summary>Revokes every key of a department, a subject or (with neither) the supervising office; returns how many.</summary>
    public async Task<int> RevokeAsync(Caller owner, CancellationToken cancellationToken = default)
    {
        var revoked = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            if (entity.GetString("Role") == owner.Role.ToString() && entity.GetString("DepartmentCode") == owner.DepartmentCode && entity.GetString("SubjectKey") == owner.SubjectKey)
            {
                await table.DeleteEntityAsync(entity, ETag.All, cancellationToken);
                revoked++;
            }
        }

        return revoked;
    }

    public async Task<Caller?> AuthenticateAsync(string? key, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 100)
        {
            return null;
        }

        var entity = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Hash(key.Trim()), cancellationToken: cancellationToken);
        return entity.HasValue && Enum.TryParse<CallerRole>(entity.Value!.GetString("Role"), out var role)
            ? new Caller(role, entity.Value.GetString("DepartmentCode"), entity.Value.GetString("SubjectKey"))
            : null;
    }

    static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
