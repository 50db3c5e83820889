using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Credit.Functions.Api;

/// <summary>Error answers of the HTTP API: a stable code, and the message in English and Chinese.</summary>
public static class ApiResults
{
    public static ObjectResult Error(int status, string code, string messageEn, string messageZh) =>
        new(new { error = new { code, message = messageEn, messageZh } }) { StatusCode = status };

    /// <summary>A caller's value quoted back in an error: at most 64 characters, control characters shown as '?', so an answer never carries what it refuses whole.</summary>
    public static string Echo(string value)
    {
        var shown = value.Length > 64 ? value[..64] + "…" : value;
        return string.Create(shown.Length, shown, (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = char.IsControl(text[i]) || char.IsSurrogate(text[i]) || text[i] is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' ? '?' : text[i];
            }
        });
    }

    public static ObjectResult Unauthorized() => Error(
        StatusCodes.Status401Unauthorized, "API_KEY_REQUIRED",
        $"send a valid API key in the {RequestAuth.ApiKeyHeader} header", $"请在{RequestAuth.ApiKeyHeader}请求头中提供有效的API密钥");

    public static ObjectResult SupervisorOnly() => Error(
        StatusCodes.Status403Forbidden, "SUPERVISOR_ONLY",
        "only the supervising office (联席会议办公室) may do this", "仅联席会议办公室可执行此操作");

    /// <summary>The JSON body as <typeparamref name="T"/>, or the 400 that says where it is malformed.</summary>
    public static async Task<(T? Body, IActionResult? Invalid)> ReadJsonAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, BodyOptions, cancellationToken);
            return body is null ? (null, InvalidBody("the body is empty", "请求体为空")) : (body, null);
        }
        catch (JsonException e)
        {
            return (null, InvalidBody($"the body is not valid JSON: {e.Message}", $"请求体不是有效的JSON：{e.Path} 第{e.LineNumber + 1}行"));
        }
    }

    static readonly JsonSerializerOptions BodyOptions = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowReadingFromString };

    static ObjectResult InvalidBody(string en, string zh) => Error(StatusCodes.Status400BadRequest, "INVALID_BODY", en, zh);

    public static ObjectResult Forbidden(string departmentCode) => Error(
        StatusCodes.Status403Forbidden, "FORBIDDEN_DEPARTMENT",
        $"this API key may not act for department {departmentCode}", $"此API密钥无权代表单位{departmentCode}操作");
}
