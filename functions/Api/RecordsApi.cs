using Azure.Data.Tables;
using Credit.Calendar;
using Credit.Disclosure;
using Credit.Departments;
using Credit.Functions.Hosting;
using Credit.Functions.OpenApi;
using Credit.Identifiers;
using Credit.PersonalData;
using Credit.Records;
using Credit.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Api;

/// <summary>
/// One stored record, for its own department and the supervising office (unmasked: this is not the public view; a
/// natural person's record is read under audit).
/// </summary>
public sealed class RecordsApi(RecordStore records, DisclosureSchedule schedule, PersonalDataReads reads, TimeProvider clock)
{
    static readonly HashSet<string> SystemProperties = ["PartitionKey", "RowKey", "Timestamp", "odata.etag"];

    [Function(nameof(GetRecord))]
    [ApiOperation("One stored record, every resident ID and mobile number masked", Credential.Department | Credential.Supervisor, Resource = ResourceKind.Record, Parties = Party.Owner | Party.Office, Response = typeof(RecordColumns))]
    public async Task<IActionResult> GetRecord(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/records/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var caller = RequestAuth.CallerOf(request);
        var entity = RequestAuth.ResourceOf<RecordResource>(request).Entity;
        await reads.RecordAsync([entity.GetString("SubjectKey")], caller.Actor, "record", id,
            caller.Role == CallerRole.Supervisor ? ReadPurpose.Supervision : ReadPurpose.OwnDecision, cancellationToken);
        return new OkObjectResult(ToJson(entity, masked: true));
    }

    [Function(nameof(RevokeRecord))]
    [ApiOperation("Revokes a decision: it leaves public view at the next disclosure run, its reason published", Credential.Department, Request = typeof(Revocation), Resource = ResourceKind.Record, Parties = Party.Owner, Response = typeof(RevocationAccepted))]
    public async Task<IActionResult> RevokeRecord(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/records/{id}/revocation")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (key, entity) = RequestAuth.ResourceOf<RecordResource>(request);
        var (revocation, invalid) = await ApiResults.ReadJsonAsync<Revocation>(request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        if (string.IsNullOrWhiteSpace(revocation?.Reason) || string.IsNullOrWhiteSpace(revocation.Document))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "REVOCATION_INCOMPLETE",
                "send {\"reason\": \"…\", \"document\": \"…\"}: the reason and the number of the revoking or changing decision are published with it",
                "请提供撤销或变更的理由(reason)和决定文书号(document)，二者将依法公示");
        }

        var today = BeijingTime.Today(clock);
        await records.MarkAsync([(key, new Dictionary<string, object?> { ["RevocationReason"] = revocation.Reason.Trim(), ["RevocationDocument"] = revocation.Document.Trim(), ["RevokedAt"] = clock.GetUtcNow() })], cancellationToken);
        await schedule.ScheduleWithdrawalsAsync([new DueWithdrawal(today, id, entity.GetString("SubjectKey"), revocation.Reason.Trim(), revocation.Document.Trim())], cancellationToken);
        return new AcceptedResult($"/api/records/{id}", new RevocationAccepted(id, DateText.ToIso(today), "leaves public view at the next disclosure run (行政处罚法 Art. 48: within 3 days)"));
    }

    sealed record Revocation(string? Reason, string? Document);

    /// <summary>
    /// A stored record as the API shows it: whole to its own subject (/api/me); to its department and the office with
    /// every resident ID and mobile number masked wherever it stands, as in notices (personal data minimal in motion).
    /// </summary>
    public static RecordColumns ToJson(TableEntity entity, bool masked = false)
    {
        var columns = new RecordColumns();
        foreach (var key in entity.Keys.Where(k => !SystemProperties.Contains(k)))
        {
            columns[key] = masked && entity[key] is string text ? PersonalDataMasking.MaskFreeText(text) : entity[key];
        }

        return columns;
    }
}

/// <summary>A stored record: its derived fields and every template column by its code (CF_…, XK_…), as stored.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1710", Justification = "A record's columns, named for what they are.")]
public sealed class RecordColumns : Dictionary<string, object?>
{
    public RecordColumns()
        : base(StringComparer.Ordinal)
    {
    }
}
