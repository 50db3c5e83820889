using Credit.Catalogue;
using Credit.Departments;
using Credit.Functions.Hosting;
using Credit.Functions.JointCases;
using Credit.Functions.OpenApi;
using Credit.JointCases;
using Credit.Lists;
using Credit.PersonalData;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Credit.Functions.Api;

public sealed record AmendmentRequest(int? PeriodMonths, bool? RefreshMeasures, string? Reason);

/// <summary>Red, black and watch list entries: an initiating department lists a subject, and so starts its joint case.</summary>
public sealed class ListsApi(ListEntryValidator validator, ConductCatalogue catalogue, ListStore lists, ListingRefusals refusals, CaseAmendments amendments, PersonalDataReads reads, TimeProvider clock)
{
    [Function(nameof(CreateListEntry))]
    [ApiOperation("Lists a subject on the red, black or watch list under an item of the catalogue of acts and starts its joint case (201; the same entry again: 200; same identity, other content: 409)", Credential.Department, Request = typeof(Credit.Lists.ListEntryDraft), SuccessStatus = 201, AlsoSucceedsWith = [200], Errors = ["409 ENTRY_EXISTS: the same identity (department, list, subject, document) with other content", "409 SUBJECT_ON_BLACK_LIST: a red entry for a subject a standing black or watch-list entry names", "409 SERIOUS_PENALTY_WITHIN_CLEAN_PERIOD: a red entry for a subject with a serious penalty in the months before it", "409 COMMITMENT_NOT_BREACHED: an entry naming a commitment (fact commitment, WL-PROMISE) that is not the subject's, not the department's or not recorded breached"], Response = typeof(ListEntryView))]
    public async Task<IActionResult> CreateListEntry(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/lists/{listType}/entries")] HttpRequest request,
        string listType,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var department = RequestAuth.CallerOf(request).DepartmentCode!;
        var (body, invalid) = await ApiResults.ReadJsonAsync<ListEntryDraft>(request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        // The list type is the route's.
        var (entry, errors) = validator.Validate(department, body! with { ListType = listType }, await catalogue.SnapshotAsync(cancellationToken));
        if (entry is null)
        {
            return new BadRequestObjectResult(new
            {
                error = new { code = "INVALID_ENTRY", message = $"the entry breaks {errors.Count} rules", messageZh = $"列入信息有{errors.Count}处错误" },
                problems = errors.Select(e => new { field = e.Column, value = e.Value, code = e.Code, message = e.MessageEn, messageZh = e.MessageZh }),
            });
        }

        if (await refusals.RefusalAsync(entry, 0, cancellationToken) is { } refusal)
        {
            return ApiResults.Error(StatusCodes.Status409Conflict, refusal.Code, refusal.MessageEn, refusal.MessageZh);
        }

        var (stored, created) = await lists.CreateAsync(entry, clock.GetUtcNow(), cancellationToken);
        if (!created && !stored.SameContentAs(entry))
        {
            return ApiResults.Error(StatusCodes.Status409Conflict, "ENTRY_EXISTS",
                $"entry {stored.Id} (same subject, list and decision document) exists with other content: change it with POST /api/lists/entries/{stored.Id}/amendments",
                $"同一主体、名单类型和决定文书号的列入信息{stored.Id}已存在且内容不同，请通过变更接口修改");
        }

        // Also when the entry existed: a retry after a crash between storing it and starting its case starts it now.
        await new JointCaseInstances(durable).EnsureStartedAsync(stored.Id, cancellationToken);
        var view = ListEntryView.Of(stored, new ListEntryStatus(true, null, null));
        return created ? new CreatedResult($"/api/lists/entries/{stored.Id}", view) : new OkObjectResult(view);
    }

    [Function(nameof(GetListEntry))]
    [ApiOperation("A list entry and its standing", Credential.Department | Credential.Supervisor, Resource = ResourceKind.ListEntry, Parties = Party.Owner | Party.Office, Response = typeof(ListEntryView))]
    public async Task<IActionResult> GetListEntry(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/lists/entries/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var caller = RequestAuth.CallerOf(request);
        var (entry, status) = RequestAuth.ResourceOf<ListEntryResource>(request);
        await reads.RecordAsync([entry.SubjectKey, .. entry.ResponsiblePersons.Select(p => p.SubjectKey)], caller.Actor, "list-entry", id,
            caller.Role == CallerRole.Supervisor ? ReadPurpose.Supervision : ReadPurpose.OwnDecision, cancellationToken);
        return new OkObjectResult(ListEntryView.Of(entry, status));
    }

    [Function(nameof(AmendListEntry))]
    [ApiOperation("Amends a list entry: a new sanction period and/or the measures list's current versions", Credential.Department, Request = typeof(AmendmentRequest), Errors = ["409 ENTRY_ENDED: the entry has been removed", "422 IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used for another amendment"],
        Resource = ResourceKind.ListEntry, Parties = Party.Owner, Response = typeof(AmendmentAnswer), SuccessStatus = 202)]
    public async Task<IActionResult> AmendListEntry(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/lists/entries/{id}/amendments")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var found = RequestAuth.ResourceOf<ListEntryResource>(request);
        var (body, invalid) = await ApiResults.ReadJsonAsync<AmendmentRequest>(request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        if (body!.PeriodMonths is null && body.RefreshMeasures != true || string.IsNullOrWhiteSpace(body.Reason))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "AMENDMENT_INCOMPLETE",
                "send a reason and a new periodMonths and/or refreshMeasures: true (apply the measures list's current versions)",
                "请提供变更理由(reason)，以及新的期限(periodMonths)和/或refreshMeasures: true（按现行措施清单重新确定措施）");
        }

        // The entry's catalogue item bounds its period, as when it was listed.
        var maximum = (await catalogue.ItemForAsync(found.Entry, cancellationToken))?.MaximumPeriodMonths ?? ListEntryValidator.MaxPeriodMonths;
        if (body.PeriodMonths is { } months && (months < 1 || months > maximum))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "PERIOD", $"periodMonths must be from 1 to {maximum}, got {months}", $"期限应为1至{maximum}个月，实际为{months}");
        }

        if (!found.Status.Active)
        {
            return ApiResults.Error(StatusCodes.Status409Conflict, "ENTRY_ENDED", $"entry {id} has ended ({found.Status.EndReason})", $"列入信息{id}已移出");
        }

        // Without a key every request is a new amendment; with one, a request sent again is recognised and applied once.
        var key = request.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length > 0 && CaseAmendments.WhyNotKey(key) is { } badKey)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "IDEMPOTENCY_KEY", badKey, $"Idempotency-Key应为1至{CaseAmendments.MaxKeyLength}个可见ASCII字符（例如UUID）");
        }

        var amendmentId = key.Length > 0 ? key : Guid.NewGuid().ToString();
        var reason = body.Reason!.Trim();
        var receipt = await amendments.ReceiveAsync(id, amendmentId, body.PeriodMonths, body.RefreshMeasures == true, reason, cancellationToken);
        if (receipt == AmendmentReceipt.KeyReused)
        {
            return ApiResults.Error(StatusCodes.Status422UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED",
                $"Idempotency-Key '{amendmentId}' was used for a different amendment of {id}: send a new key for a new amendment",
                $"该Idempotency-Key已用于{id}的另一项变更，新的变更请使用新的密钥");
        }

        // Repeated: the period write and the signal are done again (the process that received it first may have died between them).
        var entry = body.PeriodMonths is { } period ? await lists.AmendPeriodAsync(id, period, cancellationToken) ?? found.Entry : found.Entry;
        await new JointCaseInstances(durable).RaiseAsync(id, new CaseAmended(reason, body.RefreshMeasures == true, amendmentId), cancellationToken);
        return receipt == AmendmentReceipt.Repeated
            ? new AcceptedResult($"/api/cases/{id}", new AmendmentAnswer(ListEntryView.Of(entry, found.Status), AlreadyTaken: true, "ALREADY_AMENDED", "this amendment was received already; it is applied once", "该变更已收到，只执行一次"))
            : new AcceptedResult($"/api/cases/{id}", new AmendmentAnswer(ListEntryView.Of(entry, found.Status), AlreadyTaken: false, null, null, null));
    }

    public const string IdempotencyKeyHeader = "Idempotency-Key";
}
