using Credit.Calendar;
using Credit.Functions.OpenApi;
using Credit.GovernmentIntegrity;
using Credit.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Api;

/// <summary>A complaint as its filer and the office read it, with <see cref="Overdue"/> while undecided past its day.</summary>
public sealed record ComplaintView(
    string Id, ComplaintState State, ComplaintKind Kind, string ComplainantName, string RespondentCode, string RespondentName, string Description, string? Reference,
    DateTimeOffset FiledAt, string DecisionDue, bool Overdue, ComplaintFinding? Finding, string? Reply, DateTimeOffset? DecidedAt, bool DecidedLate, IReadOnlyList<string> Evidence)
{
    public static ComplaintView Of(GovernmentComplaint c, DateOnly today) => new(
        c.Id, c.State, c.Kind, c.ComplainantName, c.RespondentCode, c.RespondentName, c.Description, c.Reference, c.FiledAt, DateText.ToIso(c.DecisionDue), c.OverdueOn(today),
        c.Finding, c.Reply, c.DecidedAt, c.DecidedLate, c.Evidence);
}

public sealed record ComplaintList(int Count, IReadOnlyList<ComplaintView> Complaints);

public sealed record ComplaintDecisionRequest(string? Finding, string? Reply);

/// <summary>
/// 政府违约失信投诉 (京政发〔2017〕15号 二(一)1, 二(五)1): a subject complains of a government body's breach of contract or
/// promise; the supervising office decides within its working days, reminded before and marked overdue after.
/// </summary>
public sealed class GovernmentComplaintsApi(GovernmentComplaintDesk desk, GovernmentComplaintStore store, Storage.StorageClients storage, TimeProvider clock)
{

    [Function(nameof(FileGovernmentComplaint))]
    [ApiOperation("A subject complains of a government body's breach of contract or promise (201; the same complaint again: 200)", Credential.Subject,
        Request = typeof(GovernmentComplaintDraft), SuccessStatus = 201, AlsoSucceedsWith = [200], Response = typeof(ComplaintView))]
    public async Task<IActionResult> FileGovernmentComplaint(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/government-complaints")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApiResults.ReadJsonAsync<GovernmentComplaintDraft>(request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        var filed = await desk.FileAsync(RequestAuth.CallerOf(request).Actor, body!, cancellationToken);
        if (filed.Complaint is not { } complaint)
        {
            return ApiResults.Broken("INVALID_COMPLAINT", "complaint", "投诉信息", filed.Problems);
        }

        var view = ComplaintView.Of(complaint, BeijingTime.Today(clock));
        return filed.Created ? new CreatedResult($"/api/government-complaints/{complaint.Id}", view) : new OkObjectResult(view);
    }

    [Function(nameof(ListGovernmentComplaints))]
    [ApiOperation("Complaints of governments' breaches: the office reads all, a subject its own; newest first", Credential.Supervisor | Credential.Subject, Response = typeof(ComplaintList))]
    public async Task<IActionResult> ListGovernmentComplaints(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/government-complaints")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var caller = RequestAuth.CallerOf(request);
        var complaints = await store.ListAsync(caller.Role == Credit.Departments.CallerRole.Supervisor ? null : caller.Actor, cancellationToken);
        var today = BeijingTime.Today(clock);
        return new OkObjectResult(new ComplaintList(complaints.Count, [.. complaints.Select(c => ComplaintView.Of(c, today))]));
    }

    [Function(nameof(GetGovernmentComplaint))]
    [ApiOperation("A complaint of a government's breach, for its filer, the office and the body complained of", Credential.AnyKey, Resource = ResourceKind.GovernmentComplaint,
        Parties = Party.Filer | Party.Office | Party.Owner, Response = typeof(ComplaintView))]
    public IActionResult GetGovernmentComplaint(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/government-complaints/{id}")] HttpRequest request,
        string id) =>
        new OkObjectResult(ComplaintView.Of(RequestAuth.ResourceOf<GovernmentComplaint>(request), BeijingTime.Today(clock)));

