using Credit.Calendar;
using Credit.DishonestyReports;
using Credit.Functions.OpenApi;
using Credit.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Api;

public sealed record ReportFiledView(string Id, string Token, DateTimeOffset FiledAt, string TriageDue, string FollowWith);

/// <summary>What the reporter reads: where its report is and, once decided, the finding and the reply, never the handler's internal note.</summary>
public sealed record ReportProgressView(string Id, ReportState State, DateTimeOffset FiledAt, string? Department, ReportFinding? Finding, string? Reply, DateTimeOffset? DecidedAt, IReadOnlyList<string> Evidence);

/// <summary>A report as the office and the department it was sent to read it: the reporter's identity is not in it (GET …/reporter, audited).</summary>
public sealed record ReportView(
    string Id, ReportState State, string SubjectName, string? SubjectCode, string Conduct, bool Anonymous, DateTimeOffset FiledAt, string TriageDue, string? Department,
    string? DecisionDue, bool Overdue, ReportFinding? Finding, string? Reply, string? InternalNote, DateTimeOffset? DecidedAt, IReadOnlyList<string> Evidence,
    IReadOnlyList<ReportFollowUp> FollowUps)
{
    public static ReportView Of(DishonestyReport r, DateOnly today) => new(
        r.Id, r.State, r.SubjectName, r.SubjectLabel, r.Conduct, r.Anonymous, r.FiledAt, DateText.ToIso(r.TriageDue), r.Department,
        r.DecisionDue is { } due ? DateText.ToIso(due) : null, r.OverdueOn(today), r.Finding, r.Reply, r.InternalNote, r.DecidedAt, r.Evidence, r.FollowUps ?? []);
}

public sealed record ReportList(int Count, IReadOnlyList<ReportView> Reports);

public sealed record AssignmentRequest(string? Department);

public sealed record ReportDecisionRequest(string? Finding, string? Reply, string? Note);

/// <summary>The item a substantiated report started: kind "record" or "listEntry", and its id.</summary>
public sealed record FollowUpRequest(string? Kind, string? Id);

public sealed record ReporterView(string ReportId, bool Anonymous, string? Name, string? Contact);

/// <summary>The audit of a report or a complaint: its steps and the reads it records, oldest first.</summary>
public sealed record AuditTrailView(string Id, IReadOnlyList<Credit.Remedies.AuditEntry> Entries);

