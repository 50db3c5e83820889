using Credit.Departments;
using Credit.Functions.Hosting;
using Credit.Functions.JointCases;
using Credit.Functions.OpenApi;
using Credit.Identifiers;
using Credit.JointCases;
using Credit.Lists;
using Credit.Notices;
using Credit.PersonalData;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Credit.Functions.Api;

/// <summary>
/// Joint cases: their state and timeline (supervisor, initiating and implementing departments), execution feedback
/// and lift acknowledgements by implementing departments, a department's notices still to act on, and the identity
/// of a person a case names for the department that must apply a measure to it (notices carry it masked).
/// </summary>
public sealed class CasesApi(CaseStore cases, ListStore lists, CaseAnswers answers, NoticeOutbox outbox, PersonalDataReads reads, SubjectKeys subjectKeys, DepartmentRegistry registry)
{
    const int ListLimit = 200;
    const int MaxPurposeLength = 200;

    [Function(nameof(GetCase))]
    [ApiOperation("A joint case: state, assignments with deadlines and answers, lifts, and the timeline of every push, feedback, reminder and decision", Credential.Department | Credential.Supervisor,
        Resource = ResourceKind.Case, Parties = Party.Owner | Party.Participant | Party.Office, Response = typeof(CaseView))]
    public async Task<IActionResult> GetCase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/cases/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var caller = RequestAuth.CallerOf(request);
        var (record, assignments) = RequestAuth.ResourceOf<CaseResource>(request);
        await reads.RecordAsync(assignments.Select(a => a.Assignment.Target.Key), caller.Actor, "case", id,
            caller.Role == CallerRole.Supervisor ? ReadPurpose.Supervision : ReadPurpose.JointCase, cancellationToken);
        return new OkObjectResult(CaseView.Of(
            record, assignments, await cases.LiftsAsync(id, cancellationToken), await cases.TimelineAsync(id, cancellationToken), await registry.ListAsync(cancellationToken)));
    }

    [Function(nameof(ListCases))]
    [ApiOperation("Joint cases: a department sees its own, the supervisor all", Credential.Department | Credential.Supervisor, Query = ["department: a department's credit code", "state: a case state", "subject: credit code or ID number"],
        Resource = ResourceKind.Department, Parties = Party.Owner | Party.Office, Response = typeof(CaseList))]
    public async Task<IActionResult> ListCases(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/cases")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var caller = RequestAuth.CallerOf(request);
        var department = request.Query["department"].ToString() is { Length: > 0 } d ? d : null;

        // A department sees the cases it takes part in; only the supervising office lists every case.
        department ??= caller.Role == CallerRole.Supervisor ? null : caller.DepartmentCode;
        CaseState? state = null;
        if (request.Query["state"].ToString() is { Length: > 0 } stateText)
        {
            if (!Enum.TryParse<CaseState>(stateText, ignoreCase: true, out var parsed) || int.TryParse(stateText, out _))
            {
                return ApiResults.Error(StatusCodes.Status400BadRequest, "STATE", $"state must be one of {string.Join(", ", Enum.GetNames<CaseState>())}, got '{stateText}'",
                    $"state应为{string.Join("、", Enum.GetNames<CaseState>())}之一，实际为“{stateText}”");
            }

            state = parsed;
        }

        string? subjectKey = null;
        if (request.Query["subject"].ToString() is { Length: > 0 } subject)
        {
            subjectKey = subjectKeys.For(subject);
            if (subjectKey is null)
            {
                var check = SubjectKeys.WhyNot(subject);
                return ApiResults.Error(StatusCodes.Status400BadRequest, check.ReasonCode ?? "SUBJECT", $"subject must be a credit code or an ID number: {check.MessageEn}", $"subject应为统一社会信用代码或身份证号：{check.MessageZh}");
            }
        }

        var found = await cases.ListAsync(department, state, subjectKey, ListLimit, cancellationToken);
        if (subjectKey is not null)
        {
            await reads.RecordAsync([subjectKey], caller.Actor, "cases", "cases by subject",
                caller.Role == CallerRole.Supervisor ? ReadPurpose.Supervision : ReadPurpose.JointCase, cancellationToken);
        }

        return new OkObjectResult(new CaseList([.. found.Select(CaseSummary.Of)], found.Count == ListLimit));
    }

    [Function(nameof(PostFeedback))]
    [ApiOperation("执行反馈 for one measure and target of a case pushed to the caller", Credential.Department, Request = typeof(Credit.JointCases.FeedbackDraft), Errors = ["409 ALREADY_ANSWERED: answered already with another outcome; an answer is not changed"],
        Resource = ResourceKind.Case, Parties = Party.Participant, Response = typeof(CaseAnswer))]
    public async Task<IActionResult> PostFeedback(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/cases/{id}/feedback")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApiResults.ReadJsonAsync<FeedbackDraft>(request, cancellationToken);
        return invalid ?? await AnswerAsync(id, await answers.FeedbackAsync(id, RequestAuth.CallerOf(request).DepartmentCode!, body!, cancellationToken), durable, cancellationToken);
    }

    [Function(nameof(AcknowledgeLift))]
    [ApiOperation("Confirms the caller lifted its measures of an ended case", Credential.Department, Resource = ResourceKind.Case, Parties = Party.Participant, Response = typeof(CaseAnswer))]
    public async Task<IActionResult> AcknowledgeLift(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/cases/{id}/lift-acknowledgements")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        return await AnswerAsync(id, await answers.AcknowledgeLiftAsync(id, RequestAuth.CallerOf(request).DepartmentCode!, cancellationToken), durable, cancellationToken);
    }

    [Function(nameof(GetTargetIdentity))]
    [ApiOperation("The full identity (name, ID number) of a target a case names, for a department with a measure to apply to it; read under audit with the purpose given, which the person reads in /api/me/access-log",
        Credential.Department, Query = ["purpose: why the identity is read (required, at most 200 characters; the person reads it)"], Resource = ResourceKind.Case, Parties = Party.Participant,
        Response = typeof(TargetIdentity))]
    public async Task<IActionResult> GetTargetIdentity(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/cases/{id}/targets/{target}/identity")] HttpRequest request,
        string id,
        string target,
        CancellationToken cancellationToken)
    {
        var caller = RequestAuth.CallerOf(request);
        var purpose = request.Query["purpose"].ToString().Trim();
        if (purpose.Length is 0 or > MaxPurposeLength || purpose.Any(char.IsControl))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "PURPOSE_REQUIRED",
                $"say why the identity is read: ?purpose=… (1 to {MaxPurposeLength} characters, one line); the person it names reads it",
                $"请说明查阅身份信息的用途：?purpose=…（1至{MaxPurposeLength}个字符，单行），信息主体可查阅该用途");
        }

        // Only a department with a measure to apply to the target reads its identity; any other gets the answer it would get if there were none.
        var department = caller.DepartmentCode;
        if (!RequestAuth.ResourceOf<CaseResource>(request).Assignments.Any(a => a.Assignment.Department == department && a.Assignment.Target.Key == target && a.Status != AssignmentStatus.Withdrawn)
            || await lists.GetAsync(id, cancellationToken) is not { } found)
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, "TARGET_NOT_FOUND", $"case {ApiResults.Echo(id)} names no target {ApiResults.Echo(target)} for department {department}",
                $"案件{ApiResults.Echo(id)}未向单位{department}推送对象{ApiResults.Echo(target)}");
        }

        var entry = found.Entry;
        var person = entry.ResponsiblePersons.FirstOrDefault(p => p.SubjectKey == target);
        await reads.RecordAsync([target], caller.Actor, "identity", $"{id}/{target}", purpose, cancellationToken);
        return new OkObjectResult(person is null
            ? new TargetIdentity(id, target, entry.SubjectName, entry.SubjectCode, null)
            : new TargetIdentity(id, target, person.Name, person.IdNumber, person.Role));
    }

    [Function(nameof(GetPendingNotices))]
    [ApiOperation("The notices a department still has to answer (pushes, reminders, lifts)", Credential.Department, Resource = ResourceKind.Department, Parties = Party.Owner, Response = typeof(PendingNotices))]
    public async Task<IActionResult> GetPendingNotices(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/departments/{departmentCode}/notices")] HttpRequest request,
        string departmentCode,
        CancellationToken cancellationToken)
    {
        var pending = await outbox.PendingAsync(departmentCode, cancellationToken);
        return new OkObjectResult(new PendingNotices([.. pending.Select(n => new PendingNotice(n.NoticeId, n.CaseId, n.Kind, n.IssuedAt, System.Text.Json.JsonDocument.Parse(n.Body).RootElement))]));
    }

    static async Task<IActionResult> AnswerAsync(string caseId, AnswerResult result, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        // A repeated request raises its signal again: the process that stored the answer may have died before raising it.
        if (result.Signal is not null)
        {
            await new JointCaseInstances(durable).RaiseAsync(caseId, result.Signal, cancellationToken);
        }

        if (result.Status != StatusCodes.Status200OK)
        {
            return ApiResults.Error(result.Status, result.Code, result.MessageEn, result.MessageZh);
        }

        return result.Repeated
            ? new OkObjectResult(new CaseAnswer(caseId, result.MessageEn, result.MessageZh, AlreadyTaken: true, result.Code))
            : new OkObjectResult(new CaseAnswer(caseId, result.MessageEn, result.MessageZh, AlreadyTaken: false, null));
    }
}
