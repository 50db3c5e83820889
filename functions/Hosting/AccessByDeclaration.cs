using System.Collections.Concurrent;
using System.Reflection;
using Credit.Departments;
using Credit.Functions.Api;
using Credit.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Credit.Functions.Hosting;

/// <summary>
/// Who may call an HTTP function is what its <see cref="ApiOperationAttribute.Credential"/> declares, enforced here
/// before the handler runs: a declared credential needs a valid key (401 otherwise), and a key whose role the
/// declaration does not name is refused (403), whatever the handler would do. So the supervising office, which reads
/// everything, cannot upload, revoke, list, amend, check or answer as a department (the operations declared for
/// departments only). The caller found is kept for the handler (<see cref="RequestAuth"/>), which still checks whose
/// resource it is. The Functions worker runs it (Program.cs); so does the local runtime, in the same order.
/// </summary>
public sealed class AccessByDeclaration(ApiKeys apiKeys) : IFunctionsWorkerMiddleware
{
    static readonly ConcurrentDictionary<string, Credential> Declarations = new(StringComparer.Ordinal);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var declared = Declared(context.FunctionDefinition.EntryPoint);
        if (context.GetHttpContext() is not { } http || declared == Credential.None)
        {
            await next(context);
            return;
        }

        var caller = await apiKeys.AuthenticateAsync(http.Request.Headers[RequestAuth.ApiKeyHeader].ToString(), http.RequestAborted);
        var refusal = caller is null ? ApiResults.Unauthorized()
            : declared.HasFlag(CredentialOf(caller.Role)) ? null
            : declared == Credential.Supervisor ? ApiResults.SupervisorOnly()
            : ApiResults.Error(StatusCodes.Status403Forbidden, "ROLE_NOT_ALLOWED", $"this operation takes {Describe(declared, english: true)} only", $"此操作仅限使用{Describe(declared, english: false)}");
        if (refusal is null)
        {
            RequestAuth.Remember(http, caller!);
            await next(context);
            return;
        }

        http.Response.StatusCode = refusal.StatusCode!.Value;
        await http.Response.WriteAsJsonAsync(refusal.Value, http.RequestAborted);
    }

    /// <summary>The credential the function at <paramref name="entryPoint"/> ("Namespace.Class.Method") declares; None where it declares none.</summary>
    static Credential Declared(string entryPoint) => Declarations.GetOrAdd(entryPoint, point =>
    {
        var split = point.LastIndexOf('.');
        var method = typeof(AccessByDeclaration).Assembly.GetType(point[..split])?.GetMethod(point[(split + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static);
        return method?.GetCustomAttribute<ApiOperationAttribute>()?.Credential ?? Credential.None;
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
}
