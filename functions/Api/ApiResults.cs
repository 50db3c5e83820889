using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Credit.Functions.Api;

/// <summary>Error answers of the HTTP API: a stable code, and the message in English and Chinese.</summary>
public static class ApiResults
{
    public static ObjectResult Error(int status, string code, string messageEn, string messageZh) =>
        new(new { error = new { code, message = messageEn, messageZh } }) { StatusCode = status };

    public static ObjectResult Unauthorized() => Error(
        StatusCodes.Status401Unauthorized, "API_KEY_REQUIRED",
        $"send a valid API key in the {RequestAuth.ApiKeyHeader} header", $"请在{RequestAuth.ApiKeyHeader}请求头中提供有效的API密钥");

    public static ObjectResult Forbidden(string departmentCode) => Error(
        StatusCodes.Status403Forbidden, "FORBIDDEN_DEPARTMENT",
        $"this API key may not act for department {departmentCode}", $"此API密钥无权代表单位{departmentCode}操作");
}
