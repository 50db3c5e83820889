using Azure.Data.Tables;
using Credit.Identifiers;
using Credit.Storage;

namespace Credit.Departments;

public sealed record Department(string Code, string Name, DateTimeOffset RegisteredAt);

/// <summary>The departments that may upload, each identified by its own 统一社会信用代码.</summary>
public sealed class DepartmentRegistry(StorageClients storage, ApiKeys apiKeys, TimeProvider clock)
{
    const string Partition = "department";
    readonly TableClient table = storage.Table(StorageNames.DepartmentsTable);

    /// <summary>Registers (or renames) a department and issues it a new API key.</summary>
    public async Task<string> RegisterAsync(string code, string name, CancellationToken cancellationToken = default)
    {
        var check = UnifiedSocialCreditCode.Check(code);
        if (!check.IsValid)
        {
            throw new ArgumentException($"{code}: {check.MessageEn} / {check.MessageZh}", nameof(code));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await table.UpsertEntityAsync(
            new TableEntity(Partition, code) { ["Name"] = name.Trim(), ["RegisteredAt"] = clock.GetUtcNow() },
            TableUpdateMode.Replace,
            cancellationToken);
        return await apiKeys.IssueAsync(new Caller(CallerRole.Department, code), cancellationToken);
    }

    /// <summary>Changes a registered department's name; its keys stay.</summary>
    public async Task RenameAsync(string code, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await table.UpdateEntityAsync(new TableEntity(Partition, code) { ["Name"] = name.Trim() }, Azure.ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<Department?> FindAsync(string code, CancellationToken cancellationToken = default)
    {
        if (!UnifiedSocialCreditCode.IsValid(code))
        {
            return null;
        }

        var entity = await table.GetEntityIfExistsAsync<TableEntity>(Partition, code, cancellationToken: cancellationToken);
        return entity.HasValue
            ? new Department(code, entity.Value!.GetString("Name"), entity.Value.GetDateTimeOffset("RegisteredAt") ?? DateTimeOffset.MinValue)
            : null;
    }

    public async Task<IReadOnlyList<Department>> ListAsync(CancellationToken cancellationToken = default)
    {
        var departments = new List<Department>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            departments.Add(new Department(entity.RowKey, entity.GetString("Name"), entity.GetDateTimeOffset("RegisteredAt") ?? DateTimeOffset.MinValue));
        }

        return departments;
    }
}
