using Credit.Functions.JointCases;
using Credit.Functions.OpenApi;
using Credit.Functions.Remedies;
using Credit.JointCases;
using Credit.Records;
using Credit.Remedies;
using Credit.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Credit.Functions.Api;

public sealed record ItemRequest(string? Kind, string? Id);

public sealed record RemedyRequest(ItemRequest? Item, string? Reason, string? Statement, string? Proof, string? Commitment);

public sealed record DecisionRequest(bool? Upheld, bool? Approved, string? Reason);

/// <summary>
/// 异议 and 信用修复: a subject (or, for an objection, the department holding the data) files; the deciding department
/// decides; the filer, the subject, the deciding department and the supervisor follow it.
/// </summary>
public sealed class RemediesApi(RemedyService remedies, StorageClients storage, Departments.DepartmentRegistry registry)
{
    [Function(nameof(FileObjection))]
    [ApiOperation("Files an objection (异议) to a record or list entry (marked under objection at once), or to a commitment's breach or overdue mark (kind commitment; upheld, it no longer counts)", Credential.Subject | Credential.Department, Request = typeof(RemedyRequest), SuccessStatus = 201, AlsoSucceedsWith = [200], Errors = ["409 ITEM_ENDED: the item is no longer in force, or the commitment has no breach or overdue mark counting"], Response = typeof(RemedyView))]
    public Task<IActionResult> FileObjection(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/objections")] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) =>
        FileAsync(request, RemedyKind.Objection, durable, cancellationToken);

    [Function(nameof(ApplyForRepair))]
    [ApiOperation("Applies for credit repair (信用修复); 422 with the rule and earliestDate while ineligible", Credential.Subject, Request = typeof(RemedyRequest), SuccessStatus = 201, AlsoSucceedsWith = [200], Response = typeof(RemedyView), Errors = ["409 ITEM_ENDED: the item is no longer in force", "422 NOT_REPAIRABLE: the item is not repaired (its rule)", "422 NOT_YET_ELIGIBLE: not before earliestDate"])]
    public Task<IActionResult> ApplyForRepair(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/repairs")] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) =>
        FileAsync(request, RemedyKind.Repair, durable, cancellationToken);

    [Function(nameof(GetObjection))]
    [ApiOperation("An objection: state, deadline, decision, evidence, timeline", Credential.AnyKey, Resource = ResourceKind.Objection, Parties = Readers, Response = typeof(RemedyDetail))]
    public Task<IActionResult> GetObjection(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/objections/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        GetAsync(request, id, cancellationToken);

    [Function(nameof(GetRepair))]
    [ApiOperation("A repair application: state, deadline, decision, timeline", Credential.AnyKey, Resource = ResourceKind.Repair, Parties = Readers, Response = typeof(RemedyDetail))]
    public Task<IActionResult> GetRepair(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/repairs/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        GetAsync(request, id, cancellationToken);

    [Function(nameof(DecideObjection))]
    [ApiOperation("The providing department's decision on an objection (upheld or not, with its reason)", Credential.Department, Request = typeof(DecisionRequest), Errors = ["409 ALREADY_DECIDED: decided already; a decision is not changed"],
        Resource = ResourceKind.Objection, Parties = Party.Owner, Response = typeof(RemedyDecision))]
    public Task<IActionResult> DecideObjection(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/objections/{id}/decision")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) =>
        DecideAsync(request, id, RemedyKind.Objection, durable, cancellationToken);

    [Function(nameof(DecideRepair))]
    [ApiOperation("The deciding department's decision on a repair application (approved or not, with its reason)", Credential.Department, Request = typeof(DecisionRequest), Errors = ["409 ALREADY_DECIDED: decided already; a decision is not changed"],
        Resource = ResourceKind.Repair, Parties = Party.Owner, Response = typeof(RemedyDecision))]
    public Task<IActionResult> DecideRepair(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/repairs/{id}/decision")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) =>
        DecideAsync(request, id, RemedyKind.Repair, durable, cancellationToken);

    [Function(nameof(PutEvidence))]
    [ApiOperation("Adds an evidence file (≤ 10 MB) to an objection", Credential.Subject | Credential.Department, RequestMediaType = "application/octet-stream", SuccessStatus = 201,
        Resource = ResourceKind.Objection, Parties = Party.Filer, Response = typeof(EvidenceStored))]
    public async Task<IActionResult> PutEvidence(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/objections/{id}/evidence/{name}")] HttpRequest request,
        string id,
        string name,
        CancellationToken cancellationToken)
    {
        if (EvidenceFile.Refusal(request, name) is { } refused)
        {
            return refused;
        }

        var blob = storage.Container(StorageNames.EvidenceContainer).GetBlobClient($"{id}/{name}");
        await blob.UploadAsync(request.Body, overwrite: true, cancellationToken);
        return new CreatedResult($"/api/objections/{id}", new EvidenceStored(blob.Name));
    }

    /// <summary>The office, the filer, the deciding department and the subject read a remedy; no one else learns it exists.</summary>
    const Party Readers = Party.Owner | Party.Filer | Party.Subject | Party.Office;

    async Task<IActionResult> FileAsync(HttpRequest request, RemedyKind kind, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApiResults.ReadJsonAsync<RemedyRequest>(request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        ItemKind? itemKind = body!.Item?.Kind?.Trim().ToLowerInvariant() switch
        {
            "record" => ItemKind.Record,
            "listentry" or "entry" or "case" => ItemKind.ListEntry,
            "commitment" when kind == RemedyKind.Objection => ItemKind.Commitment,
            _ => null,
        };
        if (itemKind is null || string.IsNullOrWhiteSpace(body.Item?.Id))
        {
            // A commitment is objected to, never repaired.
            var (kinds, kindsZh) = kind == RemedyKind.Objection
                ? ("\"record\" | \"listEntry\" | \"commitment\"", "record（记录）、listEntry（名单）或commitment（信用承诺）")
                : ("\"record\" | \"listEntry\"", "record（记录）或listEntry（名单）");
            return ApiResults.Error(StatusCodes.Status400BadRequest, "ITEM", $"name the item: {{\"item\": {{\"kind\": {kinds}, \"id\": \"…\"}}}}", $"请指明对象：item.kind为{kindsZh}，item.id为其编号");
        }

        var statement = kind == RemedyKind.Objection ? body.Reason : body.Statement ?? body.Reason;
        var result = await remedies.FileAsync(RequestAuth.CallerOf(request), kind, new ItemRef(itemKind.Value, body.Item.Id.Trim()), statement, body.Proof, body.Commitment, cancellationToken);
        if (result.Remedy is not { } remedy)
        {
            return result.EarliestDate is { } earliest
                ? new ObjectResult(new { error = new { code = result.Code, message = result.MessageEn, messageZh = result.MessageZh }, earliestDate = DateText.ToIso(earliest) }) { StatusCode = result.Status }
                : ApiResults.Error(result.Status, result.Code, result.MessageEn, result.MessageZh);
        }

        await new RemedyInstances(durable).EnsureStartedAsync(kind, remedy.Id, cancellationToken);
        var path = $"/api/{(kind == RemedyKind.Objection ? "objections" : "repairs")}/{remedy.Id}";
        return result.Status == StatusCodes.Status201Created ? new CreatedResult(path, RemedyView.Of(remedy)) : new OkObjectResult(RemedyView.Of(remedy));
    }

    async Task<IActionResult> GetAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var remedy = RequestAuth.ResourceOf<Remedy>(request);
        var evidence = new List<string>();
        await foreach (var blob in storage.Container(StorageNames.EvidenceContainer).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"{id}/", cancellationToken))
        {
            evidence.Add(blob.Name);
        }

        var deciding = await registry.FindAsync(remedy.DecidingDepartment, cancellationToken);
        return new OkObjectResult(new RemedyDetail(RemedyView.Of(remedy), evidence, await remedies.TimelineAsync(id, cancellationToken), deciding?.Name));
    }

    async Task<IActionResult> DecideAsync(HttpRequest request, string id, RemedyKind kind, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApiResults.ReadJsonAsync<DecisionRequest>(request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        var granted = kind == RemedyKind.Objection ? body!.Upheld : body!.Approved;
        if (granted is null)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "DECISION", kind == RemedyKind.Objection ? "send upheld: true or false, and the reason" : "send approved: true or false, and the reason",
                kind == RemedyKind.Objection ? "请注明异议是否成立(upheld)及理由(reason)" : "请注明是否准予修复(approved)及理由(reason)");
        }

        var result = await remedies.DecideAsync(id, RequestAuth.CallerOf(request).DepartmentCode!, granted.Value, body.Reason, cancellationToken);
        if (result.Remedy is not { } decided)
        {
            return ApiResults.Error(result.Status, result.Code, result.MessageEn, result.MessageZh);
        }

        // Raised again for a repeated request: the process that stored the decision may have died before it raised them.
        await new RemedyInstances(durable).RaiseAsync(id, new RemedyDecided(), cancellationToken);
        if (result.EndsCase is { } ends)
        {
            await new JointCaseInstances(durable).RaiseAsync(ends.CaseId, new CaseEnded(ends.Reason), cancellationToken);
        }

        if (!result.Repeated)
        {
            return new OkObjectResult(new RemedyDecision(RemedyView.Of(decided), AlreadyTaken: false, null, null, null));
        }

        return result.Status == StatusCodes.Status200OK
            ? new OkObjectResult(new RemedyDecision(RemedyView.Of(decided), AlreadyTaken: true, result.Code, result.MessageEn, result.MessageZh))
            : ApiResults.Error(result.Status, result.Code, result.MessageEn, result.MessageZh);
    }
}
