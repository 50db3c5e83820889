using Credit.Catalogue;
using Credit.Functions.OpenApi;
using Credit.Lists;
using Credit.Measures;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Api;

/// <summary>A catalogue item as the supervising office sends it (the code comes from the route when changing one).</summary>
public sealed record CatalogueItemRequest(
    string? Code,
    string? Name,
    ListType? ListType,
    string? Field,
    string? Criteria,
    string? LegalBasis,
    int? DefaultPeriodMonths,
    int? MaximumPeriodMonths,
    int? MinimumRepairMonths,
    IReadOnlyList<EntryFact>? Facts,
    IReadOnlyList<BoundMeasure>? Measures,
    Derivation? DerivedFrom);

public sealed record CatalogueList(IReadOnlyList<CatalogueItem> Items);

/// <summary>
/// The catalogue of acts (失信行为清单, 守信清单 and the 重点关注 items): everyone with a key reads it; the supervising
/// office adds, changes (a new version; entries keep the version they were listed under) and retires items.
/// </summary>
public sealed class CatalogueApi(ConductCatalogue catalogue, MeasureCatalog measures)
{
    [Function(nameof(ListCatalogue))]
    [ApiOperation("The catalogue of acts: what leads to which list, by which criteria, and which measures it binds", Credential.AnyKey,
        Query = ["retired: true to include retired items", "listType: red | black | watch"], Response = typeof(CatalogueList))]
    public async Task<IActionResult> ListCatalogue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/catalogue")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var includeRetired = string.Equals(request.Query["retired"], "true", StringComparison.OrdinalIgnoreCase);
        var listTypeText = request.Query["listType"].ToString();
        ListType? listType = null;
        if (listTypeText.Length > 0)
        {
            if (!ListVocabulary.ListTypes.TryGetValue(listTypeText, out var parsed))
            {
                return ApiResults.Error(StatusCodes.Status400BadRequest, "LIST_TYPE", $"listType must be red, black or watch, got '{ApiResults.Echo(listTypeText)}'", "名单类型应为red、black或watch");
            }

            listType = parsed;
        }

        var items = await catalogue.ListAsync(cancellationToken);
        return new OkObjectResult(new CatalogueList([.. items.Where(i => (includeRetired || !i.Retired) && (listType is null || i.ListType == listType)).OrderBy(i => i.Code, StringComparer.Ordinal)]));
    }

    [Function(nameof(GetCatalogueItem))]
    [ApiOperation("One catalogue item, its current or an earlier version", Credential.AnyKey, Response = typeof(CatalogueItem), Query = ["version: a version number"])]
    public async Task<IActionResult> GetCatalogueItem(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/catalogue/{code}")] HttpRequest request,
        string code,
        CancellationToken cancellationToken) =>
        await VersionedListAnswers.GetAsync(catalogue, request, code, NotFound, cancellationToken);

    [Function(nameof(AddCatalogueItem))]
    [ApiOperation("Adds a catalogue item", Credential.Supervisor, Request = typeof(CatalogueItemRequest), Response = typeof(CatalogueItem), SuccessStatus = 201,
        Errors = ["409 CATALOGUE_ITEM_EXISTS: the code exists; change it with PUT"])]
    public async Task<IActionResult> AddCatalogueItem(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/catalogue")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (item, refused) = await ReadAsync(request, null, cancellationToken);
        return refused ?? await VersionedListAnswers.AddAsync(catalogue, item!, "/api/catalogue", "CATALOGUE_ITEM_EXISTS", cancellationToken);
    }

    [Function(nameof(ChangeCatalogueItem))]
    [ApiOperation("Changes a catalogue item (a new version; entries keep the version they were listed under)", Credential.Supervisor, Request = typeof(CatalogueItemRequest), Response = typeof(CatalogueItem))]
    public async Task<IActionResult> ChangeCatalogueItem(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/catalogue/{code}")] HttpRequest request,
        string code,
        CancellationToken cancellationToken)
    {
        var (item, refused) = await ReadAsync(request, code, cancellationToken);
        return refused ?? await VersionedListAnswers.ReviseAsync(catalogue, code, item, NotFound, cancellationToken);
    }

    [Function(nameof(RetireCatalogueItem))]
    [ApiOperation("Retires a catalogue item (a new version): no new entry may name it; standing entries keep it", Credential.Supervisor, Response = typeof(CatalogueItem))]
    public async Task<IActionResult> RetireCatalogueItem(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/catalogue/{code}")] HttpRequest request,
        string code,
        CancellationToken cancellationToken)
    {
        return await VersionedListAnswers.ReviseAsync<CatalogueItem>(catalogue, code, null, NotFound, cancellationToken);
    }

    async Task<(CatalogueItem? Item, IActionResult? Refused)> ReadAsync(HttpRequest request, string? routeCode, CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApiResults.ReadJsonAsync<CatalogueItemRequest>(request, cancellationToken);
        if (invalid is not null)
        {
            return (null, invalid);
        }

        if (body!.ListType is null || body.DefaultPeriodMonths is null || body.MaximumPeriodMonths is null || body.MinimumRepairMonths is null)
        {
            return (null, ApiResults.Invalid("INVALID_CATALOGUE_ITEM", "the catalogue item is incomplete or wrong", "行为清单条目信息不完整或有误",
                [new("listType/periods", "listType, defaultPeriodMonths, maximumPeriodMonths and minimumRepairMonths are required", "须注明名单类型(listType)、默认期限、最长期限和信用修复最短期限")]));
        }

        var item = new CatalogueItem((routeCode ?? body.Code ?? string.Empty).Trim(), 0, body.Name?.Trim() ?? string.Empty, body.ListType.Value,
            string.IsNullOrWhiteSpace(body.Field) ? null : body.Field.Trim(), body.Criteria?.Trim() ?? string.Empty, body.LegalBasis?.Trim() ?? string.Empty,
            body.DefaultPeriodMonths.Value, body.MaximumPeriodMonths.Value, body.MinimumRepairMonths.Value,
            [.. (body.Facts ?? []).Select(f => f with { Key = f.Key?.Trim() ?? string.Empty, Name = f.Name?.Trim() ?? string.Empty })],
            [.. (body.Measures ?? []).Select(b => b with { SubjectKinds = b.SubjectKinds ?? [], Roles = b.Roles ?? [], When = b.When ?? [] })],
            body.DerivedFrom is { } derived ? new Derivation(derived.CategoryKeywords ?? [], derived.Fields ?? []) : null, false);
        var problems = CatalogueRules.Check(item, await measures.ListAsync(cancellationToken));
        return problems.Count > 0
            ? (null, ApiResults.Invalid("INVALID_CATALOGUE_ITEM", "the catalogue item is incomplete or wrong", "行为清单条目信息不完整或有误", problems))
            : (item, null);
    }

    static ObjectResult NotFound(string code) =>
        ApiResults.Error(StatusCodes.Status404NotFound, "CATALOGUE_ITEM_NOT_FOUND", $"no catalogue item {ApiResults.Echo(code)}", $"行为清单条目{ApiResults.Echo(code)}不存在");
}
