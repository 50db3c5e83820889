using Credit.Catalogue;
using Credit.Exchange;
using Credit.Functions.OpenApi;
using Credit.Intake;
using Credit.Lists;
using Credit.Measures;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Api;

/// <summary>Beijing's response to a kind of list: the department whose entry it becomes, under which catalogue item, with which of the item's facts.</summary>
public sealed record ExchangeResponseRequest(string? Department, string? CatalogueCode, IReadOnlyDictionary<string, string>? Facts);

/// <summary>A kind of list a source sends, as the supervising office describes it.</summary>
public sealed record ExchangeListKindRequest(string? Code, string? Name, ListType? ListType, bool? Public, IReadOnlyList<string>? Measures, ExchangeResponseRequest? Response = null);

/// <summary>A source as the supervising office sends it (its code comes from the route).</summary>
public sealed record ExchangeSourceRequest(string? Name, string? NameEn, IReadOnlyList<ExchangeListKindRequest>? ListKinds, string? PullUrl = null);

public sealed record ExchangeSourceList(IReadOnlyList<ExchangeSource> Sources);

/// <summary>An imported entry as stored now, and the contents it had before each change, oldest first.</summary>
public sealed record ImportedEntryView(ImportedEntry Entry, IReadOnlyList<ImportedEntry> EarlierVersions);

