using Credit.Functions.OpenApi;
using Credit.GovernmentIntegrity;
using Credit.PersonalData;
using Credit.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Api;

/// <summary>A 政务失信 record as the departments and the office read it; a civil servant by name and masked ID number.</summary>
public sealed record GovernmentRecordView(
    string Id, GovernmentRecordSource Source, GovernmentSubject Subject, string BodyCode, string BodyName, string? PersonName, string? PersonIdNumber,
    string Conduct, string Document, string DecisionDate, string Authority, string? ComplaintId, bool Public, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static GovernmentRecordView Of(GovernmentRecord r) => new(
        r.Id, r.Source, r.Subject, r.BodyCode, r.BodyName, r.PersonName, r.PersonIdMasked, r.Conduct, r.Document, DateText.ToIso(r.DecisionDate), r.Authority, r.ComplaintId, r.Public,
        r.RecordedBy, r.RecordedAt);
}

/// <summary>A body's 政务失信 record as the public reads it (a civil servant's is never public).</summary>
public sealed record PublicGovernmentRecord(string Id, GovernmentRecordSource Source, string BodyCode, string BodyName, string Conduct, string Document, string DecisionDate, string Authority)
{
    public static PublicGovernmentRecord Of(GovernmentRecord r) => new(r.Id, r.Source, r.BodyCode, r.BodyName, r.Conduct, r.Document, DateText.ToIso(r.DecisionDate), r.Authority);
}

public sealed record GovernmentRecordList(int Count, IReadOnlyList<GovernmentRecordView> Records);

public sealed record PublicGovernmentRecordList(string BodyCode, int Count, IReadOnlyList<PublicGovernmentRecord> Records);

/// <summary>
/// 政务失信 records (京政发〔2017〕15号 二(一)1, 二(五)1; 国发〔2016〕76号): departments record judgments, penalties, 纪律处分
/// and 问责 decisions about government bodies and civil servants; the office's upheld complaints add the bodies' breaches.
/// A body's records are public; a civil servant's are read by the departments, every read of one audited for the person.
/// </summary>
public sealed class GovernmentRecordsApi(GovernmentRecordDesk desk, GovernmentRecordStore store, PersonalDataReads reads, PublicRateLimit rateLimit)
{
    [Function(nameof(RecordGovernmentDishonesty))]
    [ApiOperation("A department records a 政务失信 record about a government body, or about a civil servant (personName, personIdNumber) of one (201; the same record again: 200)",
        Credential.Department, Request = typeof(GovernmentRecordDraft), SuccessStatus = 201, AlsoSucceedsWith = [200], Response = typeof(GovernmentRecordView))]
    public async Task<IActionResult> RecordGovernmentDishonesty(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/government-records")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApiResults.ReadJsonAsync<GovernmentRecordDraft>(request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        var recorded = await desk.RecordAsync(RequestAuth.CallerOf(request).DepartmentCode!, body!, cancellationToken);
        if (recorded.Record is not { } record)
        {
            return ApiResults.Broken("INVALID_GOVERNMENT_RECORD", "record", "政务失信记录", recorded.Problems);
        }

        return recorded.Created ? new CreatedResult("/api/government-records", GovernmentRecordView.Of(record)) : new OkObjectResult(GovernmentRecordView.Of(record));
    }

    [Function(nameof(ListGovernmentRecords))]
    [ApiOperation("政务失信 records: the office reads all, a department those it recorded and those about it or its civil servants; newest first; each civil servant's read is audited for them",
        Credential.Supervisor | Credential.Department, Response = typeof(GovernmentRecordList))]
    public async Task<IActionResult> ListGovernmentRecords(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/government-records")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var caller = RequestAuth.CallerOf(request);
        var records = await store.ListAsync(caller.Role == Credit.Departments.CallerRole.Supervisor ? null : caller.DepartmentCode, cancellationToken);
        await reads.RecordAsync(records.Select(r => r.SubjectKey), caller.Actor, "government-records", "政务失信记录",
            caller.Role == Credit.Departments.CallerRole.Supervisor ? ReadPurpose.Supervision : ReadPurpose.OwnDecision, cancellationToken);
        return new OkObjectResult(new GovernmentRecordList(records.Count, [.. records.Select(GovernmentRecordView.Of)]));
    }

    [Function(nameof(GetPublicGovernmentRecords))]
    [ApiOperation("A government body's public 政务失信 records, newest first (its civil servants' are not public); rate limited per client (429 + Retry-After)",
        Credential.None, RateLimited = true, Response = typeof(PublicGovernmentRecordList))]
    public async Task<IActionResult> GetPublicGovernmentRecords(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/public/government-records/{code}")] HttpRequest request,
        string code,
        CancellationToken cancellationToken)
    {
        if (rateLimit.Deny(request) is { } limited)
        {
            return limited;
        }

        var checks = new FieldChecks();
        if (GovernmentBodies.Code(checks, "code", "机关单位", code) is not { } body)
        {
            var problem = checks.Problems[0];
            return ApiResults.Error(StatusCodes.Status400BadRequest, problem.Code, problem.MessageEn, problem.MessageZh);
        }

        var records = await store.PublicOfBodyAsync(body, cancellationToken);
        return new OkObjectResult(new PublicGovernmentRecordList(body, records.Count, [.. records.Select(PublicGovernmentRecord.Of)]));
    }
}
