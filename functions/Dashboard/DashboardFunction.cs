using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.StaticFiles;
using Credit.Functions.OpenApi;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Dashboard;

/// <summary>
/// Serves the supervision dashboard and the API reference page under /dashboard, from the files the npm build put
/// beside the app (dashboard/dist → dashboard/ in the package), so the same package serves them locally and in Azure.
/// </summary>
public static class DashboardFunction
{
    const string Prefix = "/dashboard";
    static readonly string Root = Path.Combine(AppContext.BaseDirectory, "dashboard");
    static readonly FileExtensionContentTypeProvider ContentTypes = new();

    [Function("Dashboard")]
    [ApiOperation("The supervision dashboard (sign in with an API key) and the API reference page /dashboard/api-docs/: static files", Credential.None, ResponseMediaType = "text/html", InDocument = false)]
    public static IActionResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/{*path}")] HttpRequest request)
    {
        var relative = request.Path.Value![Prefix.Length..].TrimStart('/');
        if (relative.Length == 0 && !request.Path.Value!.EndsWith('/'))
        {
            // Relative links in the page resolve against /dashboard/.
            return new RedirectResult(Prefix + "/");
        }

        var full = Path.GetFullPath(Path.Combine(Root, relative));
        if (Directory.Exists(full))
        {
            full = Path.Combine(full, "index.html");
        }

        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
        {
            return new NotFoundResult();
        }

        request.HttpContext.Response.Headers.ContentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'";
        request.HttpContext.Response.Headers.XContentTypeOptions = "nosniff";
        return new PhysicalFileResult(full, ContentTypes.TryGetContentType(full, out var type) ? type : "application/octet-stream");
    }
}
