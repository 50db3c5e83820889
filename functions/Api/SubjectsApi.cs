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
public sealed class SubjectsApi(
    RecordStore records, ListStore lists, CaseStore cases, RemedyStore remedies, Credit.Exchange.ImportedEntryStore imported, Credit.Exchange.ExchangeSources sources,
    Credit.Commitments.CommitmentStore commitments, Credit.GovernmentIntegrity.GovernmentRecordStore governmentRecords, SubjectStandings standings, Credit.Evaluation.Evaluator evaluator,
    AuditLog audit, PersonalDataReads reads, SubjectKeys subjectKeys, TimeProvider clock)
{
    [Function(nameof(GetOwnRecord))]
    [ApiOperation("A subject's own records, list entries, cases, remedies, commitments and 政务失信 records, its own personal data unmasked, what other platforms listed about it, and its 信用评价 with every factor", Credential.Subject, Response = typeof(OwnData))]
    public async Task<IActionResult> GetOwnRecord(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var key = RequestAuth.CallerOf(request).SubjectKey!;
        var entries = new List<OwnListEntry>();
        foreach (var (entry, status, role) in await lists.StandingAsync(key, cancellationToken))
        {
            entries.Add(new OwnListEntry(
                entry.Id, entry.ListType, role, entry.SubjectKey == key ? entry.SubjectCode : entry.SubjectLabel, entry.SubjectName, entry.Category, entry.Field,
                entry.LegalBasis, entry.DecisionDocument, DateText.ToIso(entry.StartDate), DateText.ToIso(entry.EndDate), status.UnderObjection,
                // A person sees its own ID number whole, never another's.
                [.. entry.ResponsiblePersons.Select(p => new OwnResponsiblePerson(p.Role, p.Name, p.SubjectKey == key ? p.IdNumber : p.MaskedIdNumber))]));
        }

        var today = Credit.Calendar.BeijingTime.Today(clock);
        var evaluation = await evaluator.EvaluateAsync(await standings.ReadAsync(key, cancellationToken), today, cancellationToken);
        return new OkObjectResult(new OwnData(
            [.. (await records.OfSubjectAsync(key, cancellationToken)).Select(r => RecordsApi.ToJson(r))],
            entries,
            [.. (await cases.ListAsync(null, null, key, 200, cancellationToken)).Select(c => new OwnCase(c.Id, c.State, c.ListType, DateText.ToIso(c.EndDate), c.EndReason))],
            [.. (await remedies.OfSubjectAsync(key, cancellationToken)).Select(r => new OwnRemedy(r.Id, r.Kind, r.Item, r.State, DateText.ToIso(r.Deadline), r.DecisionReason))],
            [.. (await imported.OfSubjectAsync(key, (await sources.ListAsync(cancellationToken)).Select(s => s.Code), cancellationToken)).Select(OwnImportedEntry.Of)],
            [.. (await commitments.OfSubjectAsync(key, cancellationToken)).Select(c => CommitmentView.Of(c, today))],
            [.. (await governmentRecords.OfSubjectAsync(key, cancellationToken)).Select(GovernmentRecordView.Of)],
            evaluation));
    }

    [Function(nameof(GetOwnAccessLog))]
    [ApiOperation("Who read the caller's personal data, when, what and why, newest first (at most 500); a natural person's own key", Credential.Subject, Response = typeof(AccessLog))]
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
        return new OkObjectResult(new AccessLog(found, found.Count == PersonalDataReads.MaxListed));
    }

    [Function(nameof(GetAudit))]
    [ApiOperation("The append-only audit of every objection and repair step", Credential.Supervisor | Credential.Subject, Query = ["subject: credit code or ID number (supervisor)"], Response = typeof(AuditTrail))]
    public async Task<IActionResult> GetAudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/audit")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        // A subject reads its own items' audit; the office names the subject it reads.
        var caller = RequestAuth.CallerOf(request);
        var key = caller.Role == CallerRole.Subject ? caller.SubjectKey : subjectKeys.For(request.Query["subject"].ToString());
        return key is null
            ? ApiResults.Error(StatusCodes.Status400BadRequest, "SUBJECT", "name the subject: ?subject={credit code or ID number}", "请注明主体：?subject={统一社会信用代码或身份证号}")
            : new OkObjectResult(new AuditTrail(await audit.OfSubjectAsync(key, cancellationToken)));
    }
}

/// <summary>
/// What the product holds about the caller: its records, list entries (also as a responsible person), cases, remedies,
/// entries of other platforms' lists, commitments, 政务失信 records, and its 信用评价 with every factor (each one it
/// may object to through POST /api/objections, naming the factor's item).
/// </summary>
public sealed record OwnData(
    IReadOnlyList<RecordColumns> Records, IReadOnlyList<OwnListEntry> ListEntries, IReadOnlyList<OwnCase> Cases, IReadOnlyList<OwnRemedy> Remedies, IReadOnlyList<OwnImportedEntry> Imported,
    IReadOnlyList<CommitmentView> Commitments, IReadOnlyList<GovernmentRecordView> GovernmentRecords, Credit.Evaluation.SubjectEvaluation Evaluation);

/// <summary>An entry another platform listed about the caller, standing or removed (its source corrects it, not Beijing).</summary>
public sealed record OwnImportedEntry(
    string Source, string SourceId, string ListKind, ListType ListType, string SubjectName, string ListingAuthority, string? LegalBasis, string? DecisionDocument, string? Conduct,
    string StartDate, string? EndDate, string? RemovedOn)
{
    public static OwnImportedEntry Of(Credit.Exchange.ImportedEntry e) => new(
        e.Source, e.SourceId, e.ListKind, e.ListType, e.SubjectName, e.ListingAuthority, e.LegalBasis, e.DecisionDocument, e.Conduct,
        DateText.ToIso(e.StartDate), e.EndDate is { } end ? DateText.ToIso(end) : null, e.RemovedOn is { } removed ? DateText.ToIso(removed) : null);
}

public sealed record OwnListEntry(
    string EntryId,
    ListType ListType,
    ResponsibleRole? AsResponsiblePerson,
    string SubjectCode,
    string SubjectName,
    string Category,
    string Field,
    string LegalBasis,
    string DecisionDocument,
    string StartDate,
    string EndDate,
    bool UnderObjection,
    IReadOnlyList<OwnResponsiblePerson> ResponsiblePersons);

public sealed record OwnResponsiblePerson(ResponsibleRole Role, string Name, string IdNumber);

public sealed record OwnCase(string CaseId, CaseState State, ListType ListType, string EndDate, CaseEndReason? EndReason);

public sealed record OwnRemedy(string Id, RemedyKind Kind, ItemRef Item, RemedyState State, string Deadline, string? DecisionReason);