/// <summary>
/// 失信举报 (京政发〔2017〕15号 二(三)3): anyone reports dishonest conduct (rate limited, no key), anonymous or named; the
/// reporter follows it with the token given at filing (header X-Report-Token). The supervising office sends it to the
/// responsible department, which decides; only that department's staff read the reporter's identity, each read audited.
/// </summary>
public sealed class DishonestyReportsApi(
    DishonestyReportValidator validator, DishonestyReportDesk desk, DishonestyReportStore store, Credit.Departments.DepartmentRegistry departments, PublicRateLimit rateLimit,
    Credit.Lists.ListStore lists, Storage.RecordStore records, Storage.StorageClients storage, TimeProvider clock)
{
    public const string TokenHeader = "X-Report-Token";

    [Function(nameof(FileDishonestyReport))]
    [ApiOperation("Reports dishonest conduct (失信举报), anonymously or named; answers the report's id and the token to follow it with; with an Idempotency-Key the same filing sent again is answered with the same report and token (200); rate limited", Credential.None,
        Request = typeof(DishonestyReportDraft), SuccessStatus = 201, AlsoSucceedsWith = [200], RateLimited = true,
        Errors = ["422 IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was sent with another report"], Response = typeof(ReportFiledView))]
    public async Task<IActionResult> FileDishonestyReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/public/reports-of-dishonesty")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (rateLimit.Deny(request) is { } limited)
        {
            return limited;
        }

        var (body, invalid) = await ApiResults.ReadJsonAsync<DishonestyReportDraft>(request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        var (report, errors) = validator.Validate(body!);
        if (report is null)
        {
            return ApiResults.Broken("INVALID_REPORT", "report", "举报信息", errors);
        }

        var key = request.Headers[ListsApi.IdempotencyKeyHeader].ToString();
        if (key.Length > 0 && Credit.JointCases.CaseAmendments.WhyNotKey(key) is { } badKey)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "IDEMPOTENCY_KEY", badKey, $"Idempotency-Key应为1至{Credit.JointCases.CaseAmendments.MaxKeyLength}个可见ASCII字符（例如UUID）");
        }

        var filed = await desk.FileAsync(report, key.Length > 0 ? key : null, cancellationToken);
        if (filed.Report is not { } stored)
        {
            return ApiResults.Error(StatusCodes.Status422UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED", "the Idempotency-Key was sent with another report: send a new key for a new report",
                "该Idempotency-Key已用于另一举报，新的举报请使用新的密钥");
        }

        var path = $"/api/public/reports-of-dishonesty/{stored.Id}";
        var view = new ReportFiledView(stored.Id, filed.Token, stored.FiledAt, DateText.ToIso(stored.TriageDue), $"GET {path} with header {TokenHeader}: {filed.Token} (keep the token)");
        return filed.Created ? new CreatedResult(path, view) : new OkObjectResult(view);
    }

    [Function(nameof(AddReportEvidence))]
    [ApiOperation("The reporter adds an evidence file (≤ 10 MB, at most 10) to its undecided report, with its token in X-Report-Token; the same name again replaces it; rate limited", Credential.None,
        RequestMediaType = "application/octet-stream", SuccessStatus = 201, RateLimited = true, Errors = ["409 REPORT_CLOSED: the report is decided or has its 10 files"], Response = typeof(ReportProgressView))]
    public async Task<IActionResult> AddReportEvidence(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/public/reports-of-dishonesty/{id}/evidence/{name}")] HttpRequest request,
        string id,
        string name,
        CancellationToken cancellationToken)
    {
        if (rateLimit.Deny(request) is { } limited)
        {
            return limited;
        }

        if (await desk.FollowAsync(id, request.Headers[TokenHeader].ToString(), cancellationToken) is not { } report)
        {
            return NotFollowed(id);
        }

        if (EvidenceFile.Refusal(request, name) is { } refused)
        {
            return refused;
        }

        return await desk.AddEvidenceAsync(report, name, request.Body, cancellationToken) is { } stored
            ? new CreatedResult($"/api/public/reports-of-dishonesty/{id}", Progress(stored))
            : ApiResults.Error(StatusCodes.Status409Conflict, "REPORT_CLOSED", "the report is decided or already has its 10 evidence files", "该举报已办结或证据材料已达10份");
    }

    [Function(nameof(FollowDishonestyReport))]
    [ApiOperation("The reporter follows its report with its token in X-Report-Token: where it is and, once decided, the finding and the reply; rate limited", Credential.None,
        RateLimited = true, Response = typeof(ReportProgressView))]
    public async Task<IActionResult> FollowDishonestyReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/public/reports-of-dishonesty/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (rateLimit.Deny(request) is { } limited)
        {
            return limited;
        }

        return await desk.FollowAsync(id, request.Headers[TokenHeader].ToString(), cancellationToken) is { } report ? new OkObjectResult(Progress(report)) : NotFollowed(id);
    }

    [Function(nameof(ListDishonestyReports))]
    [ApiOperation("Reports of dishonesty: the office reads all, a department those sent to it; newest first, without the reporters' identities", Credential.Supervisor | Credential.Department,
        Query = ["state: filed, assigned or decided (default: all)"], Response = typeof(ReportList))]
    public async Task<IActionResult> ListDishonestyReports(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports-of-dishonesty")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var stateText = request.Query["state"].ToString();
        ReportState? state = null;
        if (stateText.Length > 0)
        {
            if (!Enum.TryParse<ReportState>(stateText, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(stateText, out _))
            {
                return ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_STATE", $"state must be filed, assigned or decided, got '{ApiResults.Echo(stateText)}'", "state应为filed、assigned或decided");
            }

            state = parsed;
        }

        var caller = RequestAuth.CallerOf(request);
        var today = BeijingTime.Today(clock);
        var reports = await store.ListAsync(state, caller.DepartmentCode, cancellationToken);
        return new OkObjectResult(new ReportList(reports.Count, [.. reports.Select(r => ReportView.Of(r, today))]));
    }

    [Function(nameof(GetDishonestyReport))]
    [ApiOperation("A report of dishonesty, without its reporter's identity", Credential.Supervisor | Credential.Department, Resource = ResourceKind.DishonestyReport,
        Parties = Party.Owner | Party.Office, Response = typeof(ReportView))]
    public IActionResult GetDishonestyReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports-of-dishonesty/{id}")] HttpRequest request,
        string id) =>
        new OkObjectResult(ReportView.Of(RequestAuth.ResourceOf<DishonestyReport>(request), BeijingTime.Today(clock)));

    [Function(nameof(AssignDishonestyReport))]
    [ApiOperation("The office sends a filed report to the responsible department (分办), which then has its working days to decide; the same again changes nothing",
        Credential.Supervisor, Request = typeof(AssignmentRequest), Resource = ResourceKind.DishonestyReport, Parties = Party.Office,
        Errors = ["409 REPORT_ASSIGNED: the report was sent to another department or decided"], Response = typeof(ReportView))]
    public async Task<IActionResult> AssignDishonestyReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/reports-of-dishonesty/{id}/assignment")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApiResults.ReadJsonAsync<AssignmentRequest>(request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        var code = body!.Department?.Trim().ToUpperInvariant();
        if (code is null || await departments.FindAsync(code, cancellationToken) is null)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "UNKNOWN_DEPARTMENT", $"department: the code of a registered department, got '{ApiResults.Echo(code ?? string.Empty)}'",
                $"department应为已登记部门的统一社会信用代码，实际为“{ApiResults.Echo(code ?? string.Empty)}”");
        }

        var (result, report) = await desk.AssignAsync(id, code, RequestAuth.CallerOf(request).Actor, cancellationToken);
        return result == StepResult.Refused
            ? ApiResults.Error(StatusCodes.Status409Conflict, "REPORT_ASSIGNED", $"the report is {report.State.ToString().ToLowerInvariant()}{(report.Department is { } d ? $" with {d}" : string.Empty)}",
                $"该举报已{(report.State == ReportState.Decided ? "办结" : $"转{report.Department}办理")}")
            : new OkObjectResult(ReportView.Of(report, BeijingTime.Today(clock)));
    }

    [Function(nameof(DecideDishonestyReport))]
    [ApiOperation("The department a report was sent to decides it: substantiated, unsubstantiated or notCompetent, with the reply the reporter reads and an internal note it never does; once",
        Credential.Department, Request = typeof(ReportDecisionRequest), Resource = ResourceKind.DishonestyReport, Parties = Party.Owner,
        Errors = ["409 REPORT_DECIDED: another decision was recorded"], Response = typeof(ReportView))]
    public async Task<IActionResult> DecideDishonestyReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/reports-of-dishonesty/{id}/decision")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApiResults.ReadJsonAsync<ReportDecisionRequest>(request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        ReportFinding? finding = body!.Finding?.Trim().ToLowerInvariant() switch
        {
            "substantiated" or "属实" => ReportFinding.Substantiated,
            "unsubstantiated" or "不属实" => ReportFinding.Unsubstantiated,
            "notcompetent" or "不属于本部门职责" => ReportFinding.NotCompetent,
            _ => null,
        };
        if (finding is null)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "FINDING", "finding: substantiated, unsubstantiated or notCompetent", "finding应为substantiated（属实）、unsubstantiated（不属实）或notCompetent（不属于本部门职责）");
        }

        var reply = body.Reply?.Trim();
        if (string.IsNullOrEmpty(reply))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "REPLY", "reply: what the reporter is told of the decision", "reply为必填项：告知举报人的办理结果");
        }

        var note = body.Note?.Trim();
        if ((TextRules.Check(0, "reply", "答复", reply, 2000, multiLine: true) ?? (note is { Length: > 0 } ? TextRules.Check(0, "note", "内部说明", note, 2000, multiLine: true) : null)) is { } bad)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, bad.Code, bad.MessageEn, bad.MessageZh);
        }

        var (result, report) = await desk.DecideAsync(id, finding.Value, reply, note is { Length: > 0 } ? note : null, RequestAuth.CallerOf(request).Actor, cancellationToken);
        return result == StepResult.Refused
            ? ApiResults.Error(StatusCodes.Status409Conflict, "REPORT_DECIDED", "the report was decided otherwise; a decision is not changed", "该举报已作出其他办理结果，不得更改")
            : new OkObjectResult(ReportView.Of(report, BeijingTime.Today(clock)));
    }

    [Function(nameof(LinkReportFollowUp))]
    [ApiOperation("The department links a record or list entry it made to the substantiated report that started it (an item not the department's: 404 ITEM_NOT_FOUND); the same link again: 200",
        Credential.Department, Request = typeof(FollowUpRequest), SuccessStatus = 201, AlsoSucceedsWith = [200], Resource = ResourceKind.DishonestyReport, Parties = Party.Owner,
        Errors = ["409 REPORT_NOT_SUBSTANTIATED: the report is not decided substantiated"], Response = typeof(ReportView))]
    public async Task<IActionResult> LinkReportFollowUp(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/reports-of-dishonesty/{id}/follow-ups")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApiResults.ReadJsonAsync<FollowUpRequest>(request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        var kind = body!.Kind?.Trim().ToLowerInvariant() switch
        {
            "record" => "record",
            "listentry" => "listEntry",
            _ => null,
        };
        var itemId = body.Id?.Trim() ?? string.Empty;
        if (kind is null || itemId.Length is 0 or > 64)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "ITEM", "send kind (record or listEntry) and the id of the item the report started",
                "请注明kind（record记录或listEntry名单）和该举报引发的事项编号id");
        }

        // Only what this department made: a record it decided, a list entry it initiated.
        var department = RequestAuth.CallerOf(request).DepartmentCode!;
        var exists = kind == "record"
            ? RecordKey.TryParseId(itemId, out var key) && key.DepartmentCode == department && await records.GetAsync(key, cancellationToken) is not null
            : await lists.GetAsync(itemId, cancellationToken) is { } entry && entry.Entry.InitiatingDepartment == department;
        if (!exists)
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, "ITEM_NOT_FOUND", $"the department has no {kind} '{ApiResults.Echo(itemId)}'", $"本部门没有编号为“{ApiResults.Echo(itemId)}”的{(kind == "record" ? "记录" : "名单")}");
        }

        var (result, report) = await desk.LinkFollowUpAsync(id, kind, itemId, department, cancellationToken);
        var view = ReportView.Of(report, BeijingTime.Today(clock));
        return result switch
        {
            StepResult.Refused => ApiResults.Error(StatusCodes.Status409Conflict, "REPORT_NOT_SUBSTANTIATED", "only a report decided substantiated starts a record or list entry", "仅查证属实的举报可关联其引发的记录或名单"),
            StepResult.Done => new CreatedResult($"/api/reports-of-dishonesty/{id}", view),
            _ => new OkObjectResult(view),
        };
    }

    [Function(nameof(ReadReporter))]
    [ApiOperation("The reporter's identity, for the staff of the department the report was sent to; every read is written to the report's audit first",
        Credential.Department, Resource = ResourceKind.DishonestyReport, Parties = Party.Owner, Query = ["purpose: why it is read (kept in the audit)"], Response = typeof(ReporterView))]
    public async Task<IActionResult> ReadReporter(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports-of-dishonesty/{id}/reporter")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var report = RequestAuth.ResourceOf<DishonestyReport>(request);
        var purpose = request.Query["purpose"].ToString().Trim();
        if (purpose.Length > 0 && TextRules.Check(0, "purpose", "用途", purpose, 200, multiLine: false) is { } bad)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, bad.Code, bad.MessageEn, bad.MessageZh);
        }

        var identity = await desk.ReadReporterAsync(report, RequestAuth.CallerOf(request).Actor, purpose, cancellationToken);
        return new OkObjectResult(new ReporterView(report.Id, report.Anonymous, identity?.Name, identity?.Contact));
    }

    [Function(nameof(GetReportAudit))]
    [ApiOperation("The report's audit: every step and every read of the reporter's identity, who and when", Credential.Supervisor,
        Resource = ResourceKind.DishonestyReport, Parties = Party.Office, Response = typeof(AuditTrailView))]
    public async Task<IActionResult> GetReportAudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports-of-dishonesty/{id}/audit")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        new OkObjectResult(new AuditTrailView(id, await desk.AuditAsync(id, cancellationToken)));

    [Function(nameof(GetReportEvidence))]
    [ApiOperation("An evidence file of a report, for the office and the department it was sent to", Credential.Supervisor | Credential.Department,
        Resource = ResourceKind.DishonestyReport, Parties = Party.Owner | Party.Office, ResponseMediaType = "application/octet-stream")]
    public async Task<IActionResult> GetReportEvidence(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports-of-dishonesty/{id}/evidence/{name}")] HttpRequest request,
        string id,
        string name,
        CancellationToken cancellationToken)
    {
        if (!RequestAuth.ResourceOf<DishonestyReport>(request).Evidence.Contains(name))
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, "EVIDENCE_NOT_FOUND", $"the report has no evidence file '{ApiResults.Echo(name)}'", $"该举报没有名为“{ApiResults.Echo(name)}”的证据材料");
        }

        var blob = storage.Container(Storage.StorageNames.EvidenceContainer).GetBlobClient(DishonestyReportDesk.EvidencePath(id, name));
        return new FileStreamResult((await blob.DownloadStreamingAsync(cancellationToken: cancellationToken)).Value.Content, "application/octet-stream") { FileDownloadName = name };
    }

    static ReportProgressView Progress(DishonestyReport r) => new(r.Id, r.State, r.FiledAt, r.Department, r.Finding, r.Reply, r.DecidedAt, r.Evidence);

    static ObjectResult NotFollowed(string id) => ApiResults.Error(StatusCodes.Status404NotFound, "REPORT_NOT_FOUND",
        $"no report {ApiResults.Echo(id)} for this token (send the token given at filing in {TokenHeader})", $"未找到与该凭证对应的举报{ApiResults.Echo(id)}（请在{TokenHeader}中提供举报时取得的凭证）");
}
