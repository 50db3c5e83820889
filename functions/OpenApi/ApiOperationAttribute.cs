namespace Credit.Functions.OpenApi;

/// <summary>Who may call an operation, by the key the call carries (X-Api-Key); none: anyone.</summary>
[Flags]
public enum Credential
{
    None = 0,
    Department = 1,
    Supervisor = 2,
    Subject = 4,
    AnyKey = Department | Supervisor | Subject,
}

/// <summary>
/// The OpenAPI description of an HTTP function and who may call it: what it does, the credential it needs, the
/// resource its route names and the parties to it that may act, its query parameters and body. A function without it is left out of the document, and the OpenAPI test fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ApiOperationAttribute(string summary, Credential credential) : Attribute
{
    public string Summary { get; } = summary;

    public Credential Credential { get; } = credential;

    /// <summary>What the route names; <see cref="Parties"/> says who may act on it. Others who know it exists get 403 NOT_YOUR_PART, the rest the answer a missing one gets.</summary>
    public ResourceKind Resource { get; init; }

    /// <summary>Who may act on <see cref="Resource"/>.</summary>
    public Party Parties { get; init; }

    /// <summary>The JSON body's type, its schema exported from the type.</summary>
    public Type? Request { get; init; }

    /// <summary>A body that is not JSON (an uploaded file): its media type.</summary>
    public string? RequestMediaType { get; init; }

    /// <summary>The successful response's type; without it the response is described, not typed.</summary>
    public Type? Response { get; init; }

    public string ResponseMediaType { get; init; } = "application/json";

    public int SuccessStatus { get; init; } = 200;

    /// <summary>Other success statuses that answer the same type (a repeated create: 200 where the first was 201).</summary>
    public int[] AlsoSucceedsWith { get; init; } = [];

    /// <summary>Query parameters as "name: what it is".</summary>
    public string[] Query { get; init; } = [];

    /// <summary>Answers particular to the operation, as "status CODE: when" (409 and 422 so far); the common ones (400, 401, 403, 404, 413, 500) are added from the declaration.</summary>
    public string[] Errors { get; init; } = [];

    /// <summary>False for routes that are not the API (the dashboard's pages, the document itself): declared for access, left out of the document.</summary>
    public bool InDocument { get; init; } = true;

    /// <summary>Limited per client address (429 with Retry-After).</summary>
    public bool RateLimited { get; init; }
}
