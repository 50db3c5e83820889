using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Credit.Functions.Hosting;

/// <summary>
/// The headers every response carries: a Content-Security-Policy (an HTML page loads only the product's own scripts
/// and styles; anything else loads nothing), no framing (<c>frame-ancestors 'none'</c>, X-Frame-Options for older
/// browsers), no referrer, no MIME sniffing, and no <c>Server</c> header. Set as the response starts, when its
/// content type is known. The Functions worker runs it around every HTTP function (Program.cs); the local runtime
/// runs the same middleware, and applies <see cref="Apply"/> to what the server answers itself (404, 405, 413).
/// </summary>
public sealed class SecurityHeaders : IFunctionsWorkerMiddleware
{
    /// <summary>The dashboard and the API reference: own scripts only; styles may be inline (Swagger UI sets them); images may be data: URIs.</summary>
    public const string HtmlPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>JSON, CSV and the rest are not documents: they may load nothing and be framed by no one.</summary>
    public const string DataPolicy = "default-src 'none'; frame-ancestors 'none'";

    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http)
        {
            Apply(http);
        }

        return next(context);
    }

    public static void Apply(HttpContext http) => http.Response.OnStarting(() =>
    {
        var headers = http.Response.Headers;
        var html = http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;
        headers.ContentSecurityPolicy = html ? HtmlPolicy : DataPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.Remove("Server");
        return Task.CompletedTask;
    });
}
