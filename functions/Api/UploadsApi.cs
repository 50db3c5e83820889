using System.Text.Json;
using Credit.Functions.OpenApi;
using Credit.Intake;
using Credit.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Credit.Functions.Api;

/// <summary>A department's uploads: put a file (it lands in uploads/{department}/ like any blob upload) and follow it.</summary>
public sealed class UploadsApi(RequestAuth auth, StorageClients storage, UploadIndex uploads, IntakeService intake)
{
    [Function(nameof(PutUpload))]
    [ApiOperation("Uploads a file of licensing or penalty decisions, or of list entries (CSV or JSON, ≤ 100 MB); ingestion follows", Credential.Department, RequestMediaType = "application/octet-stream", SuccessStatus = 202)]
    public async Task<IActionResult> PutUpload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/uploads/{departmentCode}/{name}")] HttpRequest request,
        string departmentCode,
        string name,
        CancellationToken cancellationToken)
    {
        if (await auth.DenyForDepartmentAsync(request, departmentCode, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (UploadName.Check(name) is { } invalid)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, invalid.Code, invalid.MessageEn, invalid.MessageZh);
        }

        var blob = storage.Container(StorageNames.UploadsContainer).GetBlobClient($"{departmentCode}/{name}");
        var stored = await blob.UploadAsync(request.Body, overwrite: true, cancellationToken);
        return new AcceptedResult($"/api/uploads/{departmentCode}/{Uri.EscapeDataString(name)}", new { file = blob.Name, etag = stored.Value.ETag.ToString() });
    }

    [Function(nameof(GetUpload))]
    [ApiOperation("The state of an upload: queued, running (chunks done, counts so far) or completed with its counts", Credential.Department | Credential.Supervisor)]
    public async Task<IActionResult> GetUpload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/uploads/{departmentCode}/{name}")] HttpRequest request,
        string departmentCode,
        string name,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        if (await auth.DenyForDepartmentAsync(request, departmentCode, cancellationToken) is { } denied)
        {
            return denied;
        }

        var upload = await uploads.FindAsync(departmentCode, name, cancellationToken);
        if (upload is null)
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, "UPLOAD_NOT_FOUND",
                $"no upload {departmentCode}/{name} has been received (yet)", $"尚未收到上传文件{departmentCode}/{name}");
        }

        var instance = await durable.GetInstanceAsync(upload.InstanceId, getInputsAndOutputs: true, cancellationToken);
        var summary = instance?.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? ReadJson<IntakeSummary>(instance.SerializedOutput) : null;
        var state = instance?.RuntimeStatus switch
        {
            null or OrchestrationRuntimeStatus.Pending => "queued",
            OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended => "running",
            OrchestrationRuntimeStatus.Completed => summary?.FileErrors.Count > 0 ? "rejected" : "completed",
            _ => "failed",
        };
        return new OkObjectResult(new
        {
            file = upload.BlobName,
            contentSha256 = upload.ContentHash,
            state,
            progress = ReadJson<IntakeProgress>(instance?.SerializedCustomStatus),
            summary,
            // What failed inside is for the operators (the engine's history and log hold it under this ingestion's id); the department is told what to quote.
            failure = state == "failed" ? new
            {
                code = "INGESTION_FAILED",
                message = $"the file could not be ingested; quote the ingestion id {upload.InstanceId} to the supervising office",
                messageZh = $"文件处理失败；请向联席会议办公室提供处理编号{upload.InstanceId}",
                ingestionId = upload.InstanceId,
            } : null,
            report = $"{StorageNames.ResultsContainer}/{upload.ReportBlobName}",
        });
    }

    [Function(nameof(GetUploadReport))]
    [ApiOperation("The result report of an upload: every rejected row with row, column, value, reason code and message", Credential.Department | Credential.Supervisor)]
    public async Task<IActionResult> GetUploadReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/uploads/{departmentCode}/{name}/report")] HttpRequest request,
        string departmentCode,
        string name,
        CancellationToken cancellationToken)
    {
        if (await auth.DenyForDepartmentAsync(request, departmentCode, cancellationToken) is { } denied)
        {
            return denied;
        }

        var upload = await uploads.FindAsync(departmentCode, name, cancellationToken);
        var report = upload is null ? null : await intake.OpenReportAsync(upload, cancellationToken);
        if (report is null)
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, "REPORT_NOT_READY",
                $"no report for {departmentCode}/{name} yet: the file was not received or is still being ingested", $"{departmentCode}/{name}的结果报告尚未生成：文件未收到或仍在处理中");
        }

        return new FileStreamResult(report, "application/json; charset=utf-8");
    }

    static T? ReadJson<T>(string? json) where T : class => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<T>(json, JsonSerializerOptions.Web);
}
