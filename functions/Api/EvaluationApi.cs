using System.Globalization;
using Credit.Evaluation;
using Credit.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Api;

/// <summary>
/// The 信用评价 model (京政发〔2017〕15号 二(一)2): everyone with a key reads the version in force or an earlier one; the
/// supervising office adopts the next version, which every evaluation after it uses, and runs the evaluation on
/// demand; a department reads the grades of its population (分类监管).
/// </summary>
public sealed class EvaluationApi(EvaluationModelStore models, EvaluationRun run, EvaluationMarks marks, EvaluationStore evaluations)
{
    [Function(nameof(GetEvaluationModel))]
    [ApiOperation("The evaluation model in force, or an earlier version", Credential.AnyKey, Query = ["version: a version number"], Response = typeof(EvaluationModel))]
    public async Task<IActionResult> GetEvaluationModel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/evaluation/model")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var asked = request.Query["version"].ToString();
        if (asked.Length == 0)
        {
            return new OkObjectResult(await models.CurrentAsync(cancellationToken));
        }

        return int.TryParse(asked, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && await models.VersionAsync(version, cancellationToken) is { } found
            ? new OkObjectResult(found)
            : ApiResults.Error(StatusCodes.Status404NotFound, "NO_SUCH_VERSION", $"the evaluation model has no version '{ApiResults.Echo(asked)}'", $"信用评价模型没有版本“{ApiResults.Echo(asked)}”");
    }

    [Function(nameof(AdoptEvaluationModel))]
    [ApiOperation("Adopts the evaluation model's next version (the version in force sent again adopts nothing: 200); 400 lists every rule the model breaks",
        Credential.Supervisor, Request = typeof(EvaluationModel), Response = typeof(EvaluationModel), SuccessStatus = 201, AlsoSucceedsWith = [200])]
    public async Task<IActionResult> AdoptEvaluationModel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/evaluation/model")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApiResults.ReadJsonAsync<EvaluationModel>(request, cancellationToken);
        if (body is null)
        {
            return invalid!;
        }

        if (body.Check() is { Count: > 0 } problems)
        {
            return ApiResults.Invalid("INVALID_EVALUATION_MODEL", "the evaluation model is incomplete or wrong", "信用评价模型不完整或有误", problems);
        }

        var (model, created) = await models.AdoptAsync(body, RequestAuth.CallerOf(request).Actor, cancellationToken);
        return created ? new ObjectResult(model) { StatusCode = StatusCodes.Status201Created } : new OkObjectResult(model);
    }

    [Function(nameof(RunEvaluation))]
    [ApiOperation("Runs the evaluation now: marks the subjects evaluated under an older model version, then evaluates the marked ones (at most 2,000)", Credential.Supervisor, Response = typeof(EvaluationRunView))]
    public async Task<IActionResult> RunEvaluation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/evaluation/runs")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var marked = await run.RebuildAsync(cancellationToken);
        var result = await run.RunAsync(Functions.Evaluation.EvaluationFunctions.SubjectsPerRun, cancellationToken);
        return new OkObjectResult(new EvaluationRunView(marked, result.Evaluated, result.Failed));
    }

    [Function(nameof(GetGrades))]
    [ApiOperation("How many subjects of a department's population (those its records, list entries and commitments name) stand at each grade; the office names any department, a department reads its own",
        Credential.Supervisor | Credential.Department, Query = ["department: the department's code"], Response = typeof(GradeDistribution))]
    public async Task<IActionResult> GetGrades(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/evaluation/grades")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var caller = RequestAuth.CallerOf(request);
        var department = caller.Role == Departments.CallerRole.Department ? caller.DepartmentCode! : request.Query["department"].ToString();
        if (department.Length == 0)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "DEPARTMENT", "name the department: ?department={code}", "请注明部门：?department={部门代码}");
        }

        if (caller.Role == Departments.CallerRole.Department && request.Query["department"].ToString() is { Length: > 0 } asked && asked != department)
        {
            return ApiResults.Forbidden(ApiResults.Echo(asked));
        }

        var population = await marks.PopulationAsync(department, cancellationToken);
        var evaluated = await evaluations.OfAsync(population, cancellationToken);
        var grades = EvaluationModel.CountByGrade(evaluated.Select(e => e.Grade));
        var pending = population.Count - evaluated.Count;
        return new OkObjectResult(new GradeDistribution(department, grades, pending));
    }
}

/// <summary>What a run on demand did: subjects marked because their evaluation's model is older, subjects evaluated, subjects that failed.</summary>
public sealed record EvaluationRunView(int Marked, int Evaluated, int Failed);

/// <summary>A department's population by grade; <see cref="NotYetEvaluated"/>: subjects the evaluation run has not reached yet.</summary>
public sealed record GradeDistribution(string Department, IReadOnlyDictionary<string, int> Grades, int NotYetEvaluated);
