using Credit.Functions.OpenApi;
using Credit.Quarantine;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Api;

/// <summary>
/// Whether the product can work: 200 with each check named, or 503 when storage cannot be reached. Items in
/// quarantine are counted (a warning, not a failure: everyone else's work goes on). No secret, no internal detail.
/// </summary>
public sealed class HealthApi(QuarantineStore quarantine)
{
    [Function(nameof(GetHealth))]
    [ApiOperation("Health: storage reachable, items in quarantine", Credential.None)]
    public async Task<IActionResult> GetHealth(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        int? quarantined;
        try
        {
            quarantined = await quarantine.CountAsync(cancellationToken);
        }
        catch (Azure.RequestFailedException)
        {
            quarantined = null;
        }

        var healthy = quarantined is not null;
        var checks = new[]
        {
            new { name = "storage", status = healthy ? "ok" : "failed" },
            new { name = "quarantine", status = quarantined is null ? "unknown" : quarantined == 0 ? "ok" : "warning" },
        };
        return new ObjectResult(new { status = healthy ? "healthy" : "unhealthy", checks, quarantinedItems = quarantined })
        {
            StatusCode = healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
        };
    }
}
