using Credit.Functions.Hosting;
using Credit.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Portal;

/// <summary>Serves the public portal (信用北京 query) under /portal (portal/dist as npm built it); it reads the public API only.</summary>
public static class PortalFunction
{
    [Function("Portal")]
    [ApiOperation("The public portal: search, a subject's page, the daily files of published records: static files", Credential.None, ResponseMediaType = "text/html", InDocument = false)]
    public static IActionResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/{*path}")] HttpRequest request) =>
        StaticSite.Serve(request, "portal");
}
