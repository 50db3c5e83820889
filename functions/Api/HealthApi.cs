using Credit.Calendar;
using Credit.Departments;
using Credit.Functions.Hosting;
using Credit.Functions.OpenApi;
using Credit.Notices;
using Credit.Quarantine;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;

namespace Credit.Functions.Api;

/// <summary>
/// Whether the product can work, each check named: storage and the durable task hub reachable and the
/// personal-data key resolved (any of them failing: 503); holiday data covering this year and, from 1 December,
/// the next, items in quarantine and notices dead-lettered by the departments' subscriptions (warnings: everything
/// else goes on). No secret, no internal detail.
/// </summary>
public sealed class HealthApi(
    QuarantineStore quarantine, DepartmentRegistry departments, INoticeChannel notices, WorkingDayCalendar calendar, IConfiguration configuration, TimeProvider clock)
{
    /// <summary>The id no instance has: reading it proves the task hub answers without touching any case.</summary>
    const string ProbeInstance = "health-probe";

    [Function(nameof(GetHealth))]
    [ApiOperation("Health: storage, task hub, personal-data key, holiday coverage, items in quarantine, dead-lettered notices", Credential.None, Response = typeof(Health))]
    public async Task<IActionResult> GetHealth(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        int? quarantined = await Probe(() => quarantine.CountAsync(timeout.Token));
        var taskHub = await Probe(async () => { await durable.GetInstanceAsync(ProbeInstance, timeout.Token); return true; });
        var deadLetters = await Probe(async () => await notices.CountDeadLetteredAsync([.. (await departments.ListAsync(timeout.Token)).Select(d => d.Code)], timeout.Token));
        var deadLettered = deadLetters?.Values.Sum() ?? 0;
        var key = CreditServices.PersonalDataKeyProblem(configuration);
        var (covered, holidays) = HolidayCoverage.Check(calendar, BeijingTime.Today(clock));

        var checks = new[]
        {
            new HealthCheck("storage", quarantined is null ? "failed" : "ok", quarantined is null ? "the product's tables cannot be reached" : null),
            new HealthCheck("taskHub", taskHub ? "ok" : "failed", taskHub ? null : "the durable task hub cannot be reached"),
            new HealthCheck("personalDataKey", key is null ? "ok" : "failed", key),
            new HealthCheck("holidays", covered ? "ok" : "warning", holidays),
            new HealthCheck("quarantine", quarantined is null ? "unknown" : quarantined == 0 ? "ok" : "warning", quarantined > 0 ? $"{quarantined} item(s): GET /api/quarantine" : null),
            new HealthCheck("deadLetters", deadLetters is null ? "unknown" : deadLettered == 0 ? "ok" : "warning",
                deadLettered > 0 ? $"{deadLettered} notice(s) dead-lettered in {deadLetters!.Count} department subscription(s) (docs/deploy.md, dead-lettered notices)" : null),
        };
        var healthy = checks.All(c => c.Status != "failed");
        return new ObjectResult(new Health(healthy ? "healthy" : "unhealthy", checks, quarantined))
        {
            StatusCode = healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
        };
    }

    /// <summary>The probe's answer, or none when what it reads cannot be reached (the reason stays in the log, not the body).</summary>
    static async Task<T?> Probe<T>(Func<Task<T>> probe)
    {
        try
        {
            return await probe();
        }
        catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException or Grpc.Core.RpcException or HttpRequestException or InvalidOperationException
            or Azure.Messaging.ServiceBus.ServiceBusException or UnauthorizedAccessException)
        {
            return default;
        }
    }
}

/// <summary>healthy (200) or unhealthy (503), each check named: ok, warning, failed or unknown.</summary>
public sealed record Health(string Status, IReadOnlyList<HealthCheck> Checks, int? QuarantinedItems);

public sealed record HealthCheck(string Name, string Status, string? Detail);
