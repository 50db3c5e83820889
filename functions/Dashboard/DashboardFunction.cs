using Credit.Functions.Hosting;
using Credit.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Dashboard;

/// <summary>Serves the supervision dashboard and the API reference page under /dashboard (dashboard/dist as npm built it).</summary>
public static class DashboardFunction
{
    [Function("Dashboard")]
    [ApiOperation("The supervision dashboard (sign in with an API key) and the API reference page /dashboard/api-docs/: static files", Credential.None, ResponseMediaType = "text/html", InDocument = false)]
    public static IActionResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/{*path}")] HttpRequest request) =>
        StaticSite.Serve(request, "dashboard");
}
