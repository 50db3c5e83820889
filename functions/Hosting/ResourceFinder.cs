using Azure.Data.Tables;
using Credit.Departments;
using Credit.Functions.Api;
using Credit.Functions.OpenApi;
using Credit.Identifiers;
using Credit.JointCases;
using Credit.Lists;
using Credit.Records;
using Credit.Remedies;
using Credit.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Credit.Functions.Hosting;

public sealed record RecordResource(RecordKey Key, TableEntity Entity);

public sealed record ListEntryResource(ListEntry Entry, ListEntryStatus Status);

public sealed record CaseResource(CaseRecord Case, IReadOnlyList<AssignmentRecord> Assignments);

/// <summary>A resource a route names, and who stands how to it.</summary>
public sealed record FoundResource(object Value, string? Owner, IReadOnlySet<string> Participants, string? SubjectKey, string? Filer)
{
    public Party PartiesOf(Caller caller)
    {
        var parties = Party.None;
        if (caller.Role == CallerRole.Supervisor)
        {
            parties |= Party.Office;
        }

        if (caller.Role == CallerRole.Department)
        {
            parties |= caller.DepartmentCode == Owner ? Party.Owner : Party.None;
            parties |= Participants.Contains(caller.DepartmentCode!) ? Party.Participant : Party.None;
        }

        parties |= caller.Role == CallerRole.Subject && caller.SubjectKey == SubjectKey ? Party.Subject : Party.None;
        return parties | (caller.Actor == Filer ? Party.Filer : Party.None);
    }
}

