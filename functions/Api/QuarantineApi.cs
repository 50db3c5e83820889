using Credit.Functions.OpenApi;
using Credit.Quarantine;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Api;

/// <summary>The items runs and listeners set aside, for the supervising office: what, whose, why, and a retry.</summary>
public sealed class QuarantineApi(QuarantineStore quarantine)
{
    [Function(nameof(ListQuarantine))]
    [ApiOperation("Items a run or a listener failed on: retried, or quarantined after the last attempt, with the reason", Credential.Supervisor, Response = typeof(QuarantineList))]
    public async Task<IActionResult> ListQuarantine(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/quarantine")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var items = await quarantine.ListAsync(cancellationToken);
        return new OkObjectResult(new QuarantineList(items.Count(i => i.Quarantined), items));
    }

    [Function(nameof(RetryQuarantined))]
    [ApiOperation("Gives a quarantined item its attempts back: its run takes it again next time", Credential.Supervisor, Response = typeof(Credit.Quarantine.QuarantineItem))]
    public async Task<IActionResult> RetryQuarantined(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/quarantine/{id}/retry")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        return await quarantine.RetryAsync(id, cancellationToken) is { } item
            ? new OkObjectResult(item)
            : ApiResults.Error(StatusCodes.Status404NotFound, "QUARANTINE_ITEM_NOT_FOUND",
                $"no quarantined item has the id '{ApiResults.Echo(id)}'", $"隔离区中没有编号为“{ApiResults.Echo(id)}”的条目");
    }
}
