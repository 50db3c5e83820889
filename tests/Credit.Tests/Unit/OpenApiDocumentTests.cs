using System.Text.Json.Nodes;
using Credit.Functions.OpenApi;
using Credit.Testing;
using OpenApi = Credit.Functions.OpenApi.OpenApiDocument;

namespace Credit.Tests.Unit;

/// <summary>The OpenAPI document covers every HTTP function of the app, says what credential each needs, and is a valid document.</summary>
public sealed class OpenApiDocumentTests
{
    static readonly System.Reflection.Assembly App = typeof(OpenApiFunction).Assembly;
    static readonly JsonObject Document = OpenApi.Build(App);

    public static TheoryData<string, string, string> HttpFunctions()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (name, route, methods, operation) in OpenApi.HttpFunctions(App).Where(f => f.Operation?.InDocument != false))
        {
            foreach (var method in methods)
            {
                data.Add(name, OpenApi.OpenApiPath(route), method);
            }
        }

        return data;
    }

    [Fact]
    public void The_app_has_the_http_functions_the_document_is_checked_against()
    {
        // Guards the theory below against finding nothing to check.
        Assert.True(HttpFunctions().Count >= 38, $"found {HttpFunctions().Count}");
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void Every_http_function_is_in_the_document_with_its_credential(string function, string path, string method)
    {
        var operation = Document["paths"]?[path]?[method] as JsonObject;
        Assert.True(operation is not null, $"{function} ({method.ToUpperInvariant()} {path}) is missing from the OpenAPI document: give it an [ApiOperation]");
        Assert.Equal(function, operation["operationId"]?.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()));
        var credential = operation["x-credential"]!.GetValue<string>();
        var security = operation["security"]!.AsArray();
        Assert.Equal(credential == "none", security.Count == 0);
        Assert.True(operation["responses"]!.AsObject().Any(r => r.Key.StartsWith('2')), $"{function} has no success response");
        foreach (var placeholder in System.Text.RegularExpressions.Regex.Matches(path, @"\{(\w+)\}").Select(m => m.Groups[1].Value))
        {
            Assert.Contains(operation["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == placeholder && p["in"]!.GetValue<string>() == "path");
        }
    }

    [Fact]
    public void The_answers_a_client_must_handle_are_documented_per_operation()
    {
        static JsonObject Responses(string path, string method) => Document["paths"]![path]![method]!["responses"]!.AsObject();
        static string? Description(string path, string method, string status) => Responses(path, method)[status]?["description"]?.GetValue<string>();

        // Every operation: 500 with a correlation id; every keyed one: 401 and 403 naming the roles it takes.
        Assert.All(HttpFunctions(), f => Assert.True(Responses((string)f[1], (string)f[2]).ContainsKey("500"), $"{f[0]} does not document 500"));
        Assert.Contains("Department", Description("/api/uploads/{departmentCode}/{name}", "put", "403"), StringComparison.Ordinal);
        Assert.DoesNotContain("Supervisor", Description("/api/uploads/{departmentCode}/{name}", "put", "403"), StringComparison.Ordinal);
        // The rate-limited ones 429, the ones with a body 413, and the conflicts and refusals particular to an operation by their codes.
        Assert.Contains("RATE_LIMITED", Description("/api/public/search", "get", "429"), StringComparison.Ordinal);
        Assert.Null(Description("/api/cases", "get", "429"));
        Assert.Contains("BODY_TOO_LARGE", Description("/api/objections", "post", "413"), StringComparison.Ordinal);
        Assert.Contains("ENTRY_EXISTS", Description("/api/lists/{listType}/entries", "post", "409"), StringComparison.Ordinal);
        // The same entry sent again answers 200 with the type the first answer (201) had.
        Assert.Equal(Responses("/api/lists/{listType}/entries", "post")["201"]!.ToJsonString(), Responses("/api/lists/{listType}/entries", "post")["200"]!.ToJsonString());
        Assert.Contains("IDEMPOTENCY_KEY_REUSED", Description("/api/lists/entries/{id}/amendments", "post", "422"), StringComparison.Ordinal);
        Assert.Contains("NOT_YET_ELIGIBLE", Description("/api/repairs", "post", "422"), StringComparison.Ordinal);
        Assert.Contains("NOT_REPAIRABLE", Description("/api/repairs", "post", "422"), StringComparison.Ordinal);
        Assert.Contains("ALREADY_ANSWERED", Description("/api/cases/{id}/feedback", "post", "409"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_dashboard_and_the_document_itself_are_left_out_and_parameters_are_typed()
    {
        var paths = Document["paths"]!.AsObject();
        Assert.DoesNotContain(paths, p => p.Key.StartsWith("/dashboard", StringComparison.Ordinal) || p.Key == "/api/openapi.json");
        Assert.Equal("/", Document["servers"]![0]!["url"]!.GetValue<string>());
        static JsonNode Schema(string path, string method, string name) =>
            Document["paths"]![path]![method]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == name)!["schema"]!;
        Assert.Equal("integer", Schema("/api/statistics", "get", "months")["type"]!.GetValue<string>());
        Assert.Equal(24, Schema("/api/statistics", "get", "months")["maximum"]!.GetValue<int>());
        Assert.Equal(["pending", "published", "late", "overdue", "withdrawn"], Schema("/api/departments/{departmentCode}/disclosure", "get", "status")["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["red", "black", "watch"], Schema("/api/lists/{listType}/entries", "post", "listType")["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Matches(Schema("/api/reports/{month}", "get", "month")["pattern"]!.GetValue<string>(), "2026-11");
        Assert.DoesNotMatch(Schema("/api/reports/{month}", "get", "month")["pattern"]!.GetValue<string>(), "2026-13");
        Assert.Matches(Schema("/api/departments/{departmentCode}/notices", "get", "departmentCode")["pattern"]!.GetValue<string>(), Credit.Testing.Rows.Department);
        Assert.Contains("AwaitingFeedback", Schema("/api/cases", "get", "state")["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.True(Document["paths"]!["/api/cases/{id}/targets/{target}/identity"]!["get"]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "purpose")!["required"]!.GetValue<bool>());
        Assert.Equal("cases", Document["paths"]!["/api/cases/{id}"]!["get"]!["tags"]![0]!.GetValue<string>());
        Assert.StartsWith("CASE_NOT_FOUND", Document["paths"]!["/api/cases/{id}"]!["get"]!["responses"]!["404"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void Every_operation_answers_with_a_named_type(string function, string path, string method)
    {
        Assert.All(Document["paths"]![path]![method]!["responses"]!.AsObject().Where(r => r.Key.StartsWith('2')), success =>
            Assert.True(success.Value!["content"]!["application/json"]?["schema"]?["$ref"] is not null
                || success.Value!["content"]!.AsObject().Single() is { Key: not "application/json", Value: var file } && file!["schema"]!["format"]?.GetValue<string>() == "binary",
                $"{function} ({method.ToUpperInvariant()} {path}) answers {success.Key} with an untyped object: give its [ApiOperation] a Response type (or, for a file, a ResponseMediaType)"));
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void Every_operation_has_an_example_of_each_parameter_and_body_that_its_schema_accepts(string function, string path, string method)
    {
        var operation = Document["paths"]![path]![method]!.AsObject();
        var examples = new List<(string Where, JsonNode Schema, JsonNode? Example)>();
        foreach (var parameter in operation["parameters"]!.AsArray().Select(p => p!.AsObject()))
        {
            Assert.True(parameter.ContainsKey("example"), $"{function}: parameter {parameter["name"]} has no example");
            examples.Add(($"parameter {parameter["name"]}", parameter["schema"]!, parameter["example"]));
        }

        var bodies = (operation["requestBody"]?["content"]?["application/json"] is JsonObject request ? [("request", request)] : Array.Empty<(string, JsonObject)>())
            .Concat(operation["responses"]!.AsObject().Where(r => r.Key.StartsWith('2')).Select(r => ($"response {r.Key}", r.Value!["content"]?["application/json"] as JsonObject)).Where(r => r.Item2 is not null).Select(r => (r.Item1, r.Item2!)));
        foreach (var (where, content) in bodies)
        {
            Assert.True(content.ContainsKey("example"), $"{function}: the {where} body has no example");
            examples.Add((where, content["schema"]!, content["example"]));
        }

        Assert.NotEmpty(examples);
        Assert.All(examples, e => Assert.True(ResponseSchemaCheck.Differences(Document, e.Schema, e.Example) is [], $"{function}: the example of the {e.Where} ({e.Example?.ToJsonString()}) does not match its schema: {string.Join(" | ", ResponseSchemaCheck.Differences(Document, e.Schema, e.Example))}"));
    }

    [Fact]
    public void The_list_entry_example_is_one_a_department_could_send()
    {
        var example = Document["paths"]!["/api/lists/{listType}/entries"]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]!;
        Assert.True(Credit.Identifiers.UnifiedSocialCreditCode.IsValid(example["subjectCode"]!.GetValue<string>()), example.ToJsonString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", example["startDate"]!.GetValue<string>());
        Assert.Equal("black", Document["paths"]!["/api/lists/{listType}/entries"]!["post"]!["parameters"]![0]!["example"]!.GetValue<string>());
        Assert.True(Credit.Identifiers.UnifiedSocialCreditCode.IsValid(Document["paths"]!["/api/departments/{departmentCode}/notices"]!["get"]!["parameters"]![0]!["example"]!.GetValue<string>()));
    }

    [Fact]
    public void Every_reference_in_the_document_points_at_a_schema_in_it()
    {
        static IEnumerable<string> References(JsonNode? node) => node switch
        {
            JsonObject o => (o["$ref"] is JsonValue r ? [r.GetValue<string>()] : Array.Empty<string>()).Concat(o.SelectMany(p => References(p.Value))),
            JsonArray a => a.SelectMany(References),
            _ => [],
        };

        var references = References(Document).Distinct().ToList();
        Assert.Contains(references, r => r.Contains("/properties/", StringComparison.Ordinal));
        Assert.All(references, reference =>
        {
            JsonNode? target = Document;
            foreach (var segment in reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                target = target?[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
            }

            Assert.True(target is JsonObject, $"{reference} points at nothing");
        });
    }

    [Fact]
    public void Every_declared_answer_is_a_status_and_a_code()
    {
        foreach (var (_, _, _, operation) in OpenApi.HttpFunctions(App))
        {
            Assert.All(operation!.Errors, e => Assert.Matches(@"^(409|422) [A-Z_]+: \S", e));
        }
    }

    [Fact]
    public void Request_bodies_have_their_schemas()
    {
        var feedback = Document["paths"]!["/api/cases/{id}/feedback"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
        Assert.Equal("#/components/schemas/FeedbackDraft", feedback);
        var properties = Document["components"]!["schemas"]!["FeedbackDraft"]!["properties"]!.AsObject().Select(p => p.Key);
        Assert.Equal(["measure", "target", "outcome", "reason", "date", "reference"], properties);
        Assert.Equal("binary", Document["paths"]!["/api/uploads/{departmentCode}/{name}"]!["put"]!["requestBody"]!["content"]!["application/octet-stream"]!["schema"]!["format"]!.GetValue<string>());
    }

    [Fact]
    public void The_document_reads_without_errors_in_an_openapi_library()
    {
        var result = Microsoft.OpenApi.OpenApiDocument.Parse(Document.ToJsonString(), "json");
        Assert.Empty(result.Diagnostic!.Errors);
        Assert.Equal(Document["paths"]!.AsObject().Count, result.Document!.Paths.Count);
    }
}
