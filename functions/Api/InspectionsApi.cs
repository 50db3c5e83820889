using System.Text;
using Credit.Departments;
using Credit.Functions.OpenApi;
using Credit.Inspections;
using Credit.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Api;

/// <summary>A plan asked for: the seed to draw from (any text up to 64 characters; one is drawn when none is given), and for the office the department.</summary>
public sealed record PlanRequest(string? Seed, string? Department);

/// <summary>An inspection's result: the subject (as the plan lists it), the day, whether problems were found, and what.</summary>
public sealed record InspectionResultRequest(string? Subject, string? InspectedOn, bool? ProblemsFound, string? Findings);

/// <summary>A plan with the subjects it drew and their results so far.</summary>
public sealed record InspectionPlanView(InspectionPlan Plan, IReadOnlyList<PlannedInspection> Subjects);

public sealed record InspectionPlanList(IReadOnlyList<InspectionPlan> Plans);

/// <summary>
/// 分类监管 by 双随机 (京政发〔2017〕15号 二(一)2, 二(二)1, 二(三)1): a department draws an inspection plan from its
/// population by credit grade, exports it (JSON or CSV), and records each inspection's result; the office reads every
/// department's plans and may draw one for a department.
/// </summary>
public sealed class InspectionsApi(InspectionDesk desk, InspectionStore store, TimeProvider clock)
{
    [Function(nameof(DrawInspectionPlan))]
    [ApiOperation("Draws an inspection plan from the department's population by grade (ratios per grade, subjects inspected recently left out); the same seed on the same day is the same plan (200)",
        Credential.Department | Credential.Supervisor, Request = typeof(PlanRequest), Response = typeof(InspectionPlanView), SuccessStatus = 201, AlsoSucceedsWith = [200])]
    public async Task<IActionResult> DrawInspectionPlan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/inspections/plans")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApiResults.ReadJsonAsync<PlanRequest>(request, cancellationToken);
        if (body is null)
        {
            return invalid!;
        }

        var caller = RequestAuth.CallerOf(request);
        var checks = new FieldChecks();
        var seed = checks.Text("seed", "随机种子", body.Seed, 64, multiLine: false, required: false);
        var department = caller.Role == CallerRole.Department ? caller.DepartmentCode : checks.Text("department", "部门", body.Department, 32, multiLine: false, required: true);
        if (checks.Problems.Count > 0)
        {
            return ApiResults.Broken("INVALID_PLAN", "plan request", "抽查计划请求", checks.Problems);
        }