    [Function(nameof(AddComplaintEvidence))]
    [ApiOperation("The filer adds an evidence file (≤ 10 MB) to its undecided complaint; the same name again replaces it", Credential.Subject, RequestMediaType = "application/octet-stream",
        SuccessStatus = 201, Resource = ResourceKind.GovernmentComplaint, Parties = Party.Filer, Errors = ["409 COMPLAINT_DECIDED: the complaint is decided"], Response = typeof(ComplaintView))]
    public async Task<IActionResult> AddComplaintEvidence(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/government-complaints/{id}/evidence/{name}")] HttpRequest request,
        string id,
        string name,
        CancellationToken cancellationToken)
    {
        if (EvidenceFile.Refusal(request, name) is { } refused)
        {
            return refused;
        }

        return await desk.AddEvidenceAsync(RequestAuth.ResourceOf<GovernmentComplaint>(request), name, request.Body, cancellationToken) is { } stored
            ? new CreatedResult($"/api/government-complaints/{id}", ComplaintView.Of(stored, BeijingTime.Today(clock)))
            : ApiResults.Error(StatusCodes.Status409Conflict, "COMPLAINT_DECIDED", "the complaint is decided", "该投诉已办结");
    }

    [Function(nameof(GetComplaintEvidence))]
    [ApiOperation("An evidence file of a complaint", Credential.AnyKey, Resource = ResourceKind.GovernmentComplaint, Parties = Party.Filer | Party.Office | Party.Owner,
        ResponseMediaType = "application/octet-stream")]
    public async Task<IActionResult> GetComplaintEvidence(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/government-complaints/{id}/evidence/{name}")] HttpRequest request,
        string id,
        string name,
        CancellationToken cancellationToken)
    {
        if (!RequestAuth.ResourceOf<GovernmentComplaint>(request).Evidence.Contains(name))
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, "EVIDENCE_NOT_FOUND", $"the complaint has no evidence file '{ApiResults.Echo(name)}'", $"该投诉没有名为“{ApiResults.Echo(name)}”的证据材料");
        }

        var blob = storage.Container(Storage.StorageNames.EvidenceContainer).GetBlobClient(GovernmentComplaintDesk.EvidencePath(id, name));
        return new FileStreamResult((await blob.DownloadStreamingAsync(cancellationToken: cancellationToken)).Value.Content, "application/octet-stream") { FileDownloadName = name };
    }

    [Function(nameof(DecideGovernmentComplaint))]
    [ApiOperation("The office decides a complaint: upheld (the government's breach is established, 政务失信) or rejected, with its reply; once", Credential.Supervisor,
        Request = typeof(ComplaintDecisionRequest), Resource = ResourceKind.GovernmentComplaint, Parties = Party.Office,
        Errors = ["409 COMPLAINT_DECIDED: another decision was recorded"], Response = typeof(ComplaintView))]
    public async Task<IActionResult> DecideGovernmentComplaint(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/government-complaints/{id}/decision")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApiResults.ReadJsonAsync<ComplaintDecisionRequest>(request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        ComplaintFinding? finding = body!.Finding?.Trim().ToLowerInvariant() switch
        {
            "upheld" or "成立" => ComplaintFinding.Upheld,
            "rejected" or "不成立" => ComplaintFinding.Rejected,
            _ => null,
        };
        var reply = body.Reply?.Trim();
        if (finding is null || string.IsNullOrEmpty(reply))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "DECISION", "send finding (upheld or rejected) and reply (what the complainant is told)",
                "请注明finding（upheld成立或rejected不成立）和reply（答复投诉人的内容）");
        }

        if (TextRules.Check(0, "reply", "答复", reply, 2000, multiLine: true) is { } bad)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, bad.Code, bad.MessageEn, bad.MessageZh);
        }

        return await desk.DecideAsync(id, finding.Value, reply, RequestAuth.CallerOf(request).Actor, cancellationToken) is { } decided
            ? new OkObjectResult(ComplaintView.Of(decided, BeijingTime.Today(clock)))
            : ApiResults.Error(StatusCodes.Status409Conflict, "COMPLAINT_DECIDED", "the complaint was decided otherwise; a decision is not changed", "该投诉已作出其他决定，不得更改");
    }

    [Function(nameof(GetComplaintAudit))]
    [ApiOperation("A complaint's audit: filing, reminders, overdue marks and the decision, who and when", Credential.Supervisor | Credential.Subject,
        Resource = ResourceKind.GovernmentComplaint, Parties = Party.Office | Party.Filer, Response = typeof(AuditTrailView))]
    public async Task<IActionResult> GetComplaintAudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/government-complaints/{id}/audit")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        new OkObjectResult(new AuditTrailView(id, await desk.AuditAsync(id, cancellationToken)));
}
