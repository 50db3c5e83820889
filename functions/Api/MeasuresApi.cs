using Credit.Departments;
using Credit.Functions.OpenApi;
using Credit.Lists;
using Credit.Measures;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Api;

/// <summary>A measure as the supervising office sends it (the code comes from the route when changing one).</summary>
public sealed record MeasureRequest(
    string? Code,
    string? Name,
    MeasureBinding? Binding,
    MeasureCategory? Category,
    IReadOnlyList<string>? Implementers,
    string? LegalBasis,
    IReadOnlyList<ListType>? ListTypes,
    IReadOnlyList<string>? Fields,
    IReadOnlyList<SubjectKind>? SubjectKinds,
    bool? BindsResponsiblePersons);

/// <summary>北京市信用联合奖惩措施清单: everyone with a key reads it; the supervising office adds, changes and retires measures.</summary>
public sealed class MeasuresApi(MeasureCatalog catalog, DepartmentRegistry departments)
{
    [Function(nameof(ListMeasures))]
    [ApiOperation("The measures list (北京市信用联合奖惩措施清单)", Credential.AnyKey, Query = ["retired: true to include retired measures"], Response = typeof(MeasureList))]
    public async Task<IActionResult> ListMeasures(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/measures")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var includeRetired = string.Equals(request.Query["retired"], "true", StringComparison.OrdinalIgnoreCase);
        var measures = await catalog.ListAsync(cancellationToken);
        return new OkObjectResult(new MeasureList([.. measures.Where(m => includeRetired || !m.Retired).OrderBy(m => m.Code, StringComparer.Ordinal)]));
    }

    [Function(nameof(GetMeasure))]
    [ApiOperation("One measure, its current or an earlier version", Credential.AnyKey, Response = typeof(Credit.Measures.Measure), Query = ["version: a version number"])]
    public async Task<IActionResult> GetMeasure(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/measures/{code}")] HttpRequest request,
        string code,
        CancellationToken cancellationToken) =>
        await VersionedListAnswers.GetAsync(catalog, request, code, NotFound, cancellationToken);

    [Function(nameof(AddMeasure))]
    [ApiOperation("Adds a measure", Credential.Supervisor, Request = typeof(MeasureRequest), Response = typeof(Credit.Measures.Measure), SuccessStatus = 201, Errors = ["409 MEASURE_EXISTS: the code exists; change it with PUT"])]
    public async Task<IActionResult> AddMeasure(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/measures")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (measure, refused) = await ReadAsync(request, null, departments, cancellationToken);
        return refused ?? await VersionedListAnswers.AddAsync(catalog, measure!, "/api/measures", "MEASURE_EXISTS", cancellationToken);
    }

    [Function(nameof(ChangeMeasure))]
    [ApiOperation("Changes a measure (a new version; cases keep the version they started with)", Credential.Supervisor, Request = typeof(MeasureRequest), Response = typeof(Credit.Measures.Measure))]
    public async Task<IActionResult> ChangeMeasure(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/measures/{code}")] HttpRequest request,
        string code,
        CancellationToken cancellationToken)
    {
        var (measure, refused) = await ReadAsync(request, code, departments, cancellationToken);
        return refused ?? await VersionedListAnswers.ReviseAsync(catalog, code, measure, NotFound, cancellationToken);
    }

    [Function(nameof(RetireMeasure))]
    [ApiOperation("Retires a measure (a new version)", Credential.Supervisor, Response = typeof(Credit.Measures.Measure))]
    public async Task<IActionResult> RetireMeasure(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/measures/{code}")] HttpRequest request,
        string code,
        CancellationToken cancellationToken)
    {
        // Retiring writes a version too: running cases keep the version they started with.
        return await VersionedListAnswers.ReviseAsync<Measure>(catalog, code, null, NotFound, cancellationToken);
    }

