using Credit.Departments;
using Microsoft.AspNetCore.Http;

namespace Credit.Functions.Api;

/// <summary>
/// What <see cref="Hosting.AccessByDeclaration"/> established before the handler runs: the caller, and the resource
/// the route names. A handler reads them here; it does not authorize again.
/// </summary>
public static class RequestAuth
{
    public const string ApiKeyHeader = "X-Api-Key";

    static readonly object ResourceItem = new();

    public static void Remember(HttpContext http, Caller caller, object? resource)
    {
        http.Items[typeof(Caller)] = caller;
        if (resource is not null)
        {
            http.Items[ResourceItem] = resource;
        }
    }

    /// <summary>The caller of an operation that declares a credential.</summary>
    public static Caller CallerOf(HttpRequest request) =>
        request.HttpContext.Items[typeof(Caller)] as Caller ?? throw new InvalidOperationException("the operation declares no credential: it has no caller");

    /// <summary>The resource of an operation that declares one, found by the access check.</summary>
    public static T ResourceOf<T>(HttpRequest request) where T : class =>
        request.HttpContext.Items[ResourceItem] as T ?? throw new InvalidOperationException($"the operation declares no {typeof(T).Name}");
}
