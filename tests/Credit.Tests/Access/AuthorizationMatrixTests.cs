using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Credit.Functions.Hosting;
using Credit.Functions.OpenApi;
using Credit.Testing;
using Credit.Tests.Support;

namespace Credit.Tests.Access;

/// <summary>
/// Every HTTP operation × every kind of caller, the expected answer taken from the operation's declaration
/// (<see cref="ApiOperationAttribute.Credential"/>, which the OpenAPI document also publishes): with no key or an
/// invalid one, 401; with a key whose role the declaration does not name, 403; with one it names, an answer that is
/// not a refusal of the caller (what the handler then says about the resource is its own). The matrix is written to
/// TestResults/authorization-matrix.txt. An operation without a declaration fails here.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed partial class AuthorizationMatrixTests(RuntimeFixture fixture) : IClassFixture<RuntimeFixture>
{
    enum Who
    {
        NoKey,
        InvalidKey,
        Department,
        Office,
        Subject,
    }

    static readonly Who[] Callers = Enum.GetValues<Who>();

    [Fact]
    public async Task Every_operation_answers_each_kind_of_caller_as_it_declares()
    {
        var operations = OpenApiDocument.HttpFunctions(typeof(AccessByDeclaration).Assembly);
        Assert.All(operations, o => Assert.True(o.Operation is not null, $"{o.Name} declares no credential ([ApiOperation])"));

        var lines = new List<string> { $"{"operation",-62} {"declared",-30} {string.Join(' ', Callers.Select(c => $"{c,-10}"))}" };
        var wrong = new List<string>();
        foreach (var (name, route, methods, operation) in operations)
        {
            foreach (var method in methods)
            {
                var declared = operation!.Credential;
                var cells = new List<string>();
                foreach (var who in Callers)
                {
                    var (status, code) = await SendAsync(who, method, Path(route));
                    var cell = $"{(int)status}{(code is "ROLE_NOT_ALLOWED" or "SUPERVISOR_ONLY" or "API_KEY_REQUIRED" ? "*" : string.Empty)}";
                    cells.Add($"{cell,-10}");
                    if (Expected(declared, who) is { } expected && !expected(status, code))
                    {
                        wrong.Add($"{method.ToUpperInvariant()} {route} ({declared}) as {who}: {(int)status} {code}");
                    }
                }

                lines.Add($"{method.ToUpperInvariant() + " " + route,-62} {declared,-30} {string.Join(' ', cells)}");
            }
        }

        lines.Add("* the caller was refused by the declaration (401 API_KEY_REQUIRED, 403 ROLE_NOT_ALLOWED or SUPERVISOR_ONLY); other answers are the handler's");
        var output = System.IO.Path.Combine(Repository.Root, "TestResults", "authorization-matrix.txt");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(output)!);
        await File.WriteAllLinesAsync(output, lines);
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    /// <summary>What the declaration says <paramref name="who"/> must get; null where it says nothing (an open operation).</summary>
    static Func<HttpStatusCode, string?, bool>? Expected(Credential declared, Who who)
    {
        if (declared == Credential.None)
        {
            return (_, code) => code is not ("ROLE_NOT_ALLOWED" or "SUPERVISOR_ONLY" or "API_KEY_REQUIRED");
        }

        var role = who switch
        {
            Who.Department => Credential.Department,
            Who.Office => Credential.Supervisor,
            Who.Subject => Credential.Subject,
            _ => Credential.None,
        };
        return role == Credential.None ? (status, _) => status == HttpStatusCode.Unauthorized
            : declared.HasFlag(role) ? (status, code) => status != HttpStatusCode.Unauthorized && code is not ("ROLE_NOT_ALLOWED" or "SUPERVISOR_ONLY")
            : (status, code) => status == HttpStatusCode.Forbidden && code is "ROLE_NOT_ALLOWED" or "SUPERVISOR_ONLY";
    }

    async Task<(HttpStatusCode Status, string? Code)> SendAsync(Who who, string method, string path)
    {
        using var api = fixture.Api(who switch
        {
            Who.Department => fixture.DepartmentKey,
            Who.Office => fixture.SupervisorKey,
            Who.Subject => fixture.SubjectKey,
            Who.InvalidKey => "not-a-key",
            _ => null,
        });
        using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), new Uri(path.TrimStart('/'), UriKind.Relative));
        if (method is "post" or "put" or "patch")
        {
            // An empty JSON object: enough to pass the door. Nothing it reaches exists, and the one thing it makes, an
            // upload of "{}" by the department, is a file whose report rejects it.
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await api.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var code = ErrorCode().Match(body) is { Success: true } match ? match.Groups[1].Value : null;
        return (response.StatusCode, code);
    }

    /// <summary>The route with a well-formed value in each parameter, pointing at nothing that exists.</summary>
    static string Path(string route) => RouteParameter().Replace(route, m => m.Groups[1].Value switch
    {
        "code" or "departmentCode" => Rows.Department,
        "year" => "2031",
        "month" => "2025-03",
        "listType" => "black",
        "name" => "matrix.csv",
        "path" => string.Empty,
        _ => "matrix-0000",
    });

    [GeneratedRegex(@"\{\*?([A-Za-z]+)(?::[^}]*)?\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("\"code\"\\s*:\\s*\"([A-Z_]+)\"")]
    private static partial Regex ErrorCode();
}
