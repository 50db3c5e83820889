using Credit.Departments;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Credit.Functions.Api;

/// <summary>Every non-public endpoint: an API key bound to a department or to the supervising office.</summary>
public sealed class RequestAuth(ApiKeys apiKeys)
{
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The caller, or the answer to send instead (401 without a valid key, 403 for another department).</summary>
    public async Task<(Caller? Caller, IActionResult? Denied)> AuthorizeAsync(HttpRequest request, string? departmentCode, CancellationToken cancellationToken)
    {
        var caller = await apiKeys.AuthenticateAsync(request.Headers[ApiKeyHeader].ToString(), cancellationToken);
        if (caller is null)
        {
            return (null, ApiResults.Unauthorized());
        }

        return departmentCode is not null && !caller.MayActFor(departmentCode)
            ? (null, ApiResults.Forbidden(departmentCode))
            : (caller, null);
    }
}