/// <summary>
/// The platforms Beijing exchanges lists with (issue 19): everyone with a key reads the sources; the supervising
/// office adds or changes one with PUT, and reads what was imported from it.
/// </summary>
public sealed class ExchangeApi(
    ExchangeSources sources, MeasureCatalog measures, ConductCatalogue catalogue, Credit.Departments.DepartmentRegistry departments, ImportedEntryStore imported,
    ExchangeExportStore exports, ExchangeExportRun exportRun, TimeProvider clock)
{
    const int MaxListKinds = 50;
    static readonly System.Text.RegularExpressions.Regex KindCode = new("^[A-Z0-9_-]{1,32}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    [Function(nameof(ListExchangeSources))]
    [ApiOperation("The exchange sources: the platforms whose lists Beijing imports, each with the kinds of list it sends", Credential.AnyKey, Response = typeof(ExchangeSourceList))]
    public async Task<IActionResult> ListExchangeSources(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/exchange/sources")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new OkObjectResult(new ExchangeSourceList([.. (await sources.ListAsync(cancellationToken)).OrderBy(s => s.Code, StringComparer.Ordinal)]));

    [Function(nameof(GetExchangeSource))]
    [ApiOperation("One exchange source, its current or an earlier version", Credential.AnyKey, Response = typeof(ExchangeSource), Query = ["version: a version number"])]
    public async Task<IActionResult> GetExchangeSource(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/exchange/sources/{code}")] HttpRequest request,
        string code,
        CancellationToken cancellationToken) =>
        await VersionedListAnswers.GetAsync(sources, request, code, NotFound, cancellationToken);

    [Function(nameof(PutExchangeSource))]
    [ApiOperation("Adds an exchange source (201) or changes one (a new version); its files then go to exchange/in/{code}/", Credential.Supervisor, Request = typeof(ExchangeSourceRequest), Response = typeof(ExchangeSource), AlsoSucceedsWith = [201])]
    public async Task<IActionResult> PutExchangeSource(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/exchange/sources/{code}")] HttpRequest request,
        string code,
        CancellationToken cancellationToken)
    {
        var (source, refused) = await ReadAsync(request, code, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        return await sources.FindAsync(code, cancellationToken) is null
            ? await VersionedListAnswers.AddAsync(sources, source!, "/api/exchange/sources", "SOURCE_EXISTS", cancellationToken)
            : await VersionedListAnswers.ReviseAsync(sources, code, source, NotFound, cancellationToken);
    }

    [Function(nameof(GetImportedEntry))]
    [ApiOperation("An entry imported from a source, by the source's id, with its earlier contents", Credential.Supervisor, Response = typeof(ImportedEntryView))]
    public async Task<IActionResult> GetImportedEntry(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/exchange/sources/{code}/entries/{sourceId}")] HttpRequest request,
        string code,
        string sourceId,
        CancellationToken cancellationToken)
    {
        if (!Credit.Storage.ItemCode.IsValid(code))
        {
            return NotFound(code);
        }

        return await imported.GetAsync(code, sourceId, cancellationToken) is { } entry
            ? new OkObjectResult(new ImportedEntryView(entry, await imported.VersionsAsync(code, sourceId, cancellationToken)))
            : ApiResults.Error(StatusCodes.Status404NotFound, "ENTRY_NOT_FOUND", $"source {code} sent no entry '{ApiResults.Echo(sourceId)}'", $"来源{code}没有编号为“{ApiResults.Echo(sourceId)}”的名单");
    }

    [Function(nameof(GetExchangeReconciliation))]
    [ApiOperation("How the export to a target platform stood on a day: its files, counts and SHA-256, whether the target acknowledged it (and which items it refused), or sent it again", Credential.Supervisor, Response = typeof(ExchangeReconciliation), Query = ["date: yyyy-MM-dd, the export's day (Beijing)"])]
    public async Task<IActionResult> GetExchangeReconciliation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/exchange/{target}/reconciliation")] HttpRequest request,
        string target,
        CancellationToken cancellationToken)
    {
        if (!Credit.Storage.ItemCode.IsValid(target) || await sources.FindAsync(target, cancellationToken) is null)
        {
            return NotFound(target);
        }

        var text = request.Query["date"].ToString();
        if (!Records.DateText.TryParse(text, out var date))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_DATE", $"query parameter date must be a day yyyy-MM-dd, got '{ApiResults.Echo(text)}'", $"查询参数date应为日期（yyyy-MM-dd），实际为“{ApiResults.Echo(text)}”");
        }

        var export = await exports.OfDateAsync(target, date, cancellationToken);
        var resent = new List<ExchangeExport>();
        foreach (var sequence in export?.Resends ?? [])
        {
            if (await exports.GetAsync(target, sequence, cancellationToken) is { } earlier)
            {
                resent.Add(earlier);
            }
        }

        var status = ExchangeReconciliation.StatusOf(export, export is null ? date : exportRun.AckDue(export), Calendar.BeijingTime.Today(clock));
        return new OkObjectResult(new ExchangeReconciliation(target, Records.DateText.ToIso(date), status, export, resent));
    }

    async Task<(ExchangeSource? Source, IActionResult? Refused)> ReadAsync(HttpRequest request, string code, CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApiResults.ReadJsonAsync<ExchangeSourceRequest>(request, cancellationToken);
        if (invalid is not null)
        {
            return (null, invalid);
        }

        var problems = new List<ItemProblem>();
        if (!Credit.Storage.ItemCode.IsValid(code))
        {
            problems.Add(new("code", $"code must be 2 to 16 capital letters, digits or hyphens, got '{ApiResults.Echo(code)}'", "来源编号应为2至16位大写字母、数字或连字符"));
        }

        foreach (var (field, value) in new[] { ("name", body!.Name), ("nameEn", body.NameEn) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add(new(field, $"{field} is required", $"{field}为必填项"));
            }
            else if (Records.TextRules.Check(0, field, field, value, 100, multiLine: false) is { } text)
            {
                problems.Add(new(field, text.MessageEn, text.MessageZh));
            }
        }

        var kinds = body.ListKinds ?? [];
        if (kinds.Count is 0 or > MaxListKinds)
        {
            problems.Add(new("listKinds", $"listKinds must name 1 to {MaxListKinds} kinds of list, got {kinds.Count}", $"名单种类(listKinds)应为1至{MaxListKinds}种，实际为{kinds.Count}种"));
        }

        var current = await measures.ListAsync(cancellationToken);
        for (var i = 0; i < kinds.Count; i++)
        {
            var kind = kinds[i];
            var at = $"listKinds[{i}]";
            if (kind.Code is null || !KindCode.IsMatch(kind.Code))
            {
                problems.Add(new($"{at}.code", $"a list kind's code is 1 to 32 capital letters, digits, _ or -, got '{ApiResults.Echo(kind.Code ?? "")}'", "名单种类代码应为1至32位大写字母、数字、_或-"));
            }
            else if (kinds.Take(i).Any(k => k.Code == kind.Code))
            {
                problems.Add(new($"{at}.code", $"the code {kind.Code} is named twice", $"名单种类代码{kind.Code}重复"));
            }

            if (string.IsNullOrWhiteSpace(kind.Name) || Records.TextRules.Check(0, "name", "name", kind.Name, 100, multiLine: false) is not null)
            {
                problems.Add(new($"{at}.name", "a list kind's name is required: up to 100 characters on one line", "名单种类名称为必填项，不超过100个字符且不换行"));
            }

            if (kind.ListType is null)
            {
                problems.Add(new($"{at}.listType", "listType (Red|Black|Watch) is required: what the kind counts as in Beijing", "须注明该名单在本市视同的名单类型(listType)"));
            }

            foreach (var measure in (kind.Measures ?? []).Where(m => !current.Any(c => c.Code == m && !c.Retired)))
            {
                problems.Add(new($"{at}.measures", $"'{ApiResults.Echo(measure)}' is no measure in force (GET /api/measures)", $"“{ApiResults.Echo(measure)}”不是在用的奖惩措施（见 GET /api/measures）"));
            }

            if (kind.Response is { } response)
            {
                await CheckResponseAsync(kind, response, $"{at}.response", problems, cancellationToken);
            }
        }

        var pullUrl = body.PullUrl is { Length: > 0 } pull ? PullUrl(pull, problems) : null;
        if (problems.Count > 0)
        {
            return (null, ApiResults.Invalid("INVALID_SOURCE", "the exchange source is incomplete or wrong", "交换来源信息不完整或有误", problems));
        }

        return (new ExchangeSource(code, 0, body.Name!.Trim(), body.NameEn!.Trim(),
            [.. kinds.Select(k => new ExchangeListKind(k.Code!, k.Name!.Trim(), k.ListType!.Value, k.Public ?? false, [.. (k.Measures ?? []).Distinct()],
                k.Response is { } r ? new ExchangeResponse(r.Department!, r.CatalogueCode!, r.Facts ?? new Dictionary<string, string>()) : null))], false, pullUrl), null);
    }

    /// <summary>
    /// A response names a registered department and a catalogue item in force of the kind's list type, with facts the item
    /// asks for; and only a kind its source publishes: Beijing publishes its response entries as its own.
    /// </summary>
    async Task CheckResponseAsync(ExchangeListKindRequest kind, ExchangeResponseRequest response, string at, List<ItemProblem> problems, CancellationToken cancellationToken)
    {
        if (kind.Public != true)
        {
            problems.Add(new(at, "Beijing responds only to a kind its source publishes (public: true): a response entry is published as Beijing's own are", "仅对来源公开的名单种类(public: true)响应：响应形成的名单按本市名单公示"));
        }

        if (response.Department is null || await departments.FindAsync(response.Department, cancellationToken) is null)
        {
            problems.Add(new($"{at}.department", $"'{ApiResults.Echo(response.Department ?? "")}' is no registered department (the one whose entry the response becomes)", $"“{ApiResults.Echo(response.Department ?? "")}”不是已登记的部门（响应形成的名单以该部门名义列入）"));
        }

        var item = Credit.Storage.ItemCode.IsValid(response.CatalogueCode) ? await catalogue.FindAsync(response.CatalogueCode!, cancellationToken) : null;
        if (item is not { Retired: false })
        {
            problems.Add(new($"{at}.catalogueCode", $"'{ApiResults.Echo(response.CatalogueCode ?? "")}' is no catalogue item in force (GET /api/catalogue)", $"“{ApiResults.Echo(response.CatalogueCode ?? "")}”不是在用的失信（守信）行为清单事项（见 GET /api/catalogue）"));
            return;
        }

        if (kind.ListType is { } listType && item.ListType != listType)
        {
            problems.Add(new($"{at}.catalogueCode", $"{item.Code} lists on the {item.ListType} list, the kind counts as {listType}", $"{item.Code}对应{item.ListType.ZhName()}，与该名单种类视同的{listType.ZhName()}不符"));
        }

        foreach (var (key, value) in response.Facts ?? new Dictionary<string, string>())
        {
            var fact = item.Facts.FirstOrDefault(f => f.Key == key);
            if (fact is null || (fact.Kind == FactKind.YesNo && value is not (CatalogueItem.Yes or CatalogueItem.No)) || Records.TextRules.Check(0, key, key, value, 200, multiLine: false) is not null)
            {
                problems.Add(new($"{at}.facts", $"'{ApiResults.Echo(key)}' is no fact of {item.Code} or its value is wrong (a 是/否 fact takes 是 or 否)", $"“{ApiResults.Echo(key)}”不是{item.Code}的事实项，或取值有误（是否类事实项取“是”或“否”）"));
            }
        }
    }

    /// <summary>Where a source publishes its file: https (plain http only on this machine, for a test endpoint), a path ending in .csv or .json (the file's format).</summary>
    static Uri? PullUrl(string text, List<ItemProblem> problems)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
        {
            problems.Add(new("pullUrl", $"pullUrl must be an absolute https address, got '{ApiResults.Echo(text)}'", $"pullUrl应为https绝对地址，实际为“{ApiResults.Echo(text)}”"));
            return null;
        }

        if (FileFormats.FromFileName(url.AbsolutePath) is null)
        {
            problems.Add(new("pullUrl", "pullUrl's path must end in .csv or .json: it names the file's format", "pullUrl的路径应以.csv或.json结尾（据此判断文件格式）"));
            return null;
        }

        return url;
    }

    static ObjectResult NotFound(string code) => ApiResults.Error(StatusCodes.Status404NotFound, "SOURCE_NOT_FOUND", $"no exchange source {ApiResults.Echo(code)}", $"交换来源{ApiResults.Echo(code)}不存在");
}
