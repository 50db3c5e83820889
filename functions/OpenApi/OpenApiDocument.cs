using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document of every HTTP function, built from their triggers (path, methods) and their
/// <see cref="ApiOperationAttribute"/> (summary, credential, parameters, schemas), with an example of each parameter and body (<see cref="OpenApiExamples"/>). Function triggers are not ASP.NET
/// Core endpoints, so ApiExplorer cannot see them; the schemas come from System.Text.Json's schema exporter with the
/// serializer settings the API writes with.
/// </summary>
public static partial class OpenApiDocument
{
    const string KeyScheme = "apiKey";
    static readonly JsonSerializerOptions Web = JsonSerializerOptions.Web;

    /// <summary>Every HTTP function of the assembly: name, route, methods, and its description where it has one.</summary>
    public static IReadOnlyList<(string Name, string Route, string[] Methods, ApiOperationAttribute? Operation)> HttpFunctions(Assembly assembly) =>
        [.. assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>(), Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.Function is not null && x.Trigger is not null)
            .Select(x => (x.Function!.Name, "/" + (x.Trigger!.Route ?? x.Function.Name), (x.Trigger.Methods ?? ["get"]).Select(m => m.ToLowerInvariant()).ToArray(), x.Method.GetCustomAttribute<ApiOperationAttribute>()))
            .OrderBy(x => x.Item2, StringComparer.Ordinal)];

    public static JsonObject Build(Assembly assembly)
    {
        var paths = new JsonObject();
        var schemas = new JsonObject { ["Error"] = ErrorSchema() };
        foreach (var (name, route, methods, operation) in HttpFunctions(assembly))
        {
            if (operation is null || !operation.InDocument)
            {
                continue;
            }

            var path = OpenApiPath(route);
            var item = paths[path] as JsonObject ?? new JsonObject();
            paths[path] = item;
            foreach (var method in methods)
            {
                item[method] = Operation(name, path, operation, schemas);
            }
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "北京市信用联合奖惩信息系统 API",
                ["version"] = "1.0",
                ["description"] = "Intake, disclosure (双公示), joint reward and sanction cases, objections and credit repair, supervision statistics (京政发〔2017〕15号). Errors carry a code and a message in English and Chinese.",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/", ["description"] = "this deployment (locally http://localhost:7071; in Azure CREDIT_API_URL's host, the public query also behind CREDIT_PUBLIC_API_URL)" }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["securitySchemes"] = new JsonObject
                {
                    [KeyScheme] = new JsonObject
                    {
                        ["type"] = "apiKey",
                        ["in"] = "header",
                        ["name"] = Api.RequestAuth.ApiKeyHeader,
                        ["description"] = "A department's, the supervising office's or a subject's key; each operation says which (x-credential).",
                    },
                },
            },
        };
    }

    static JsonObject Operation(string name, string path, ApiOperationAttribute operation, JsonObject schemas)
    {
        var parameters = new JsonArray();
        foreach (Match placeholder in Placeholder().Matches(path))
        {
            var parameter = placeholder.Groups[1].Value;
            var schema = ParameterSchema(parameter, string.Empty, path);
            parameters.Add(new JsonObject { ["name"] = parameter, ["in"] = "path", ["required"] = true, ["schema"] = schema, ["example"] = OpenApiExamples.Parameter(parameter, schema, path, operation.Resource) });
        }

        foreach (var query in operation.Query)
        {
            var (queryName, description) = query.Split(':', 2) is [var n, var d] ? (n.Trim(), d.Trim()) : (query, string.Empty);
            var schema = ParameterSchema(queryName, description, path);
            parameters.Add(new JsonObject
            {
                ["name"] = queryName,
                ["in"] = "query",
                ["description"] = description,
                ["required"] = description.StartsWith("required", StringComparison.Ordinal) || description.Contains("(required", StringComparison.Ordinal),
                ["schema"] = schema,
                ["example"] = OpenApiExamples.Parameter(queryName, schema, path, operation.Resource),
            });
        }

        var credentials = operation.Credential == Credential.None
            ? "none"
            : string.Join(", ", Enum.GetValues<Credential>().Where(c => c is Credential.Department or Credential.Supervisor or Credential.Subject && operation.Credential.HasFlag(c)).Select(c => c.ToString().ToLowerInvariant()));
        var result = new JsonObject
        {
            ["operationId"] = name,
            ["summary"] = operation.Summary,
            ["tags"] = new JsonArray(Tag(path)),
            ["x-credential"] = credentials,
            ["security"] = operation.Credential == Credential.None ? new JsonArray() : new JsonArray(new JsonObject { [KeyScheme] = new JsonArray() }),
            ["parameters"] = parameters,
            ["responses"] = Responses(operation, schemas),
        };
        if (operation.Resource != ResourceKind.None)
        {
            result["x-resource"] = operation.Resource.ToString();
            result["x-parties"] = new JsonArray([.. Enum.GetValues<Party>().Where(p => p != Party.None && operation.Parties.HasFlag(p)).Select(p => (JsonNode)p.ToString())]);
        }

        if (operation.Request is { } request)
        {
            var schema = Reference(request, schemas);
            result["requestBody"] = new JsonObject { ["required"] = true, ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schema, ["example"] = OpenApiExamples.Body(schema, schemas) } } };
        }
        else if (operation.RequestMediaType is { } media)
        {
            result["requestBody"] = new JsonObject { ["required"] = true, ["content"] = new JsonObject { [media] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string", ["format"] = "binary" } } } };
        }

        return result;
    }

    static JsonObject Responses(ApiOperationAttribute operation, JsonObject schemas)
    {
        var success = new JsonObject { ["description"] = "success" };
        // A file (a PDF, a page) is a binary body of its media type; anything else is JSON of its named type.
        var file = operation.Response is null && !operation.ResponseMediaType.Contains("json", StringComparison.Ordinal);
        var content = new JsonObject
        {
            ["schema"] = operation.Response is { } type ? Reference(type, schemas) : file ? new JsonObject { ["type"] = "string", ["format"] = "binary" } : new JsonObject { ["type"] = "object" },
        };
        if (operation.Response is not null)
        {
            content["example"] = OpenApiExamples.Body(content["schema"]!, schemas);
        }

        success["content"] = new JsonObject { [operation.ResponseMediaType] = content };
        var responses = new JsonObject { [operation.SuccessStatus.ToString(System.Globalization.CultureInfo.InvariantCulture)] = success };
        foreach (var also in operation.AlsoSucceedsWith)
        {
            responses[also.ToString(System.Globalization.CultureInfo.InvariantCulture)] = success.DeepClone();
        }

        JsonObject Error(string description) => new() { ["description"] = description, ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/Error" } } } };
        responses["400"] = Error("the request is malformed: the error names the field or parameter and the check that failed" + operation.Resource switch
        {
            ResourceKind.Record => "; INVALID_RECORD_ID: not a record id",
            ResourceKind.ListEntry => "; ENTRY_ID: not a list entry id",
            ResourceKind.Department => "; USCC_*: the department code fails a check of GB 32100-2015 (length, characters, check character)",
            _ => string.Empty,
        });
        if (operation.Credential != Credential.None)
        {
            responses["401"] = Error("API_KEY_REQUIRED: no valid key in X-Api-Key");
            responses["403"] = Error($"ROLE_NOT_ALLOWED: the key's role is not one this operation takes ({operation.Credential})"
                + (operation.Resource == ResourceKind.None ? string.Empty : $"; NOT_YOUR_PART: a party to the {operation.Resource} other than {operation.Parties}")
                + (operation.Resource == ResourceKind.Department ? "; FORBIDDEN_DEPARTMENT: another department's" : string.Empty));
        }

        responses["404"] = Error((operation.Resource.NotFoundCode() is { } code ? code + ": " : string.Empty) + "not found; also what the caller may not know exists (another department's record or case, another subject's item): the same answer either way");
        foreach (var declared in operation.Errors.GroupBy(e => e[..3]))
        {
            responses[declared.Key] = Error(string.Join("; ", declared.Select(e => e[4..])));
        }

        if (operation.Request is not null || operation.RequestMediaType is not null)
        {
            responses["413"] = Error("BODY_TOO_LARGE: the body is larger than the operation takes");
        }

        if (operation.RateLimited)
        {
            responses["429"] = Error("RATE_LIMITED: too many requests from this client address; wait the Retry-After seconds");
        }

        responses["500"] = Error("INTERNAL_ERROR: quote the correlation id to the operators");
        return responses;
    }

    static JsonObject Reference(Type type, JsonObject schemas)
    {
        var name = type.Name;
        if (!schemas.ContainsKey(name))
        {
            var schema = JsonSchemaExporter.GetJsonSchemaAsNode(Web, type, new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true, TransformSchemaNode = OptionalWhereNullable });
            Rebase(schema, $"#/components/schemas/{name}");
            schemas[name] = schema;
        }

        return new JsonObject { ["$ref"] = $"#/components/schemas/{name}" };
    }

    /// <summary>
    /// The exporter refers to a type met twice by its first place in the same schema ("#/properties/…"); in the
    /// document that schema sits under components, so its references are made to point there.
    /// </summary>
    static void Rebase(JsonNode? node, string root)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue reference && reference.GetValue<string>() is var target && target.StartsWith('#') && !target.StartsWith("#/components/", StringComparison.Ordinal))
                {
                    obj["$ref"] = root + target[1..];
                }

                foreach (var (_, child) in obj.ToList())
                {
                    Rebase(child, root);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Rebase(child, root);
                }

                break;
        }
    }

    /// <summary>
    /// "true" (any value) becomes {}, and a record's constructor makes every parameter "required" to the exporter; a nullable one may be left out of a
    /// request (the API answers 400 naming what a case needs), so only non-nullable properties stay required.
    /// </summary>
    static JsonNode OptionalWhereNullable(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (schema is JsonValue value && value.GetValueKind() == JsonValueKind.True)
        {
            // "any value" as an object schema: OpenAPI tools do not all read boolean schemas.
            return new JsonObject();
        }

        if (schema is JsonObject { } node && node["required"] is JsonArray required && node["properties"] is JsonObject properties)
        {
            var stay = required.Select(r => r!.GetValue<string>())
                .Where(name => properties[name] is not JsonObject { } property || property["type"] is not JsonArray types || !types.Any(t => t?.GetValue<string>() == "null"))
                .ToList();
            node.Remove("required");
            if (stay.Count > 0)
            {
                node["required"] = new JsonArray([.. stay.Select(n => (JsonNode)n)]);
            }
        }

        return schema;
    }

    static JsonObject ErrorSchema() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["code"] = new JsonObject { ["type"] = "string" },
                    ["message"] = new JsonObject { ["type"] = "string", ["description"] = "English" },
                    ["messageZh"] = new JsonObject { ["type"] = "string", ["description"] = "中文" },
                },
            },
        },
    };

    /// <summary>The schema of a path or query parameter: its type and the check the API applies (400 names it when it fails).</summary>
    static JsonObject ParameterSchema(string name, string description, string path) => name switch
    {
        "departmentCode" or "department" => Pattern(CreditCode),
        "code" when path.StartsWith("/api/measures", StringComparison.Ordinal) || path.StartsWith("/api/catalogue", StringComparison.Ordinal) => Pattern(Credit.Storage.ItemCode.Pattern),
        "code" or "subject" => Pattern($"^({CreditCode}|{ResidentId})$"),
        "month" => Pattern(@"^\d{4}-(0[1-9]|1[0-2])$"),
        "from" => new JsonObject { ["type"] = "string", ["format"] = "date" },
        "year" => new JsonObject { ["type"] = "integer", ["minimum"] = 2000, ["maximum"] = 2100 },
        "months" => new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 24 },
        "version" or "workingDays" => new JsonObject { ["type"] = "integer", ["minimum"] = 0 },
        "listType" => Enumeration(["red", "black", "watch"]),
        "state" => Enumeration(Enum.GetNames<Credit.JointCases.CaseState>()),
        "retired" => new JsonObject { ["type"] = "boolean" },
        "purpose" => new JsonObject { ["type"] = "string", ["minLength"] = 1, ["maxLength"] = 200 },
        _ when Alternatives().Match(description) is { Success: true } choice => Enumeration([.. choice.Value.Split('|').Select(v => v.Trim().Split(' ')[0])]),
        _ => new JsonObject { ["type"] = "string" },
    };

    const string CreditCode = "[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}";
    const string ResidentId = "[1-9][0-9]{16}[0-9Xx]";

    static JsonObject Pattern(string pattern) => new() { ["type"] = "string", ["pattern"] = pattern.StartsWith('^') ? pattern : $"^{pattern}$" };

    static JsonObject Enumeration(IEnumerable<string> values) => new() { ["type"] = "string", ["enum"] = new JsonArray([.. values.Select(v => (JsonNode)v)]) };

    /// <summary>The group an operation is listed under: the first segment of its path after /api (cases, lists, public…).</summary>
    static string Tag(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries) is [_, var first, ..] ? first : "api";

    [GeneratedRegex(@"^[a-z]+( \([^)]*\))? \| [a-z]+( \([^)]*\))?( \| [a-z]+( \([^)]*\))?)*$")]
    private static partial Regex Alternatives();

    /// <summary>An OpenAPI path from a function route: catch-alls and constraints dropped ({*path} → {path}).</summary>
    public static string OpenApiPath(string route) => RouteParameter().Replace(route, m => $"{{{m.Groups[1].Value}}}");

    [GeneratedRegex(@"\{\*?([A-Za-z0-9_]+)(:[^}]*)?\??\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)\}")]
    private static partial Regex Placeholder();
}
