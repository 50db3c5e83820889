using Credit.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Credit.Functions.Reconciliation;

/// <summary>
/// The signal drain (setting SignalDrainSchedule, every 30 seconds), the daily reconciliation (ReconcileSchedule)
/// and the supervisor's reconciliation on demand.
/// </summary>
public sealed partial class ReconciliationFunctions(SignalReconciler reconciler, ILogger<ReconciliationFunctions> logger)
{
    [Function("SignalDrain")]
    public async Task Drain([TimerTrigger("%SignalDrainSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var result = await reconciler.DrainAsync(durable, cancellationToken);
        if (result.Raised > 0)
        {
            LogReconciled(logger, "drain", result.Checked, result.Raised, result.Restarted);
        }
    }

    [Function("ReconcileRun")]
    public async Task Run([TimerTrigger("%ReconcileSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var result = await reconciler.ReconcileAllAsync(durable, cancellationToken);
        LogReconciled(logger, "daily run", result.Checked, result.Raised, result.Restarted);
    }

    [Function(nameof(PostReconciliation))]
    [ApiOperation("Reconciles every open case and recently decided remedy with its orchestration now: restarts failed instances from the stored state and raises the signals their stored state implies", Credential.Supervisor, Response = typeof(ReconciliationResult))]
    public async Task<IActionResult> PostReconciliation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/reconciliation")] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var result = await reconciler.ReconcileAllAsync(durable, cancellationToken);
        LogReconciled(logger, "supervisor", result.Checked, result.Raised, result.Restarted);
        return new OkObjectResult(result);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation ({Trigger}): {Checked} checked, {Raised} signals raised again, {Restarted} failed instances restarted")]
    static partial void LogReconciled(ILogger logger, string trigger, int @checked, int raised, int restarted);
}
