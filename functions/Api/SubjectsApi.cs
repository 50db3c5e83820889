using Credit.Departments;
using Credit.Functions.OpenApi;
using Credit.Identifiers;
using Credit.JointCases;
using Credit.Lists;
using Credit.PersonalData;
using Credit.Records;
using Credit.Remedies;
using Credit.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Api;

/// <summary>A subject's own record (its own personal data unmasked), who read a person's data, and the audit of remedies about it.</summary>
public sealed class SubjectsApi(RecordStore records, ListStore lists, CaseStore cases, RemedyStore remedies, AuditLog audit, PersonalDataReads reads, SubjectKeys subjectKeys)
{
    [Function(nameof(GetOwnRecord))]
    [ApiOperation("A subject's own records, list entries, cases and remedies, its own personal data unmasked", Credential.Subject)]
    public async Task<IActionResult> GetOwnRecord(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var key = RequestAuth.CallerOf(request).SubjectKey!;
        var entries = new List<object>();
        foreach (var hit in await lists.HitsAsync(key, cancellationToken))
        {
            if (await lists.GetAsync(hit.EntryId, cancellationToken) is { } found)
            {
                var entry = found.Entry;
                entries.Add(new
                {
                    entryId = entry.Id,
                    listType = entry.ListType,
                    asResponsiblePerson = hit.Role,
                    subjectCode = entry.SubjectKey == key ? entry.SubjectCode : entry.SubjectLabel,
                    entry.SubjectName,
                    entry.Category,
                    entry.Field,
                    entry.LegalBasis,
                    entry.DecisionDocument,
                    startDate = DateText.ToIso(entry.StartDate),
                    endDate = DateText.ToIso(entry.EndDate),
                    underObjection = found.Status.UnderObjection,
                    // A person sees its own ID number whole, never another's.
                    responsiblePersons = entry.ResponsiblePersons.Select(p => new { role = p.Role, p.Name, idNumber = p.SubjectKey == key ? p.IdNumber : p.MaskedIdNumber }),
                });
            }
        }

        return new OkObjectResult(new
        {
            records = (await records.OfSubjectAsync(key, cancellationToken)).Select(r => RecordsApi.ToJson(r)),
            listEntries = entries,
            cases = (await cases.ListAsync(null, null, key, 200, cancellationToken)).Select(c => new { caseId = c.Id, state = c.State, listType = c.ListType, endDate = DateText.ToIso(c.EndDate), endReason = c.EndReason }),
            remedies = (await remedies.OfSubjectAsync(key, cancellationToken)).Select(r => new { r.Id, r.Kind, r.Item, r.State, deadline = DateText.ToIso(r.Deadline), r.DecisionReason }),
        });
    }

    [Function(nameof(GetOwnAccessLog))]
    [ApiOperation("Who read the caller's personal data, when, what and why, newest first (at most 500); a natural person's own key", Credential.Subject)]
    public async Task<IActionResult> GetOwnAccessLog(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me/access-log")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var key = RequestAuth.CallerOf(request).SubjectKey!;

        // An organisation's data is not personal: nothing is logged for it, and it is told so rather than shown an empty log.
        if (!SubjectKeys.IsPersonKey(key))
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, "NO_ACCESS_LOG", "reads are logged for natural persons only (个人信息保护法): an organisation's key has no access log",
                "仅记录对自然人个人信息的查阅：法人和非法人组织无查阅记录");
        }

        var found = await reads.OfPersonAsync(key, cancellationToken);
        return new OkObjectResult(new { reads = found, truncated = found.Count == PersonalDataReads.MaxListed });
    }

    [Function(nameof(GetAudit))]
    [ApiOperation("The append-only audit of every objection and repair step", Credential.Supervisor | Credential.Subject, Query = ["subject: credit code or ID number (supervisor)"])]
    public async Task<IActionResult> GetAudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/audit")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        // A subject reads its own items' audit; the office names the subject it reads.
        var caller = RequestAuth.CallerOf(request);
        var key = caller.Role == CallerRole.Subject ? caller.SubjectKey : subjectKeys.For(request.Query["subject"].ToString());
        return key is null
            ? ApiResults.Error(StatusCodes.Status400BadRequest, "SUBJECT", "name the subject: ?subject={credit code or ID number}", "请注明主体：?subject={统一社会信用代码或身份证号}")
            : new OkObjectResult(new { audit = await audit.OfSubjectAsync(key, cancellationToken) });
    }
}
