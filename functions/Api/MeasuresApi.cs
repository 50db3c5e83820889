using System.Globalization;
using System.Text.RegularExpressions;
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
public sealed partial class MeasuresApi(MeasureCatalog catalog, DepartmentRegistry departments)
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
        CancellationToken cancellationToken)
    {
        var versionText = request.Query["version"].ToString();
        if (versionText.Length > 0 && !int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "VERSION", $"version must be a positive whole number, got '{versionText}'", $"版本号应为正整数，实际为“{versionText}”");
        }

        var measure = versionText.Length > 0
            ? await catalog.FindVersionAsync(code, int.Parse(versionText, CultureInfo.InvariantCulture), cancellationToken)
            : await catalog.FindAsync(code, cancellationToken);
        return measure is null
            ? ApiResults.Error(StatusCodes.Status404NotFound, "MEASURE_NOT_FOUND", $"no measure {code}{(versionText.Length > 0 ? $" version {versionText}" : string.Empty)}", $"措施{code}{(versionText.Length > 0 ? $"第{versionText}版" : string.Empty)}不存在")
            : new OkObjectResult(measure);
    }

    [Function(nameof(AddMeasure))]
    [ApiOperation("Adds a measure", Credential.Supervisor, Request = typeof(MeasureRequest), Response = typeof(Credit.Measures.Measure), SuccessStatus = 201, Errors = ["409 MEASURE_EXISTS: the code exists; change it with PUT"])]
    public async Task<IActionResult> AddMeasure(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/measures")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (measure, refused) = await ReadAsync(request, null, departments, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var added = await catalog.AddAsync(measure!, cancellationToken);
        return added is null
            ? ApiResults.Error(StatusCodes.Status409Conflict, "MEASURE_EXISTS", $"measure {measure!.Code} exists: change it with PUT /api/measures/{measure.Code}", $"措施{measure!.Code}已存在，请用PUT修改")
            : new CreatedResult($"/api/measures/{added.Code}", added);
    }

    [Function(nameof(ChangeMeasure))]
    [ApiOperation("Changes a measure (a new version; cases keep the version they started with)", Credential.Supervisor, Request = typeof(MeasureRequest), Response = typeof(Credit.Measures.Measure))]
    public async Task<IActionResult> ChangeMeasure(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/measures/{code}")] HttpRequest request,
        string code,
        CancellationToken cancellationToken)
    {
        var (measure, refused) = await ReadAsync(request, code, departments, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var changed = await catalog.ReviseAsync(code, existing => measure! with { Retired = existing.Retired }, cancellationToken);
        return changed is null ? NotFound(code) : new OkObjectResult(changed);
    }

    [Function(nameof(RetireMeasure))]
    [ApiOperation("Retires a measure (a new version)", Credential.Supervisor, Response = typeof(Credit.Measures.Measure))]
    public async Task<IActionResult> RetireMeasure(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/measures/{code}")] HttpRequest request,
        string code,
        CancellationToken cancellationToken)
    {
        // Retiring writes a version too: running cases keep the version they started with.
        var retired = await catalog.ReviseAsync(code, existing => existing with { Retired = true }, cancellationToken);
        return retired is null ? NotFound(code) : new OkObjectResult(retired);
    }

    static async Task<(Measure? Measure, IActionResult? Refused)> ReadAsync(HttpRequest request, string? routeCode, DepartmentRegistry departments, CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApiResults.ReadJsonAsync<MeasureRequest>(request, cancellationToken);
        if (invalid is not null)
        {
            return (null, invalid);
        }

        var code = (routeCode ?? body!.Code ?? string.Empty).Trim();
        var problems = new List<(string Field, string En, string Zh)>();
        if (!CodePattern().IsMatch(code))
        {
            problems.Add(("code", $"code must be 2 to 16 capital letters, digits or hyphens, got '{code}'", "措施编号应为2至16位大写字母、数字或连字符"));
        }

        if (string.IsNullOrWhiteSpace(body!.Name))
        {
            problems.Add(("name", "name is required", "措施名称为必填项"));
        }

        if (string.IsNullOrWhiteSpace(body.LegalBasis))
        {
            problems.Add(("legalBasis", "legalBasis is required", "法律依据为必填项"));
        }

        foreach (var (field, value, maxLength, multiLine) in new[] { ("name", body.Name, 200, false), ("legalBasis", body.LegalBasis, 2048, true) })
        {
            if (value is not null && Records.TextRules.Check(0, field, field, value, maxLength, multiLine) is { } text)
            {
                problems.Add((field, text.MessageEn, text.MessageZh));
            }
        }

        if (body.Binding is null || body.Category is null)
        {
            problems.Add(("binding/category", "binding (Mandatory|Recommended) and category (Administrative|Market|Social) are required", "须注明强制性或推荐性(binding)及措施类别(category)"));
        }

        if (body.Implementers is not { Count: > 0 } || body.Implementers.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add(("implementers", "implementers must name at least one department (credit code or registered name, or * for every department)", "须注明至少一个实施部门（统一社会信用代码或名称，*表示全部部门）"));
        }

        else
        {
            // A measure whose implementer is no registered department would reach nobody (issue 17): name each such one.
            var registered = await departments.ListAsync(cancellationToken);
            foreach (var unknown in body.Implementers.Select(i => i.Trim()).Where(i => i != Measure.EveryDepartment && !registered.Any(d => d.Code == i || d.Name == i)).Distinct())
            {
                problems.Add(("implementers", $"'{ApiResults.Echo(unknown)}' is no registered department (its 统一社会信用代码 or registered name): register the department first, or name * for every department",
                    $"“{ApiResults.Echo(unknown)}”不是已登记的部门（统一社会信用代码或登记名称）：请先登记该部门，或用*表示全部部门"));
            }
        }

        if (body.ListTypes is not { Count: > 0 } || body.SubjectKinds is not { Count: > 0 })
        {
            problems.Add(("listTypes/subjectKinds", "listTypes and subjectKinds must each name at least one value", "须注明适用的名单类型(listTypes)和主体类型(subjectKinds)"));
        }

        if (body.Fields?.FirstOrDefault(f => !ListVocabulary.Fields.Contains(f)) is { } unknownField)
        {
            problems.Add(("fields", $"unknown field '{unknownField}'", $"未知领域“{unknownField}”"));
        }

        if (problems.Count > 0)
        {
            return (null, new BadRequestObjectResult(new
            {
                error = new { code = "INVALID_MEASURE", message = "the measure is incomplete or wrong", messageZh = "措施信息不完整或有误" },
                problems = problems.Select(p => new { field = p.Field, message = p.En, messageZh = p.Zh }),
            }));
        }

        return (new Measure(code, 0, body.Name!.Trim(), body.Binding!.Value, body.Category!.Value, [.. body.Implementers!.Select(i => i.Trim())], body.LegalBasis!.Trim(),
            [.. body.ListTypes!.Distinct()], [.. (body.Fields ?? []).Distinct()], [.. body.SubjectKinds!.Distinct()], body.BindsResponsiblePersons ?? false, false), null);
    }

    static ObjectResult NotFound(string code) => ApiResults.Error(StatusCodes.Status404NotFound, "MEASURE_NOT_FOUND", $"no measure {code}", $"措施{code}不存在");

    [GeneratedRegex("^[A-Z0-9-]{2,16}$")]
    private static partial Regex CodePattern();
}
