using System.Text.Json;
using Azure.Storage.Blobs.Specialized;
using Credit.Functions.Intake;
using Credit.Functions.OpenApi;
using Credit.Intake;
using Credit.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Credit.Functions.Api;

/// <summary>A department's uploads: put a file (it lands in uploads/{department}/ like any blob upload) and follow it.</summary>
public sealed class UploadsApi(StorageClients storage, UploadIndex uploads, IntakeService intake, IngestionStarter starter)
{
    [Function(nameof(PutUpload))]
    [ApiOperation("Uploads a file of licensing or penalty decisions, or of list entries (CSV or JSON, ≤ 100 MB); ingestion follows", Credential.Department, RequestMediaType = "application/octet-stream", SuccessStatus = 202,
        Resource = ResourceKind.Department, Parties = Party.Owner, Response = typeof(UploadReceived))]
    public async Task<IActionResult> PutUpload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/uploads/{departmentCode}/{name}")] HttpRequest request,
        string departmentCode,
        string name,
        CancellationToken cancellationToken)
    {
        if (InvalidName(name) is { } invalid)
        {
            return invalid;
        }

        var blob = storage.Container(StorageNames.UploadsContainer).GetBlockBlobClient($"{departmentCode}/{name}");
        var stored = await UploadFingerprint.WriteAsync(blob, request.Body, cancellationToken);
        return new AcceptedResult($"/api/uploads/{departmentCode}/{Uri.EscapeDataString(name)}", new UploadReceived(blob.Name, stored.ETag.ToString()));
    }

    [Function(nameof(RetryUpload))]
    [ApiOperation("Ingests the stored file again if its ingestion failed or was terminated; a completed or running one is left as it is", Credential.Department | Credential.Supervisor, SuccessStatus = 202, AlsoSucceedsWith = [200], Response = typeof(UploadRetry),
        Resource = ResourceKind.Department, Parties = Party.Owner | Party.Office)]
    public async Task<IActionResult> RetryUpload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/uploads/{departmentCode}/{name}/retry")] HttpRequest request,
        string departmentCode,
        string name,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        if (InvalidName(name) is { } invalid)
        {
            return invalid;
        }

        var blob = storage.Container(StorageNames.UploadsContainer).GetBlobClient($"{departmentCode}/{name}");
        var (start, upload) = await starter.StartAsync(blob, departmentCode, name, durable, cancellationToken);
        var location = $"/api/uploads/{departmentCode}/{Uri.EscapeDataString(name)}";
        return start switch
        {
            IngestionStart.Missing => ApiResults.Error(StatusCodes.Status404NotFound, "UPLOAD_NOT_FOUND",
                $"no file {departmentCode}/{name} is stored: upload it again", $"未存储文件{departmentCode}/{name}，请重新上传"),
            IngestionStart.Completed => new OkObjectResult(new UploadRetry(blob.Name, "completed", upload!.InstanceId,
                "this content was already ingested to its end; its report stands", "该内容已处理完毕，结果报告不变")),
            IngestionStart.Started => new AcceptedResult(location, new UploadRetry(blob.Name, "queued", upload!.InstanceId, "the file is being ingested again", "文件已重新开始处理")),
            _ => new AcceptedResult(location, new UploadRetry(blob.Name, "running", upload!.InstanceId, "the file is already being ingested", "文件正在处理中")),
        };
    }

    [Function(nameof(GetUpload))]
    [ApiOperation("The state of an upload: queued, running (chunks done, counts so far) or completed with its counts", Credential.Department | Credential.Supervisor,
        Resource = ResourceKind.Department, Parties = Party.Owner | Party.Office, Response = typeof(UploadStatus))]
    public async Task<IActionResult> GetUpload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/uploads/{departmentCode}/{name}")] HttpRequest request,
        string departmentCode,
        string name,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
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
        // What failed inside is for the operators (the engine's history and log hold it under this ingestion's id); the department is told what to quote.
        var failure = state == "failed" ? new IngestionFailure("INGESTION_FAILED", $"the file could not be ingested; quote the ingestion id {upload.InstanceId} to the supervising office",
            $"文件处理失败；请向联席会议办公室提供处理编号{upload.InstanceId}", upload.InstanceId) : null;
        return new OkObjectResult(new UploadStatus(upload.BlobName, upload.ContentHash, state, ReadJson<IntakeProgress>(instance?.SerializedCustomStatus), summary, failure,
            $"{StorageNames.ResultsContainer}/{upload.ReportBlobName}"));
    }

    [Function(nameof(GetUploadReport))]
    [ApiOperation("The result report of an upload: every rejected row with row, column, value, reason code and message", Credential.Department | Credential.Supervisor,
        Resource = ResourceKind.Department, Parties = Party.Owner | Party.Office, Response = typeof(UploadReport))]
    public async Task<IActionResult> GetUploadReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/uploads/{departmentCode}/{name}/report")] HttpRequest request,
        string departmentCode,
        string name,
        CancellationToken cancellationToken)
    {
        var upload = await uploads.FindAsync(departmentCode, name, cancellationToken);
        var report = upload is null ? null : await intake.OpenReportAsync(upload, cancellationToken);
        if (report is null)
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, "REPORT_NOT_READY",
                $"no report for {departmentCode}/{name} yet: the file was not received or is still being ingested", $"{departmentCode}/{name}的结果报告尚未生成：文件未收到或仍在处理中");
        }

        return new FileStreamResult(report, "application/json; charset=utf-8");
    }

    /// <summary>A name intake does not take: the answer saying why.</summary>
    static ObjectResult? InvalidName(string name) =>
        UploadName.Check(name) is { } invalid ? ApiResults.Error(StatusCodes.Status400BadRequest, invalid.Code, invalid.MessageEn, invalid.MessageZh) : null;

    static T? ReadJson<T>(string? json) where T : class => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<T>(json, JsonSerializerOptions.Web);
}

/// <summary>An upload as its department and the office follow it: queued, running, completed, rejected (the file as a whole) or failed.</summary>
public sealed record UploadStatus(string File, string ContentSha256, string State, IntakeProgress? Progress, IntakeSummary? Summary, IngestionFailure? Failure, string Report);

/// <summary>An ingestion that failed: what the department quotes to the office.</summary>
public sealed record IngestionFailure(string Code, string Message, string MessageZh, string IngestionId);

/// <summary>A retry: queued again, already running, or completed before (its report stands).</summary>
public sealed record UploadRetry(string File, string State, string IngestionId, string Message, string MessageZh);

/// <summary>
/// The result report of an upload as intake streams it (credit/Intake/IntakeReport.cs): the file, its counts, what is
/// wrong with the file as a whole, warnings, every rejected row with its row, column, value, code and messages, and the
/// rows taken with a change (a publicity period cut to the maximum) the same way.
/// </summary>
public sealed record UploadReport(
    string File,
    string Department,
    string ContentSha256,
    string? Kind,
    string Format,
    string? Encoding,
    string State,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt,
    IntakeCounts Counts,
    IReadOnlyList<Records.RowError> FileErrors,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<Records.RowError> RejectedRows,
    IReadOnlyList<Records.RowError>? RowWarnings);
