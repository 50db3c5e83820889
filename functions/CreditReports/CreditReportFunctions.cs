using Credit.CreditReports;
using Credit.Functions.Api;
using Credit.Functions.Hosting;
using Credit.Functions.OpenApi;
using Credit.Lists;
using Credit.Orchestrations;
using Credit.Orchestrations.CreditReports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Credit.Functions.CreditReports;

/// <summary>What a subject sends to order a report: full, or 专项 with the fields (领域) and departments it asks about.</summary>
public sealed record CreditReportRequest(string? Kind, IReadOnlyList<string>? Fields, IReadOnlyList<string>? Departments);

/// <summary>A report as its subject sees it: state, issue time, hashes and where its files are.</summary>
public sealed record CreditReportView(string Id, CreditReportKind Kind, CreditReportStatus Status, DateTimeOffset IssuedAt, string? PdfSha256, string? HtmlSha256, string Pdf, string Html, string Verification);

/// <summary>
/// 信用报告 (docs/credit-reports.md): a subject orders its own report, an orchestration issues it, the subject reads it
/// by id (anyone else: 403), and anyone holding the id verifies it.
/// </summary>
public sealed class CreditReportFunctions(CreditReportService reports, CreditReportStore store, ReportSigningKey signingKey, PublicRateLimit rateLimit, IOptions<CreditReportOptions> options)
{
    const int MaxAsked = 20;
    static readonly System.Buffers.SearchValues<char> Hex = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    [Function(nameof(IssueCreditReport))]
    public static Task<bool> IssueCreditReport([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new IssueCreditReport().RunAsync(context, context.GetInput<string>()!);

    [Function(nameof(RenderCreditReport))]
    public Task<bool> RenderCreditReport([ActivityTrigger] string reportId, FunctionContext context) =>
        new RenderCreditReport(reports).RunAsync(new FunctionActivityContext(context), reportId);

    [Function(nameof(OrderCreditReport))]
    [ApiOperation("Orders the caller's own credit report (信用报告), full or 专项 (202; with an Idempotency-Key the same request again answers the same report)", Credential.Subject,
        Request = typeof(CreditReportRequest), SuccessStatus = 202, AlsoSucceedsWith = [200], Response = typeof(CreditReportView),
        Errors = ["422 IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used for an order of other content"])]
    public async Task<IActionResult> OrderCreditReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/me/credit-reports")] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApiResults.ReadJsonAsync<CreditReportRequest>(request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        if (Validate(body!) is { } refusal)
        {
            return refusal;
        }

        var key = request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 0 && Credit.JointCases.CaseAmendments.WhyNotKey(key) is { } badKey)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "IDEMPOTENCY_KEY", badKey, $"Idempotency-Key应为1至{Credit.JointCases.CaseAmendments.MaxKeyLength}个可见ASCII字符（例如UUID）");
        }

        var kind = body!.Kind is "special" ? CreditReportKind.Special : CreditReportKind.Full;
        var caller = RequestAuth.CallerOf(request);
        var (fields, departments) = (Distinct(body.Fields), Distinct(body.Departments));
        var (report, created) = await reports.OrderAsync(caller.SubjectKey!, kind, fields, departments,
            key.Length > 0 ? key : null, options.Value.PublicBaseUrl ?? $"{request.Scheme}://{request.Host}", cancellationToken);
        if (!created && (report.Kind != kind || !report.Order.Fields.SequenceEqual(fields) || !report.Order.Departments.SequenceEqual(departments)))
        {
            return ApiResults.Error(StatusCodes.Status422UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED",
                $"the Idempotency-Key was used for another order ({report.Id}): send a new key for a new report", $"该Idempotency-Key已用于另一份报告（{report.Id}），新的报告请使用新的密钥");
        }

        // Started after the order is stored; an order sent again starts it again if it never started (the same instance id).
        if (await durable.GetInstanceAsync(report.Id, cancellationToken) is null)
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(nameof(IssueCreditReport), report.Id,
                new StartOrchestrationOptions(report.Id) { Version = OrchestrationVersions.Current }, cancellationToken);
        }

        var view = View(report);
        return created ? new AcceptedResult(view.Verification, view) : new OkObjectResult(view);
    }

    [Function(nameof(GetCreditReport))]
    [ApiOperation("The caller's own credit report: state (pending, ready), issue time, SHA-256 of both renderings, links; another's: 403", Credential.Subject, Response = typeof(CreditReportView))]
    public async Task<IActionResult> GetCreditReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me/credit-reports/{reportId}")] HttpRequest request,
        string reportId,
        CancellationToken cancellationToken)
    {
        var (report, refusal) = await OwnAsync(request, reportId, cancellationToken);
        return report is null ? refusal! : new OkObjectResult(View(report));
    }

    [Function(nameof(GetCreditReportFile))]
    [ApiOperation("The caller's own credit report as PDF (format=pdf) or HTML (format=html); another's: 403; not issued yet: 409", Credential.Subject, ResponseMediaType = "application/pdf",
        Errors = ["409 REPORT_PENDING: not issued yet, try again shortly"])]
    public async Task<IActionResult> GetCreditReportFile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me/credit-reports/{reportId}/{format}")] HttpRequest request,
        string reportId,
        string format,
        CancellationToken cancellationToken)
    {
        if (format is not ("pdf" or "html"))
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, "NOT_FOUND", "a report is served as /pdf or /html", "报告格式为pdf或html");
        }

        var (report, refusal) = await OwnAsync(request, reportId, cancellationToken);
        if (report is null)
        {
            return refusal!;
        }

        if (report.Status != CreditReportStatus.Ready || await store.FileAsync(report.Id, format == "pdf" ? CreditReportStore.PdfFile : CreditReportStore.HtmlFile, cancellationToken) is not { } content)
        {
            return ApiResults.Error(StatusCodes.Status409Conflict, "REPORT_PENDING", $"report {report.Id} is being issued: try again shortly", $"报告{report.Id}正在生成，请稍后再试");
        }

        return format == "pdf"
            ? new FileContentResult(content.ToArray(), "application/pdf") { FileDownloadName = $"credit-report-{report.Id}.pdf" }
            : new FileContentResult(content.ToArray(), "text/html; charset=utf-8");
    }

    [Function(nameof(VerifyCreditReport))]
    [ApiOperation("Verifies a credit report by its id: authentic or not, issue time, the SHA-256 of its PDF and HTML and the signature (ECDSA P-256, key at /api/public/reports/signing-key), never its content; with sha256= also whether a copy's hash matches; rate limited",
        Credential.None, Query = ["sha256: the SHA-256 (hex) of the copy you hold, PDF or HTML"], RateLimited = true, Response = typeof(CreditReportVerification))]
    public async Task<IActionResult> VerifyCreditReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/public/reports/{reportId}/verification")] HttpRequest request,
        string reportId,
        CancellationToken cancellationToken)
    {
        if (rateLimit.Deny(request) is { } limited)
        {
            return limited;
        }

        if (!CreditReportService.IsId(reportId))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_REPORT_ID", "a report id is CR followed by 24 lowercase hex digits", "报告编号应为CR加24位小写十六进制数字");
        }

        var sha256 = request.Query["sha256"].ToString();
        if (sha256.Length > 0 && (sha256.Length != 64 || sha256.AsSpan().ContainsAnyExcept(Hex)))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_SHA256", "sha256 must be 64 hex digits", "sha256应为64位十六进制数字");
        }

        return await reports.VerifyAsync(reportId, sha256.Length > 0 ? sha256 : null, cancellationToken) is { } verification
            ? new OkObjectResult(verification)
            : NotFound(reportId);
    }

    [Function(nameof(GetReportSigningKey))]
    [ApiOperation("The public key that signs credit reports (PEM, SubjectPublicKeyInfo) and its id, to check a signature offline", Credential.None, RateLimited = true, Response = typeof(SigningKeyView))]
    public async Task<IActionResult> GetReportSigningKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/public/reports/signing-key")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (rateLimit.Deny(request) is { } limited)
        {
            return limited;
        }

        var (pem, id) = await signingKey.PublicKeyAsync(cancellationToken);
        return new OkObjectResult(new SigningKeyView(id, "ECDSA P-256 SHA-256 (IEEE P1363 signature, base64)", pem));
    }

    async Task<(StoredCreditReport? Report, IActionResult? Refusal)> OwnAsync(HttpRequest request, string reportId, CancellationToken cancellationToken)
    {
        if (!CreditReportService.IsId(reportId) || await store.GetAsync(reportId, cancellationToken) is not { } report)
        {
            return (null, NotFound(reportId));
        }

        // The id is printed on the report and verifiable by anyone: that it exists is no secret, its content is.
        return report.SubjectKey == RequestAuth.CallerOf(request).SubjectKey
            ? (report, null)
            : (null, ApiResults.Error(StatusCodes.Status403Forbidden, "NOT_YOUR_REPORT", "a credit report is served to its own subject only", "信用报告仅向报告主体本人提供"));
    }

    static ObjectResult NotFound(string reportId) =>
        ApiResults.Error(StatusCodes.Status404NotFound, "REPORT_NOT_FOUND", $"no issued credit report {ApiResults.Echo(reportId)}", "未找到该信用报告");

    static ObjectResult? Validate(CreditReportRequest body)
    {
        if (body.Kind is not (null or "full" or "special"))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_REPORT_KIND", $"kind must be 'full' or 'special', got '{ApiResults.Echo(body.Kind)}'", "kind应为full（完整版）或special（专项）");
        }

        if (body.Fields?.FirstOrDefault(f => !ListVocabulary.Fields.Contains(f)) is { } field)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_FIELD", $"'{ApiResults.Echo(field)}' is no field; fields are: {string.Join(", ", ListVocabulary.Fields)}", $"“{ApiResults.Echo(field)}”不是领域，应为：{string.Join("、", ListVocabulary.Fields)}");
        }

        if (body.Departments?.FirstOrDefault(d => !Identifiers.UnifiedSocialCreditCode.IsValid(d)) is { } department)
        {
            var check = Identifiers.UnifiedSocialCreditCode.Check(department);
            return ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_DEPARTMENT", $"departments: '{ApiResults.Echo(department)}' is no 统一社会信用代码 ({check.MessageEn})", $"departments中“{ApiResults.Echo(department)}”不是有效的统一社会信用代码（{check.MessageZh}）");
        }

        if ((body.Fields?.Count ?? 0) > MaxAsked || (body.Departments?.Count ?? 0) > MaxAsked)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "TOO_MANY", $"at most {MaxAsked} fields and {MaxAsked} departments", $"领域和部门各不超过{MaxAsked}个");
        }

        return body.Kind == "special" && (body.Fields?.Count ?? 0) + (body.Departments?.Count ?? 0) == 0
            ? ApiResults.Error(StatusCodes.Status400BadRequest, "NOTHING_ASKED", "a special report names the fields and/or departments it is about", "专项信用报告应列明领域(fields)和/或部门(departments)")
            : null;
    }

    static List<string> Distinct(IReadOnlyList<string>? values) => [.. (values ?? []).Distinct(StringComparer.Ordinal)];

    static CreditReportView View(StoredCreditReport report) => new(
        report.Id, report.Kind, report.Status, report.IssuedAt, report.PdfSha256, report.HtmlSha256,
        $"/api/me/credit-reports/{report.Id}/pdf", $"/api/me/credit-reports/{report.Id}/html", $"/api/public/reports/{report.Id}/verification");
}

public sealed record SigningKeyView(string KeyId, string Algorithm, string PublicKeyPem);

/// <summary>Settings of credit reports (section CreditReports).</summary>
public sealed class CreditReportOptions
{
    public const string Section = "CreditReports";

    /// <summary>The public address the QR code and the verification link name (behind API Management in Azure); default: the address the order came to.</summary>
    public string? PublicBaseUrl { get; set; }
}