/// <summary>
/// Finds what a route names, for <see cref="AccessByDeclaration"/>: a malformed identifier is 400 (saying which check
/// failed), a missing resource the kind's 404, which is also what a caller with no standing to it gets.
/// </summary>
public sealed class ResourceFinder(
    RecordStore records, ListStore lists, CaseStore cases, RemedyStore remedies, Credit.Commitments.CommitmentStore commitments, Credit.DishonestyReports.DishonestyReportStore reports,
    Credit.GovernmentIntegrity.GovernmentComplaintStore complaints)
{
    static readonly IReadOnlySet<string> NoOne = new HashSet<string>();

    /// <summary>The resource, or the answer to send instead; neither for a department the route does not name.</summary>
    public async Task<(FoundResource? Found, ObjectResult? Answer)> FindAsync(ResourceKind kind, string? name, CancellationToken cancellationToken)
    {
        if (name is null)
        {
            // A department left out of the query: the handler scopes to the caller's own.
            return (null, kind == ResourceKind.Department ? null : NotFound(kind, string.Empty));
        }

        switch (kind)
        {
            case ResourceKind.Department:
                var check = UnifiedSocialCreditCode.Check(name);
                return check.IsValid
                    ? (new FoundResource(name, name, NoOne, null, null), null)
                    : (null, ApiResults.Error(StatusCodes.Status400BadRequest, check.ReasonCode!, $"department code {ApiResults.Echo(name)}: {check.MessageEn}", $"单位代码{ApiResults.Echo(name)}：{check.MessageZh}"));

            case ResourceKind.Record:
                if (!RecordKey.TryParseId(name, out var key))
                {
                    return (null, ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_RECORD_ID",
                        $"'{ApiResults.Echo(name)}' is not a record id (the department's 18-character code, '-', and 32 lowercase hex digits)",
                        $"“{ApiResults.Echo(name)}”不是有效的记录编号（单位18位代码-32位小写十六进制）"));
                }

                return await records.GetAsync(key, cancellationToken) is { } entity
                    ? (new FoundResource(new RecordResource(key, entity), key.DepartmentCode, NoOne, entity.GetString("SubjectKey"), null), null)
                    : (null, NotFound(kind, name));

            case ResourceKind.ListEntry:
                if (!ListEntryId.TryParse(name, out _))
                {
                    return (null, ApiResults.Error(StatusCodes.Status400BadRequest, "ENTRY_ID", $"'{ApiResults.Echo(name)}' is not a list entry id ({{department code}}-{{r|b|w}}{{24 hex}})", $"“{ApiResults.Echo(name)}”不是有效的名单编号"));
                }

                if (await lists.GetAsync(name, cancellationToken) is not { } found)
                {
                    return (null, NotFound(kind, name));
                }

                // The departments of the entry's case know the entry (its id is the case's).
                return (new FoundResource(new ListEntryResource(found.Entry, found.Status), found.Entry.InitiatingDepartment,
                    await DepartmentsOfAsync(name, cancellationToken), found.Entry.SubjectKey, null), null);

            case ResourceKind.Case:
                if (await cases.GetCaseAsync(name, cancellationToken) is not { } record)
                {
                    return (null, NotFound(kind, name));
                }

                var assignments = await cases.AssignmentsAsync(name, cancellationToken);
                return (new FoundResource(new CaseResource(record, assignments), record.InitiatingDepartment, Departments(assignments), record.SubjectKey, null), null);

            case ResourceKind.Commitment:
                if (Credit.Commitments.CommitmentStore.SubjectKeyOf(name) is null)
                {
                    // A person's ID number sent where the subject key belongs is not echoed whole.
                    var echoed = PersonalDataMasking.MaskFreeText(ApiResults.Echo(name));
                    return (null, ApiResults.Error(StatusCodes.Status400BadRequest, "COMMITMENT_ID", $"'{echoed}' is not a commitment id ({{subject key}}-c{{24 hex}})", $"“{echoed}”不是有效的承诺编号"));
                }

                return await commitments.GetAsync(name, cancellationToken) is { } commitment
                    ? (new FoundResource(commitment, commitment.Department, NoOne, commitment.SubjectKey, null), null)
                    : (null, NotFound(kind, name));

            case ResourceKind.DishonestyReport:
                if (!Credit.DishonestyReports.DishonestyReportStore.IsId(name))
                {
                    return (null, ApiResults.Error(StatusCodes.Status400BadRequest, "REPORT_ID", $"'{ApiResults.Echo(name)}' is not a report id (DR and 24 lowercase hex digits)", $"“{ApiResults.Echo(name)}”不是有效的举报编号"));
                }

                // The department it was sent to holds it; the reporter and the reported subject are no parties.
                return await reports.GetAsync(name, cancellationToken) is { } report
                    ? (new FoundResource(report.Report, report.Report.Department, NoOne, null, null), null)
                    : (null, NotFound(kind, name));

            case ResourceKind.GovernmentComplaint:
                if (!Credit.GovernmentIntegrity.GovernmentComplaintStore.IsId(name))
                {
                    return (null, ApiResults.Error(StatusCodes.Status400BadRequest, "COMPLAINT_ID", $"'{ApiResults.Echo(name)}' is not a complaint id (GC and 24 lowercase hex digits)", $"“{ApiResults.Echo(name)}”不是有效的投诉编号"));
                }

                // The body complained of holds it (it may answer); the filer filed it.
                return await complaints.GetAsync(name, cancellationToken) is { } complaint
                    ? (new FoundResource(complaint.Complaint, complaint.Complaint.RespondentCode, NoOne, null, complaint.Complaint.FiledBy), null)
                    : (null, NotFound(kind, name));

            default:
                var remedyKind = kind == ResourceKind.Objection ? RemedyKind.Objection : RemedyKind.Repair;
                return await remedies.GetAsync(name, cancellationToken) is { } remedy && remedy.Kind == remedyKind
                    ? (new FoundResource(remedy, remedy.DecidingDepartment, NoOne, remedy.SubjectKey, remedy.FiledBy), null)
                    : (null, NotFound(kind, name));
        }
    }

    async Task<IReadOnlySet<string>> DepartmentsOfAsync(string caseId, CancellationToken cancellationToken) =>
        Departments(await cases.AssignmentsAsync(caseId, cancellationToken));

    static HashSet<string> Departments(IEnumerable<AssignmentRecord> assignments) => assignments.Select(a => a.Assignment.Department).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The answer for a caller with no standing to the resource: what a missing one gets, so that no key tells whether
    /// it exists; a department, which is public, refuses plainly.
    /// </summary>
    public static ObjectResult Refusal(ResourceKind kind, string name) =>
        kind == ResourceKind.Department ? ApiResults.Forbidden(name) : NotFound(kind, name);

    static ObjectResult NotFound(ResourceKind kind, string name)
    {
        var (en, zh) = kind switch
        {
            ResourceKind.Record => ($"no record {ApiResults.Echo(name)}", $"记录{ApiResults.Echo(name)}不存在"),
            ResourceKind.ListEntry => ($"no list entry {ApiResults.Echo(name)}", $"名单{ApiResults.Echo(name)}不存在"),
            ResourceKind.Case => ($"no case {ApiResults.Echo(name)}", $"案件{ApiResults.Echo(name)}不存在"),
            ResourceKind.Commitment => ($"no commitment {ApiResults.Echo(name)}", $"承诺{ApiResults.Echo(name)}不存在"),
            ResourceKind.DishonestyReport => ($"no report of dishonesty {ApiResults.Echo(name)}", $"举报{ApiResults.Echo(name)}不存在"),
            ResourceKind.GovernmentComplaint => ($"no complaint {ApiResults.Echo(name)}", $"投诉{ApiResults.Echo(name)}不存在"),
            _ => ($"no such objection or repair application {ApiResults.Echo(name)}", $"未找到{ApiResults.Echo(name)}"),
        };
        return ApiResults.Error(StatusCodes.Status404NotFound, kind.NotFoundCode()!, en, zh);
    }
}