        var (plan, created) = await desk.PlanAsync(department!, seed, caller.Actor, cancellationToken);
        var view = new InspectionPlanView(plan, await store.ItemsAsync(plan.Id, cancellationToken));
        return created ? new ObjectResult(view) { StatusCode = StatusCodes.Status201Created } : new OkObjectResult(view);
    }

    [Function(nameof(ListInspectionPlans))]
    [ApiOperation("The department's inspection plans, newest first (the office: every department's, or one named)", Credential.Department | Credential.Supervisor,
        Query = ["department: a department's code (the office)"], Response = typeof(InspectionPlanList))]
    public async Task<IActionResult> ListInspectionPlans(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/inspections/plans")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var caller = RequestAuth.CallerOf(request);
        var department = caller.Role == CallerRole.Department ? caller.DepartmentCode : request.Query["department"].ToString() is { Length: > 0 } named ? named : null;
        return new OkObjectResult(new InspectionPlanList(await store.ListAsync(department, cancellationToken)));
    }

    [Function(nameof(GetInspectionPlan))]
    [ApiOperation("One inspection plan and its subjects with their results, as JSON or (format=csv) as a spreadsheet; 404 when it is not the department's",
        Credential.Department | Credential.Supervisor, Query = ["format: json (default) or csv"], Response = typeof(InspectionPlanView))]
    public async Task<IActionResult> GetInspectionPlan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/inspections/plans/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (await FindAsync(request, id, cancellationToken) is not { } plan)
        {
            return NotFound(id);
        }

        var subjects = await store.ItemsAsync(plan.Id, cancellationToken);
        if (!string.Equals(request.Query["format"], "csv", StringComparison.OrdinalIgnoreCase))
        {
            return new OkObjectResult(new InspectionPlanView(plan, subjects));
        }

        // The template's Chinese headers; UTF-8 with BOM so spreadsheet software reads it; every cell made safe to open.
        var csv = new StringBuilder("\uFEFF计划编号,主体,信用等级,评价分数,检查日期,是否发现问题,检查结果,本部门相关事项\r\n");
        foreach (var s in subjects.OrderBy(s => s.Grade, StringComparer.Ordinal).ThenBy(s => s.SubjectKey, StringComparer.Ordinal))
        {
            csv.AppendJoin(',', new[]
            {
                plan.Id, s.SubjectKey, s.Grade, s.Score.ToString(System.Globalization.CultureInfo.InvariantCulture), s.InspectedOn is { } on ? DateText.ToIso(on) : string.Empty,
                s.ProblemsFound switch { true => "是", false => "否", null => string.Empty }, s.Findings ?? string.Empty, string.Join(' ', s.Items ?? []),
            }.Select(Credit.Disclosure.PublicStore.Quote)).Append("\r\n");
        }

        return new FileContentResult(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8") { FileDownloadName = $"{plan.Id}.csv" };
    }

    [Function(nameof(RecordInspectionResult))]
    [ApiOperation("Records the result of an inspection the plan drew, once (the same result again: 200; another one: 409); the subject is left out of the department's plans for the configured months",
        Credential.Department, Request = typeof(InspectionResultRequest), Response = typeof(PlannedInspection),
        Errors = ["409 RESULT_RECORDED: another result was recorded; a result is not changed", "422 NOT_IN_PLAN: the plan did not draw this subject"])]
    public async Task<IActionResult> RecordInspectionResult(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/inspections/plans/{id}/results")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (await FindAsync(request, id, cancellationToken) is not { } plan)
        {
            return NotFound(id);
        }

        var (body, invalid) = await ApiResults.ReadJsonAsync<InspectionResultRequest>(request, cancellationToken);
        if (body is null)
        {
            return invalid!;
        }

        var checks = new FieldChecks();
        var subject = checks.Text("subject", "主体", body.Subject, 128, multiLine: false, required: true);
        var on = checks.Date("inspectedOn", "检查日期", body.InspectedOn);
        var findings = checks.Text("findings", "检查结果", body.Findings, 2000, multiLine: true, required: false);
        var today = Calendar.BeijingTime.Today(clock);
        if (on is { } day && (day < plan.PlannedOn || day > today))
        {
            checks.Fail("inspectedOn", DateText.ToIso(day), "INSPECTED_ON", $"检查日期应在计划日期（{DateText.ToIso(plan.PlannedOn)}）至今日之间",
                $"inspectedOn must be from the plan's day ({DateText.ToIso(plan.PlannedOn)}) to today");
        }

        if (body.ProblemsFound is null)
        {
            checks.Fail("problemsFound", null, "REQUIRED", "是否发现问题（problemsFound）为必填项", "problemsFound (true or false) is required");
        }

        if (checks.Problems.Count > 0)
        {
            return ApiResults.Broken("INVALID_RESULT", "result", "检查结果", checks.Problems);
        }

        var (outcome, item) = await desk.RecordResultAsync(plan, subject!, on!.Value, body.ProblemsFound!.Value, findings, cancellationToken);
        return outcome switch
        {
            ResultOutcome.Recorded or ResultOutcome.AlreadyRecorded => new OkObjectResult(item),
            ResultOutcome.OtherResultRecorded => ApiResults.Error(StatusCodes.Status409Conflict, "RESULT_RECORDED",
                $"another result was recorded for this subject on {DateText.ToIso(item!.InspectedOn!.Value)}; a result is not changed", $"该主体已于{DateText.ToIso(item!.InspectedOn!.Value)}记录其他检查结果，检查结果不可更改"),
            _ => ApiResults.Error(StatusCodes.Status422UnprocessableEntity, "NOT_IN_PLAN",
                $"plan {plan.Id} did not draw '{ApiResults.Echo(subject!)}'", $"抽查计划{plan.Id}未抽中“{ApiResults.Echo(subject!)}”"),
        };
    }

    /// <summary>The plan, when the caller may read it: the office any, a department its own.</summary>
    async Task<InspectionPlan?> FindAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var caller = RequestAuth.CallerOf(request);
        return await store.GetAsync(id, cancellationToken) is { } plan && (caller.Role == CallerRole.Supervisor || plan.Department == caller.DepartmentCode) ? plan : null;
    }

    static ObjectResult NotFound(string id) => ApiResults.Error(StatusCodes.Status404NotFound, "PLAN_NOT_FOUND",
        $"no inspection plan '{ApiResults.Echo(id)}' of this department", $"本部门无抽查计划“{ApiResults.Echo(id)}”");
}
