using System.Collections.Concurrent;
using System.Reflection;
using Credit.Departments;
using Credit.Functions.Api;
using Credit.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Credit.Functions.Hosting;

/// <summary>
/// Who may call an HTTP function is what its <see cref="ApiOperationAttribute"/> declares, enforced here before the
/// handler runs, in this order: a declared credential needs a valid key (401); a key whose role the declaration does
/// not name is refused (403 ROLE_NOT_ALLOWED), so the supervising office, which reads everything, writes nothing as a
/// department; then the resource the route names is found (400 malformed, 404 missing) and the caller's standing to
/// it must be one the declaration names. A caller that knows the resource exists (a party of another kind) gets 403
/// NOT_YOUR_PART; any other gets the answer a missing resource gets, so no key tells what exists. The caller and the
/// resource are kept for the handler (<see cref="RequestAuth"/>). The Functions worker runs it (Program.cs); so does
/// the local runtime, in the same order.
/// </summary>
public sealed class AccessByDeclaration(ApiKeys apiKeys, ResourceFinder finder) : IFunctionsWorkerMiddleware
{
    static readonly ConcurrentDictionary<string, Declaration?> Declarations = new(StringComparer.Ordinal);

    sealed record Declaration(ApiOperationAttribute Operation, bool RouteHasId, bool RouteHasDepartment);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var declared = Declared(context.FunctionDefinition.EntryPoint);
        if (context.GetHttpContext() is not { } http || declared is null || declared.Operation.Credential == Credential.None)
        {
            await next(context);
            return;
        }

        var operation = declared.Operation;
        var caller = await apiKeys.AuthenticateAsync(http.Request.Headers[RequestAuth.ApiKeyHeader].ToString(), http.RequestAborted);
        if (caller is null || !operation.Credential.HasFlag(CredentialOf(caller.Role)))
        {
            await RefuseAsync(http, caller is null ? ApiResults.Unauthorized()
                : operation.Credential == Credential.Supervisor ? ApiResults.SupervisorOnly()
                : ApiResults.Error(StatusCodes.Status403Forbidden, "ROLE_NOT_ALLOWED", $"this operation takes {Describe(operation.Credential, english: true)} only", $"此操作仅限使用{Describe(operation.Credential, english: false)}"));
            return;
        }

        object? resource = null;
        if (operation.Resource != ResourceKind.None)
        {
            var name = Named(context, http, declared);
            var (found, answer) = await finder.FindAsync(operation.Resource, name, http.RequestAborted);
            if (answer is not null)
            {
                await RefuseAsync(http, answer);
                return;
            }

            if (found is not null)
            {
                var parties = found.PartiesOf(caller);
                if ((parties & operation.Parties) == Party.None)
                {
                    await RefuseAsync(http, parties == Party.None || operation.Resource == ResourceKind.Department
                        ? ResourceFinder.Refusal(operation.Resource, name!)
                        : ApiResults.Error(StatusCodes.Status403Forbidden, "NOT_YOUR_PART",
                            $"this operation on {operation.Resource} {ApiResults.Echo(name!)} is for {Describe(operation.Parties, english: true)}",
                            $"此操作仅限{Describe(operation.Parties, english: false)}办理"));
                    return;
                }

                resource = found.Value;
            }
        }

        RequestAuth.Remember(http, caller, resource);
        await next(context);
    }

    /// <summary>The route's id or department; for a department not in the route, the query's.</summary>
    static string? Named(FunctionContext context, HttpContext http, Declaration declared)
    {
        string? Route(string key) => context.BindingContext.BindingData.TryGetValue(key, out var value) ? value?.ToString() : null;
        return declared.Operation.Resource == ResourceKind.Department
            ? declared.RouteHasDepartment ? Route("departmentCode") : http.Request.Query["department"].ToString() is { Length: > 0 } query ? query : null
            : declared.RouteHasId ? Route("id") : null;
    }

    static async Task RefuseAsync(HttpContext http, ObjectResult refusal)
    {
        http.Response.StatusCode = refusal.StatusCode!.Value;
        await http.Response.WriteAsJsonAsync(refusal.Value, http.RequestAborted);
    }

    /// <summary>The declaration of the function at <paramref name="entryPoint"/> ("Namespace.Class.Method"); null where there is none.</summary>
    static Declaration? Declared(string entryPoint) => Declarations.GetOrAdd(entryPoint, point =>
    {
        var split = point.LastIndexOf('.');
        var method = typeof(AccessByDeclaration).Assembly.GetType(point[..split])?.GetMethod(point[(split + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static);
        if (method?.GetCustomAttribute<ApiOperationAttribute>() is not { } operation)
        {
            return null;
        }

        var route = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()?.Route).OfType<string>().FirstOrDefault() ?? string.Empty;
        return new Declaration(operation, route.Contains("{id}", StringComparison.Ordinal), route.Contains("{departmentCode}", StringComparison.Ordinal));
    });

    static Credential CredentialOf(CallerRole role) => role switch
    {
        CallerRole.Department => Credential.Department,
        CallerRole.Supervisor => Credential.Supervisor,
        _ => Credential.Subject,
    };

    static string Describe(Credential declared, bool english) => string.Join(english ? " or " : "或", new[]
    {
        declared.HasFlag(Credential.Department) ? (english ? "a department's key" : "部门密钥") : null,
        declared.HasFlag(Credential.Supervisor) ? (english ? "the supervising office's key" : "联席会议办公室密钥") : null,
        declared.HasFlag(Credential.Subject) ? (english ? "a subject's key" : "信用主体密钥") : null,
    }.OfType<string>());

    static string Describe(Party parties, bool english) => string.Join(english ? " or " : "或", new[]
    {
        parties.HasFlag(Party.Owner) ? (english ? "the department that holds it" : "数据提供或决定部门") : null,
        parties.HasFlag(Party.Participant) ? (english ? "a department the case pushed a measure to" : "承担措施的实施部门") : null,
        parties.HasFlag(Party.Subject) ? (english ? "the subject it is about" : "信息主体本人") : null,
        parties.HasFlag(Party.Filer) ? (english ? "whoever filed it" : "提出人") : null,
        parties.HasFlag(Party.Office) ? (english ? "the supervising office" : "联席会议办公室") : null,
    }.OfType<string>());
}
