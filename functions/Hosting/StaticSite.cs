using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.StaticFiles;

namespace Credit.Functions.Hosting;

/// <summary>
/// Serves a site npm built beside the app ({name}/ in the package) under /{name}, so that the same package serves it
/// locally and in Azure: a directory's index.html, nothing outside the site's folder.
/// </summary>
public static class StaticSite
{
    static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IActionResult Serve(HttpRequest request, string name)
    {
        var prefix = "/" + name;
        var root = Path.Combine(AppContext.BaseDirectory, name);
        var relative = request.Path.Value![prefix.Length..].TrimStart('/');
        if (relative.Length == 0 && !request.Path.Value!.EndsWith('/'))
        {
            // Relative links in the page resolve against /{name}/.
            return new RedirectResult(prefix + "/");
        }

        var full = Path.GetFullPath(Path.Combine(root, relative));
        if (Directory.Exists(full))
        {
            full = Path.Combine(full, "index.html");
        }

        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
        {
            return new NotFoundResult();
        }

        request.HttpContext.Response.Headers.ContentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'";
        request.HttpContext.Response.Headers.XContentTypeOptions = "nosniff";
        return new PhysicalFileResult(full, ContentTypes.TryGetContentType(full, out var type) ? type : "application/octet-stream");
    }
}
