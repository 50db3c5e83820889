using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Credit.Functions.Api;

/// <summary>Error answers of the HTTP API: a stable code, and the message in English and Chinese.</summary>
public static class ApiResults
{
    public static ObjectResult Error(int status, string code, string messageEn, string messageZh) =>
        new(ErrorBody(code, messageEn, messageZh)) { StatusCode = status };

    /// <summary>The one shape of every error answer; <paramref name="correlationId"/> where the operators' log has more.</summary>
    public static object ErrorBody(string code, string messageEn, string messageZh, string? correlationId = null) =>
        correlationId is null
            ? new { error = new { code, message = messageEn, messageZh } }
            : new { error = new { code, message = messageEn, messageZh, correlationId } };

    /// <summary>A 400 that lists every problem of a request body, each with the field it is in.</summary>
    public static BadRequestObjectResult Invalid(string code, string messageEn, string messageZh, IEnumerable<Catalogue.ItemProblem> problems) => new(new
    {
        error = new { code, message = messageEn, messageZh },
        problems = problems.Select(p => new { field = p.Field, message = p.Message, messageZh = p.MessageZh }),
    });

    /// <summary>
    /// A 400 that lists every rule a submitted item breaks, each with its field, the value quoted back where it may be
    /// (<see cref="Records.RowError.Value"/>), its code and both messages: "the {what} breaks n rules", "{whatZh}有n处错误".
    /// </summary>
    public static BadRequestObjectResult Broken(string code, string what, string whatZh, IReadOnlyList<Records.RowError> errors) => new(new
    {
        error = new { code, message = $"the {what} breaks {errors.Count} rules", messageZh = $"{whatZh}有{errors.Count}处错误" },
        problems = errors.Select(e => new { field = e.Column, value = e.Value, code = e.Code, message = e.MessageEn, messageZh = e.MessageZh }),
    });

    /// <summary>The largest JSON request body any endpoint takes (files and evidence have their own limits).</summary>
    public const int MaxJsonBodyBytes = 64 * 1024;

    /// <summary>A caller's value quoted back in an error: at most <paramref name="maxLength"/> characters, control and bidi characters shown as '?', so an answer never carries what it refuses whole.</summary>
    public static string Echo(string value, int maxLength = 64) => Records.TextRules.Echo(value, maxLength);

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
        if (request.ContentLength > MaxJsonBodyBytes)
        {
            return (null, BodyTooLarge());
        }

        try
        {
            using var limited = new MemoryStream();
            var buffer = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (limited.Length + read > MaxJsonBodyBytes)
                {
                    return (null, BodyTooLarge());
                }

                limited.Write(buffer, 0, read);
            }

            limited.Position = 0;
            var body = await JsonSerializer.DeserializeAsync<T>(limited, BodyOptions, cancellationToken);
            return body is null ? (null, InvalidBody("the body is empty", "请求体为空")) : (body, null);
        }
        catch (JsonException e)
        {
            return (null, InvalidBody($"the body is not valid: {Echo(e.Message, 300)}", $"请求体无效：{e.Path} 第{e.LineNumber + 1}行：{Echo(e.Message, 300)}"));
        }
    }

    static readonly JsonSerializerOptions BodyOptions = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new DefinedEnumConverter() },
    };

    static ObjectResult InvalidBody(string en, string zh) => Error(StatusCodes.Status400BadRequest, "INVALID_BODY", en, zh);

    static ObjectResult BodyTooLarge() => Error(StatusCodes.Status413PayloadTooLarge, "BODY_TOO_LARGE",
        $"a JSON request body may have at most {MaxJsonBodyBytes} bytes", $"JSON请求体最多{MaxJsonBodyBytes}字节");

    public static ObjectResult Forbidden(string departmentCode) => Error(
        StatusCodes.Status403Forbidden, "FORBIDDEN_DEPARTMENT",
        $"this API key may not act for department {departmentCode}", $"此API密钥无权代表单位{departmentCode}操作");
}
