using Credit.Departments;
using Credit.Identifiers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Credit.Functions.Api;

/// <summary>Every non-public endpoint: an API key bound to a department or to the supervising office.</summary>
public sealed class RequestAuth(ApiKeys apiKeys)
{
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Keeps the caller that <see cref="Hosting.AccessByDeclaration"/> authenticated, so that the key is read once per request.</summary>
    public static void Remember(HttpContext http, Caller caller) => http.Items[typeof(Caller)] = caller;

    /// <summary>The caller, or the answer to send instead (401 without a valid key, 403 for another department).</summary>
    public async Task<(Caller? Caller, IActionResult? Denied)> AuthorizeAsync(HttpRequest request, string? departmentCode, CancellationToken cancellationToken)
    {
        var caller = request.HttpContext.Items[typeof(Caller)] as Caller
            ?? await apiKeys.AuthenticateAsync(request.Headers[ApiKeyHeader].ToString(), cancellationToken);
        if (caller is null)
        {
            return (null, ApiResults.Unauthorized());
        }

        return departmentCode is not null && !caller.MayActFor(departmentCode)
            ? (null, ApiResults.Forbidden(departmentCode))
            : (caller, null);
    }

    /// <summary>The supervising office only: 401 without a valid key, 403 for a department's key.</summary>
    public async Task<IActionResult?> DenyUnlessSupervisorAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (caller, denied) = await AuthorizeAsync(request, null, cancellationToken);
        return denied ?? (caller!.Role == CallerRole.Supervisor ? null : ApiResults.SupervisorOnly());
    }

    /// <summary>A department acting with its own key: its code, else 401, or 403 with <paramref name="whyEn"/> / <paramref name="whyZh"/>.</summary>
    public async Task<(string? Department, IActionResult? Denied)> DepartmentAsync(HttpRequest request, string whyEn, string whyZh, CancellationToken cancellationToken)
    {
        var (caller, denied) = await AuthorizeAsync(request, null, cancellationToken);
        return denied is not null ? (null, denied)
            : caller!.Role == CallerRole.Department ? (caller.DepartmentCode, null)
            : (null, ApiResults.Error(StatusCodes.Status403Forbidden, "DEPARTMENT_ONLY", whyEn, whyZh));
    }

    /// <summary>A subject acting with its own key: its subject key, else 401, or 403 SUBJECT_ONLY.</summary>
    public async Task<(string? SubjectKey, IActionResult? Denied)> SubjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (caller, denied) = await AuthorizeAsync(request, null, cancellationToken);
        return denied is not null ? (null, denied)
            : caller!.Role == CallerRole.Subject ? (caller.SubjectKey, null)
            : (null, ApiResults.Error(StatusCodes.Status403Forbidden, "SUBJECT_ONLY", "this is read with a subject's own key", "须使用信用主体本人的密钥"));
    }

    /// <summary>The supervising office or a department, never a subject's key: the caller, else 401, or 403 with the reason given.</summary>
    public async Task<(Caller? Caller, IActionResult? Denied)> OfficeAsync(HttpRequest request, string whyEn, string whyZh, CancellationToken cancellationToken)
    {
        var (caller, denied) = await AuthorizeAsync(request, null, cancellationToken);
        return denied is not null ? (null, denied)
            : caller!.Role is CallerRole.Supervisor or CallerRole.Department ? (caller, null)
            : (null, ApiResults.Error(StatusCodes.Status403Forbidden, "DEPARTMENTS_ONLY", whyEn, whyZh));
    }

    /// <summary>For a route naming a department: a malformed code is 400 (saying which check failed), then as above.</summary>
    public async Task<IActionResult?> DenyForDepartmentAsync(HttpRequest request, string departmentCode, CancellationToken cancellationToken)
    {
        var check = UnifiedSocialCreditCode.Check(departmentCode);
        if (!check.IsValid)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, check.ReasonCode!, $"department code {departmentCode}: {check.MessageEn}", $"单位代码{departmentCode}：{check.MessageZh}");
        }

        return (await AuthorizeAsync(request, departmentCode, cancellationToken)).Denied;
    }
}
