using System.Globalization;
using Credit.Evaluation;
using Credit.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Api;

/// <summary>
/// The 信用评价 model (京政发〔2017〕15号 二(一)2): everyone with a key reads the version in force or an earlier one; the
/// supervising office adopts the next version, which every evaluation after it uses.
/// </summary>
public sealed class EvaluationApi(EvaluationModelStore models)
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
        Credential.Supervisor, Request = typeof(EvaluationModel), Response = typeof(EvaluationModel), SuccessStatus = 201)]
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
}
