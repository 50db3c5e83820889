using Credit.Calendar;
using Credit.Commitments;
using Credit.Functions.OpenApi;
using Credit.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Api;

public sealed record OutcomeRequest(string? Outcome, string? Date, string? Note);

/// <summary>A commitment as the department that took it, the subject and the office read it (and the credit check shows it).</summary>
public sealed record CommitmentView(
    string Id, string Department, string Subject, string SubjectName, CommitmentKind Kind, string Reference, string Text, bool Public, string TakenOn,
    IReadOnlyList<string> MissingItems, string? DueDate, bool Overdue, CommitmentStatus Status, string? OutcomeOn, string? OutcomeNote, string? FoundWrongBy)
{
    public static CommitmentView Of(Commitment c, DateOnly today) => new(
        c.Id, c.Department, c.SubjectLabel, c.SubjectName, c.Kind, c.Reference, c.Text, c.Public, DateText.ToIso(c.TakenOn), c.MissingItems,
        c.DueDate is { } due ? DateText.ToIso(due) : null, c.OverdueOn(today), c.Status, c.OutcomeOn is { } on ? DateText.ToIso(on) : null, c.OutcomeNote, c.FoundWrongBy);
}

/// <summary>
/// 信用承诺 (京政发〔2017〕15号 二(二)2): a department records the commitment a subject gave it (告知承诺, 容缺受理 with the
/// items missing and their due date, a public self-declaration, a repair or industry commitment), and later whether it
/// was kept (履约) or broken (违约). A broken commitment bars incentives (<see cref="Credit.JointCases.IncentiveEligibility"/>).
/// </summary>
public sealed class CommitmentsApi(CommitmentValidator validator, CommitmentStore commitments, CommitmentRegister register, TimeProvider clock)
{
    [Function(nameof(TakeCommitment))]
    [ApiOperation("Records a subject's credit commitment taken by the calling department (201; the same again: 200; same subject, kind and reference with other content: 409)", Credential.Department,
        Request = typeof(CommitmentDraft), SuccessStatus = 201, AlsoSucceedsWith = [200], Errors = ["409 COMMITMENT_EXISTS: the same subject, kind and reference with other content"], Response = typeof(CommitmentView))]
    public async Task<IActionResult> TakeCommitment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/commitments")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var department = RequestAuth.CallerOf(request).DepartmentCode!;
        var (body, invalid) = await ApiResults.ReadJsonAsync<CommitmentDraft>(request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        var today = BeijingTime.Today(clock);
        var (commitment, errors) = validator.Validate(department, body!, today);
        if (commitment is null)
        {
            return ApiResults.Broken("INVALID_COMMITMENT", "commitment", "承诺信息", errors);
        }

        var (stored, created) = await commitments.TakeAsync(commitment, cancellationToken);
        if (!created && !stored.SameTakingAs(commitment))
        {
            return ApiResults.Error(StatusCodes.Status409Conflict, "COMMITMENT_EXISTS",
                $"commitment {stored.Id} (same subject, kind and reference) exists with other content",
                $"同一主体、承诺类型和事项编号的承诺{stored.Id}已存在且内容不同");
        }

        // Also for a retry: a crash between storing the commitment and counting or showing it is mended by the next request.
        await register.FollowAsync(stored, cancellationToken);
        var view = CommitmentView.Of(stored, today);
        return created ? new CreatedResult($"/api/commitments/{stored.Id}", view) : new OkObjectResult(view);
    }

    [Function(nameof(GetCommitment))]
    [ApiOperation("A commitment: what was promised, by when, and whether it was kept", Credential.AnyKey, Resource = ResourceKind.Commitment,
        Parties = Party.Owner | Party.Subject | Party.Office, Response = typeof(CommitmentView))]
    public IActionResult GetCommitment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/commitments/{id}")] HttpRequest request,
        string id) =>
        new OkObjectResult(CommitmentView.Of(RequestAuth.ResourceOf<Commitment>(request), BeijingTime.Today(clock)));

    [Function(nameof(RecordCommitmentOutcome))]
    [ApiOperation("The taking department records a commitment kept (fulfilled) or broken (breached), with the day and a note; the same outcome again changes nothing",
        Credential.Department, Request = typeof(OutcomeRequest), Errors = ["409 OUTCOME_RECORDED: another outcome was recorded; an outcome is not changed"],
        Resource = ResourceKind.Commitment, Parties = Party.Owner, Response = typeof(CommitmentView))]
    public async Task<IActionResult> RecordCommitmentOutcome(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/commitments/{id}/outcome")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApiResults.ReadJsonAsync<OutcomeRequest>(request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        CommitmentStatus? outcome = body!.Outcome?.Trim().ToLowerInvariant() switch
        {
            "fulfilled" or "履约" => CommitmentStatus.Fulfilled,
            "breached" or "违约" => CommitmentStatus.Breached,
            _ => null,
        };
        if (outcome is null)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "OUTCOME", "send outcome: \"fulfilled\" or \"breached\", with the date and a note",
                "请注明履约情况：outcome为fulfilled（履约）或breached（违约），并注明日期和说明");
        }

        var today = BeijingTime.Today(clock);
        var commitment = RequestAuth.ResourceOf<Commitment>(request);
        if (body.Date is not { } dateText || !DateText.TryParse(dateText.Trim(), out var on) || on > today || on < commitment.TakenOn)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "OUTCOME_DATE",
                $"date: the day of the outcome, from the day the commitment was taken ({DateText.ToIso(commitment.TakenOn)}) to today",
                $"日期：履约或违约之日，应在承诺日期（{DateText.ToIso(commitment.TakenOn)}）至今天之间");
        }

        var note = body.Note?.Trim();
        if (note is { Length: > 0 } && TextRules.Check(0, "note", "说明", note, 2000, multiLine: true) is { } bad)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, bad.Code, bad.MessageEn, bad.MessageZh);
        }

        var (result, recorded) = await commitments.RecordOutcomeAsync(commitment, outcome.Value, on, note is { Length: > 0 } ? note : null, cancellationToken);
        if (result != OutcomeResult.OtherOutcomeRecorded)
        {
            await register.FollowAsync(recorded, cancellationToken);
        }

        return result == OutcomeResult.OtherOutcomeRecorded
            ? ApiResults.Error(StatusCodes.Status409Conflict, "OUTCOME_RECORDED", $"the commitment was recorded {recorded.Status.ToString().ToLowerInvariant()} on {DateText.ToIso(recorded.OutcomeOn!.Value)}; an outcome is not changed",
                $"该承诺已于{DateText.ToIso(recorded.OutcomeOn!.Value)}记录为{(recorded.Status == CommitmentStatus.Fulfilled ? "履约" : "违约")}，不得更改")
            : new OkObjectResult(CommitmentView.Of(recorded, today));
    }
}
