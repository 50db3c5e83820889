using Credit.LocalRuntime.Catalog;
using Credit.LocalRuntime.Invocation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Credit.Functions.Api;
using Credit.Functions.Hosting;
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

    /// <summary>
    /// What the server itself answers (no route: 404, a method the route does not take: 405, a body over the server's
    /// limit: 413) carries the product's error body too. Kestrel answers a malformed request line or oversized headers
    /// (400, 431) before any application code runs, with no body; in Azure the Functions front end answers those.
    /// </summary>
    public static void UseProductErrorBodies(IApplicationBuilder app) =>
        app.UseStatusCodePages(async context =>
        {
            var response = context.HttpContext.Response;
            var (code, en, zh) = response.StatusCode switch
            {
                StatusCodes.Status404NotFound => ("NOT_FOUND", "no such endpoint: see /api/openapi.json", "没有此接口，请参阅 /api/openapi.json"),
                StatusCodes.Status405MethodNotAllowed => ("METHOD_NOT_ALLOWED", "this endpoint does not take this method: see /api/openapi.json", "此接口不支持该请求方法，请参阅 /api/openapi.json"),
                StatusCodes.Status413PayloadTooLarge => ("BODY_TOO_LARGE", "the request body is larger than the server accepts (100 MB)", "请求体超过服务器上限（100MB）"),
                StatusCodes.Status431RequestHeaderFieldsTooLarge => ("HEADERS_TOO_LARGE", "the request headers are too large", "请求头过大"),
                _ => ("BAD_REQUEST", "the request is malformed", "请求格式错误"),
            };
            await response.WriteAsJsonAsync(ApiResults.ErrorBody(code, en, zh), context.HttpContext.RequestAborted);
        });

    /// <summary>host.json extensions.http.routePrefix, "api" where it is not set (as in Azure Functions).</summary>
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
        // The worker middleware the Functions app registers, in its order, around the whole invocation as in the worker.
        var errors = ActivatorUtilities.CreateInstance<ApiErrorMiddleware>(scope.ServiceProvider);
        var access = ActivatorUtilities.CreateInstance<AccessByDeclaration>(scope.ServiceProvider);
        await new SecurityHeaders().Invoke(context, _ => errors.Invoke(context, _ => access.Invoke(context, _ => InvokeAndRespondAsync(function, context, http))));
    }

    static async Task InvokeAndRespondAsync(FunctionEntry function, LocalFunctionContext context, HttpContext http)
    {
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
