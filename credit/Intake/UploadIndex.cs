using Azure.Data.Tables;
using Credit.Storage;

namespace Credit.Intake;

/// <summary>The latest version of each uploaded file and the orchestration that ingests it, by department and file name.</summary>
public sealed class UploadIndex(StorageClients storage, TimeProvider clock)
{
    readonly TableClient table = storage.Table(StorageNames.UploadsTable);

    public async Task RecordAsync(UploadRef upload, CancellationToken cancellationToken)
    {
        await table.UpsertEntityAsync(
            new TableEntity(TableKeys.Escape(upload.DepartmentCode), TableKeys.Escape(upload.FileName))
            {
                ["FileName"] = upload.FileName,
                ["ETag"] = upload.ETag,
                ["ContentHash"] = upload.ContentHash,
                ["Size"] = upload.Size,
                ["InstanceId"] = upload.InstanceId,
                ["ReceivedAt"] = clock.GetUtcNow(),
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    public async Task<UploadRef?> FindAsync(string departmentCode, string fileName, CancellationToken cancellationToken)
    {
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(departmentCode), TableKeys.Escape(fileName), cancellationToken: cancellationToken);
        if (!entity.HasValue)
        {
            return null;
        }

        var e = entity.Value!;
        return new UploadRef(departmentCode, e.GetString("FileName"), e.GetString("ETag"), e.GetString("ContentHash"), e.GetInt64("Size") ?? 0, e.GetString("InstanceId"));
    }
}
