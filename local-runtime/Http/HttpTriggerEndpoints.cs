using Credit.LocalRuntime.Catalog;
using Credit.LocalRuntime.Invocation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Azure.Functions.Worker;

namespace Credit.LocalRuntime.Http;

/// <summary>Serves each HTTP-triggered function on Kestrel under its own route and methods, below host.json's route prefix.</summary>
public static class HttpTriggerEndpoints
{
    // ConfigureFunctionsWebApplication hands the HttpContext to functions through this item.
    const string HttpContextItem = "HttpRequestContext";

    public static IReadOnlyList<string> Map(IEndpointRouteBuilder endpoints, FunctionCatalog catalog, string routePrefix)
    {
        var served = new List<string>();
        foreach (var function in catalog.OfKind(TriggerKind.Http))
        {
            var trigger = function.TriggerAs<HttpTriggerAttribute>();
            var route = "/" + string.Join('/', new[] { routePrefix, trigger.Route ?? function.Name }.Where(s => !string.IsNullOrEmpty(s)));
            var methods = (trigger.Methods ?? ["get", "post", "put", "delete", "patch", "head", "options"]).Select(m => m.ToUpperInvariant()).ToArray();
            endpoints.MapMethods(route, methods, http => InvokeAsync(function, http)).WithDisplayName(function.Name);
            served.Add(function.Name);
        }

        return served;
    }

    /// <summary>host.json extensions.http.routePrefix, "api" where it is not set (as in Azure Functions).</summary>
    public static string RoutePrefixOf(string hostJsonPath)
    {
        using var host = System.Text.Json.JsonDocument.Parse(File.ReadAllText(hostJsonPath));
        return host.RootElement.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var prefix)
            ? prefix.GetString() ?? string.Empty
            : "api";
    }

    static async Task InvokeAsync(FunctionEntry function, HttpContext http)
    {
        await using var scope = http.RequestServices.CreateAsyncScope();
        var bindingData = http.Request.RouteValues.ToDictionary(r => r.Key, r => r.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in http.Request.Query)
        {
            bindingData.TryAdd(key, value.ToString());
        }

        var context = new LocalFunctionContext(function, scope.ServiceProvider, bindingData, http.RequestAborted);
        context.Items[HttpContextItem] = http;
        var result = await FunctionInvoker.InvokeAsync(function, context, _ => http.Request);
        switch (result)
        {
            case IActionResult action:
                await action.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
                break;
            case IResult minimal:
                await minimal.ExecuteAsync(http);
                break;
            case null:
                http.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            default:
                await http.Response.WriteAsJsonAsync(result, result.GetType(), http.RequestAborted);
                break;
        }
    }
}
