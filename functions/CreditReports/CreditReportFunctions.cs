using Credit.CreditReports;
using Credit.Functions.Api;
using Credit.Functions.Hosting;
using Credit.Functions.OpenApi;
using Credit.Functions.Signals;
using Credit.Lists;
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
/// 信用报告 (docs/credit-reports.md): a subject orders its own report, or a grantee one under the subject's consent
/// (X-Consent-Token); an orchestration issues it; the subject, and the grantee for the reports it ordered, read it by id
/// (anyone else: 403); anyone holding the id verifies it.
/// </summary>
public sealed class CreditReportFunctions(
    CreditReportService reports, CreditReportStore store, ReportSigningKey signingKey, Credit.Consents.ConsentService consents, PublicRateLimit rateLimit, IOptions<CreditReportOptions> options)
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
    public Task<IActionResult> OrderCreditReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/me/credit-reports")] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) =>
        OrderAsync(request, RequestAuth.CallerOf(request).SubjectKey!, null, durable, OwnRoute, cancellationToken);

    [Function(nameof(OrderConsentedCreditReport))]
    [ApiOperation("A grantee orders the credit report of the subject whose consent (scope report) it holds, by the token in X-Consent-Token (202; the use is recorded and shown to the subject); an invalid token 401, an expired, revoked or other-scope consent 403 with the reason",
        Credential.None, Request = typeof(CreditReportRequest), SuccessStatus = 202, AlsoSucceedsWith = [200], Response = typeof(CreditReportView),
        Errors = ["422 IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used for an order of other content"])]
    public async Task<IActionResult> OrderConsentedCreditReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/consented/credit-reports")] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var (consent, refusal) = await consents.AuthorizeAsync(request.Headers[Credit.Consents.ConsentService.TokenHeader], Credit.Consents.ConsentScope.Report, cancellationToken);
        if (consent is null)
        {
            return ApiResults.Error(refusal!.Status, refusal.Code, refusal.MessageEn, refusal.MessageZh);
        }

        var answer = await OrderAsync(request, consent.SubjectKey, consent.Id, durable, ConsentedRoute, cancellationToken);
        if (answer is ObjectResult { Value: CreditReportView view })
        {
            await consents.RecordUseAsync(consent, "report ordered", view.Id, cancellationToken);
        }

        return answer;
    }

    async Task<IActionResult> OrderAsync(HttpRequest request, string subjectKey, string? consentId, DurableTaskClient durable, string route, CancellationToken cancellationToken)
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
        var (fields, departments) = (Distinct(body.Fields), Distinct(body.Departments));
        var (report, created) = await reports.OrderAsync(subjectKey, kind, fields, departments,
            key.Length > 0 ? key : null, string.IsNullOrWhiteSpace(options.Value.PublicApiUrl) ? $"{request.Scheme}://{request.Host}/api/public" : options.Value.PublicApiUrl, cancellationToken, consentId);
        if (!created && (report.Kind != kind || !report.Order.Fields.SequenceEqual(fields) || !report.Order.Departments.SequenceEqual(departments)))
        {
            return ApiResults.Error(StatusCodes.Status422UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED",
                $"the Idempotency-Key was used for another order ({report.Id}): send a new key for a new report", $"该Idempotency-Key已用于另一份报告（{report.Id}），新的报告请使用新的密钥");
        }

        await EnsureIssuingAsync(report, durable, cancellationToken);
        var view = View(report, route);
        return created ? new AcceptedResult($"/{route}/{report.Id}", view) : new OkObjectResult(view);
    }

    /// <summary>
    /// Starts the issue of a stored order that has no orchestration (the same instance id: started once). Called after
    /// the order is stored and whenever a pending report is read, so that a process that died between the two writes
    /// loses no report: the next read, or the order sent again, starts it.
    /// </summary>
    static async Task EnsureIssuingAsync(StoredCreditReport report, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (report.Status == CreditReportStatus.Pending)
        {
            await durable.StartOnceAsync(nameof(IssueCreditReport), report.Id, report.Id, cancellationToken);
        }
    }

    [Function(nameof(GetCreditReport))]
    [ApiOperation("The caller's own credit report: state (pending, ready), issue time, SHA-256 of both renderings, links; another's: 403", Credential.Subject, Response = typeof(CreditReportView))]
    public async Task<IActionResult> GetCreditReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me/credit-reports/{reportId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        string reportId,
        CancellationToken cancellationToken)
    {
        var (report, refusal) = await OwnAsync(request, reportId, cancellationToken);
        if (report is null)
        {
            return refusal!;
        }

        await EnsureIssuingAsync(report, durable, cancellationToken);
        return new OkObjectResult(View(report, OwnRoute));
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
        var (report, refusal) = await OwnAsync(request, reportId, cancellationToken);
        return report is null ? refusal! : await FileAsync(report, format, cancellationToken);
    }

    [Function(nameof(GetConsentedCreditReport))]
    [ApiOperation("A credit report the grantee ordered under the consent whose token it sends (X-Consent-Token): state, issue time, hashes, links; another report: 403", Credential.None, Response = typeof(CreditReportView))]
    public async Task<IActionResult> GetConsentedCreditReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/consented/credit-reports/{reportId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        string reportId,
        CancellationToken cancellationToken)
    {
        var (report, _, refusal) = await ConsentedAsync(request, reportId, cancellationToken);
        if (report is null)
        {
            return refusal!;
        }

        await EnsureIssuingAsync(report, durable, cancellationToken);
        return new OkObjectResult(View(report, ConsentedRoute));
    }

    [Function(nameof(GetConsentedCreditReportFile))]
    [ApiOperation("A credit report the grantee ordered under the consent whose token it sends, as PDF or HTML (the read is recorded and shown to the subject)", Credential.None, ResponseMediaType = "application/pdf",
        Errors = ["409 REPORT_PENDING: not issued yet, try again shortly"])]
    public async Task<IActionResult> GetConsentedCreditReportFile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/consented/credit-reports/{reportId}/{format}")] HttpRequest request,
        string reportId,
        string format,
        CancellationToken cancellationToken)
    {
        var (report, consent, refusal) = await ConsentedAsync(request, reportId, cancellationToken);
        if (report is null)
        {
            return refusal!;
        }

        var file = await FileAsync(report, format, cancellationToken);
        if (file is FileContentResult)
        {
            await consents.RecordUseAsync(consent!, $"report read ({format})", report.Id, cancellationToken);
        }

        return file;
    }

    async Task<IActionResult> FileAsync(StoredCreditReport report, string format, CancellationToken cancellationToken)
    {
        if (format is not ("pdf" or "html"))
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, "NOT_FOUND", "a report is served as /pdf or /html", "报告格式为pdf或html");
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
        return report.SubjectKey == RequestAuth.CallerOf(request).SubjectKey ? (report, null) : (null, NotYours());
    }

    /// <summary>The report, if the consent whose token the request sends is valid for reports and ordered it.</summary>
    async Task<(StoredCreditReport? Report, Credit.Consents.Consent? Consent, IActionResult? Refusal)> ConsentedAsync(HttpRequest request, string reportId, CancellationToken cancellationToken)
    {
        var (consent, refusal) = await consents.AuthorizeAsync(request.Headers[Credit.Consents.ConsentService.TokenHeader], Credit.Consents.ConsentScope.Report, cancellationToken);
        if (consent is null)
        {
            return (null, null, ApiResults.Error(refusal!.Status, refusal.Code, refusal.MessageEn, refusal.MessageZh));
        }

        if (!CreditReportService.IsId(reportId) || await store.GetAsync(reportId, cancellationToken) is not { } report)
        {
            return (null, null, NotFound(reportId));
        }

        return report.SubjectKey == consent.SubjectKey && report.Order.ConsentId == consent.Id ? (report, consent, null) : (null, null, NotYours());
    }

    static ObjectResult NotYours() =>
        ApiResults.Error(StatusCodes.Status403Forbidden, "NOT_YOUR_REPORT", "a credit report is served to its own subject, and to a grantee the reports it ordered under the subject's consent",
            "信用报告仅向报告主体本人，以及经其授权的查询方（限其按授权申请的报告）提供");

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

    const string OwnRoute = "api/me/credit-reports";
    const string ConsentedRoute = "api/consented/credit-reports";

    static CreditReportView View(StoredCreditReport report, string route) => new(
        report.Id, report.Kind, report.Status, report.IssuedAt, report.PdfSha256, report.HtmlSha256,
        $"/{route}/{report.Id}/pdf", $"/{route}/{report.Id}/html", $"/api/public/reports/{report.Id}/verification");
}

public sealed record SigningKeyView(string KeyId, string Algorithm, string PublicKeyPem);

/// <summary>Settings of credit reports (section CreditReports).</summary>
public sealed class CreditReportOptions
{
    public const string Section = "CreditReports";

    /// <summary>
    /// The public API as the public reaches it, which a report's QR code and verification link name (in Azure the API
    /// Management gateway's /public); empty: this app's /api/public at the address the order came to.
    /// </summary>
    public string? PublicApiUrl { get; set; }
}