    static async Task<(Measure? Measure, IActionResult? Refused)> ReadAsync(HttpRequest request, string? routeCode, DepartmentRegistry departments, CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApiResults.ReadJsonAsync<MeasureRequest>(request, cancellationToken);
        if (invalid is not null)
        {
            return (null, invalid);
        }

        var code = (routeCode ?? body!.Code ?? string.Empty).Trim();
        var problems = new List<Catalogue.ItemProblem>();
        if (!Credit.Storage.ItemCode.IsValid(code))
        {
            problems.Add(new("code", $"code must be 2 to 16 capital letters, digits or hyphens, got '{ApiResults.Echo(code)}'", "措施编号应为2至16位大写字母、数字或连字符"));
        }

        if (string.IsNullOrWhiteSpace(body!.Name))
        {
            problems.Add(new("name", "name is required", "措施名称为必填项"));
        }

        if (string.IsNullOrWhiteSpace(body.LegalBasis))
        {
            problems.Add(new("legalBasis", "legalBasis is required", "法律依据为必填项"));
        }

        foreach (var (field, value, maxLength, multiLine) in new[] { ("name", body.Name, 200, false), ("legalBasis", body.LegalBasis, 2048, true) })
        {
            if (value is not null && Records.TextRules.Check(0, field, field, value, maxLength, multiLine) is { } text)
            {
                problems.Add(new(field, text.MessageEn, text.MessageZh));
            }
        }

        if (body.Binding is null || body.Category is null)
        {
            problems.Add(new("binding/category", "binding (Mandatory|Recommended) and category (Administrative|Market|Social) are required", "须注明强制性或推荐性(binding)及措施类别(category)"));
        }

        if (body.Implementers is not { Count: > 0 } || body.Implementers.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add(new("implementers", "implementers must name at least one department (credit code or registered name, or * for every department)", "须注明至少一个实施部门（统一社会信用代码或名称，*表示全部部门）"));
        }

        else
        {
            // A measure whose implementer is no registered department would reach nobody (issue 17): name each such one.
            var registered = await departments.ListAsync(cancellationToken);
            foreach (var unknown in body.Implementers.Select(i => i.Trim()).Where(i => i != Measure.EveryDepartment && !registered.Any(d => d.Code == i || d.Name == i)).Distinct())
            {
                problems.Add(new("implementers", $"'{ApiResults.Echo(unknown)}' is no registered department (its 统一社会信用代码 or registered name): register the department first, or name * for every department",
                    $"“{ApiResults.Echo(unknown)}”不是已登记的部门（统一社会信用代码或登记名称）：请先登记该部门，或用*表示全部部门"));
            }
        }

        if (body.ListTypes is not { Count: > 0 } || body.SubjectKinds is not { Count: > 0 })
        {
            problems.Add(new("listTypes/subjectKinds", "listTypes and subjectKinds must each name at least one value", "须注明适用的名单类型(listTypes)和主体类型(subjectKinds)"));
        }

        if (body.Fields?.FirstOrDefault(f => !ListVocabulary.Fields.Contains(f)) is { } unknownField)
        {
            problems.Add(new("fields", $"unknown field '{ApiResults.Echo(unknownField)}'", $"未知领域“{ApiResults.Echo(unknownField)}”"));
        }

        if (problems.Count > 0)
        {
            return (null, ApiResults.Invalid("INVALID_MEASURE", "the measure is incomplete or wrong", "措施信息不完整或有误", problems));
        }

        return (new Measure(code, 0, body.Name!.Trim(), body.Binding!.Value, body.Category!.Value, [.. body.Implementers!.Select(i => i.Trim())], body.LegalBasis!.Trim(),
            [.. body.ListTypes!.Distinct()], [.. (body.Fields ?? []).Distinct()], [.. body.SubjectKinds!.Distinct()], body.BindsResponsiblePersons ?? false, false), null);
    }

    static ObjectResult NotFound(string code) => ApiResults.Error(StatusCodes.Status404NotFound, "MEASURE_NOT_FOUND", $"no measure {ApiResults.Echo(code)}", $"措施{ApiResults.Echo(code)}不存在");
}
