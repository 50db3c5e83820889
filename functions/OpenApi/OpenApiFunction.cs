using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.OpenApi;

/// <summary>The API's OpenAPI document; the reference page that reads it is /dashboard/api-docs/.</summary>
public static class OpenApiFunction
{
    static readonly Lazy<string> Document = new(() => OpenApiDocument.Build(typeof(OpenApiFunction).Assembly).ToJsonString(new System.Text.Json.JsonSerializerOptions
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    }));

    [Function("OpenApiDocument")]
    [ApiOperation("This OpenAPI document (reference page: /dashboard/api-docs/)", Credential.None, InDocument = false)]
    public static IActionResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/openapi.json")] HttpRequest request) =>
        new ContentResult { Content = Document.Value, ContentType = "application/json; charset=utf-8", StatusCode = StatusCodes.Status200OK };
}
