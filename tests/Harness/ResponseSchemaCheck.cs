using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Credit.Testing;

/// <summary>
/// Checks every successful JSON response the tests receive against the schema its operation declares in the
/// product's own OpenAPI document (fetched from the runtime once): a typed response that does not match is a finding.
/// Responses of operations that declare no type are counted as untyped. Findings and totals go to
/// TestResults/schema-check/; scripts/test.sh prints them and fails the run on a finding.
/// </summary>
public static partial class ResponseSchemaCheck
{
    static readonly CheckLedger Ledger = new("schema-check", "checked");
    // Built once per name: the schema library registers each by its $id, and a second registration throws.
    static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new(StringComparer.Ordinal);
    static Task<Document>? document;

    sealed record Route(Regex Pattern, int Parameters, string Path, JsonObject Item);

    sealed record Document(IReadOnlyList<Route> Routes, JsonObject Definitions);

    public static async Task CheckAsync(Uri baseAddress, string method, string path, int status, string body)
    {
        if (status is < 200 or > 299 || !path.StartsWith("/api/", StringComparison.Ordinal))
        {
            return;
        }

        var loading = Volatile.Read(ref document) ?? Interlocked.CompareExchange(ref document, LoadAsync(baseAddress), null) ?? document!;
        Document loaded;
        try
        {
            loaded = await loading;
        }
        catch (HttpRequestException)
        {
            // The runtime went away (a test killed it): the next response fetches the document again.
            _ = Interlocked.CompareExchange(ref document, null, loading);
            Ledger.Count("unchecked");
            return;
        }

        var (operation, errors) = Check(loaded, method, path, status, body);
        Ledger.Count(operation is null ? "untyped" : "typed");
        if (errors.Count > 0)
        {
            Ledger.Finding($"{operation}\t{string.Join(" | ", errors)}");
        }
    }

    /// <summary>Checks one response against an OpenAPI document: the typed operation it answers (null: untyped) and what in it differs from its schema.</summary>
    public static (string? Operation, IReadOnlyList<string> Errors) Check(JsonObject openApi, string method, string path, int status, string body) =>
        Check(Parse(openApi), method, path, status, body);

    static (string? Operation, IReadOnlyList<string> Errors) Check(Document loaded, string method, string path, int status, string body)
    {
        var route = loaded.Routes.Where(r => r.Pattern.IsMatch(path) && r.Item[method.ToLowerInvariant()] is not null).MinBy(r => r.Parameters);
        var content = route?.Item[method.ToLowerInvariant()]?["responses"]?[status.ToString(CultureInfo.InvariantCulture)]?["content"]?["application/json"]?["schema"];
        if (route is null || content?["$ref"]?.GetValue<string>() is not { } reference)
        {
            return (null, []);
        }

        var name = reference["#/components/schemas/".Length..];
        var schema = Schemas.GetOrAdd(name, n => new Lazy<JsonSchema>(() => Build(n, loaded.Definitions))).Value;
        return ($"{method.ToUpperInvariant()} {route.Path} {status} as {name}", Errors(schema, JsonDocument.Parse(body).RootElement));
    }

    /// <summary>What in <paramref name="instance"/> differs from <paramref name="schema"/> (inline, or a $ref into the document's components).</summary>
    public static IReadOnlyList<string> Differences(JsonObject openApi, JsonNode schema, JsonNode? instance)
    {
        var definitions = openApi["components"]!["schemas"]!.AsObject();
        var built = schema["$ref"]?.GetValue<string>() is { } reference && reference.LastIndexOf('/') == "#/components/schemas".Length
            ? Schemas.GetOrAdd(reference[(reference.LastIndexOf('/') + 1)..], n => new Lazy<JsonSchema>(() => Build(n, definitions))).Value
            : JsonSchema.FromText(new JsonObject
            {
                ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
                ["$id"] = $"https://schemas.credit.test/inline/{Guid.NewGuid():N}",
                ["allOf"] = new JsonArray(schema.DeepClone()),
                ["$defs"] = definitions.DeepClone(),
            }.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal));
        return Errors(built, JsonDocument.Parse(instance?.ToJsonString() ?? "null").RootElement);
    }

    /// <summary>The first few places where an instance differs from a schema, none when it matches.</summary>
    static List<string> Errors(JsonSchema schema, JsonElement instance)
    {
        var results = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid ? [] : [.. (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Take(3)
            .Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}").DefaultIfEmpty("does not match")];
    }

    static async Task<Document> LoadAsync(Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        return Parse(JsonNode.Parse(await http.GetStringAsync(new Uri("api/openapi.json", UriKind.Relative)))!.AsObject());
    }

    static Document Parse(JsonObject openApi)
    {
        var routes = openApi["paths"]!.AsObject()
            .Select(p => new Route(new Regex("^" + Parameter().Replace(Regex.Escape(p.Key), "[^/]+") + "(\\?.*)?$", RegexOptions.CultureInvariant),
                Parameter().Count(Regex.Escape(p.Key)), p.Key, p.Value!.AsObject()))
            .ToList();
        return new Document(routes, openApi["components"]!["schemas"]!.AsObject());
    }

    /// <summary>The named schema as a JSON Schema 2020-12 document, the document's other schemas as its $defs.</summary>
    static JsonSchema Build(string name, JsonObject definitions)
    {
        var text = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"https://schemas.credit.test/{name}",
            ["$ref"] = $"#/$defs/{name}",
            ["$defs"] = definitions.DeepClone(),
        }.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        return JsonSchema.FromText(text);
    }

    [GeneratedRegex(@"\\\{[A-Za-z0-9_]+}")]
    private static partial Regex Parameter();
}
