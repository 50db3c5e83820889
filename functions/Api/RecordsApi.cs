using Azure.Data.Tables;
using Credit.Records;
using Credit.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Api;

/// <summary>One stored record, for its own department and the supervising office (unmasked: this is not the public view).</summary>
public sealed class RecordsApi(RequestAuth auth, RecordStore records)
{
    static readonly HashSet<string> SystemProperties = ["PartitionKey", "RowKey", "Timestamp", "odata.etag"];

    [Function(nameof(GetRecord))]
    public async Task<IActionResult> GetRecord(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "records/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (!RecordKey.TryParseId(id, out var key))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_RECORD_ID",
                $"'{id}' is not a record id (the department's 18-character code, '-', and 32 lowercase hex digits)",
                $"“{id}”不是有效的记录编号（单位18位代码-32位小写十六进制）");
        }

        var (_, denied) = await auth.AuthorizeAsync(request, key.DepartmentCode, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var entity = await records.GetAsync(key, cancellationToken);
        return entity is null
            ? ApiResults.Error(StatusCodes.Status404NotFound, "RECORD_NOT_FOUND", $"no record {id}", $"记录{id}不存在")
            : new OkObjectResult(ToJson(entity));
    }

    static Dictionary<string, object?> ToJson(TableEntity entity) =>
        entity.Keys.Where(k => !SystemProperties.Contains(k)).ToDictionary(k => k, k => (object?)entity[k]);
}
