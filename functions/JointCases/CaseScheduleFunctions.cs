using Credit.Calendar;
using Credit.Functions.Signals;
using Credit.Signals;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Credit.Functions.JointCases;

/// <summary>
/// The daily runs that move cases on the Beijing date: ExpiryRun ends the entries whose period is over
/// (setting ExpirySchedule), DeadlineRun raises feedback and lift reminders and deadlines (setting DeadlineSchedule).
/// </summary>
public sealed partial class CaseScheduleFunctions(SignalSchedule schedule, TimeProvider clock, ILogger<CaseScheduleFunctions> logger)
{
    [Function("ExpiryRun")]
    public Task ExpiryRun([TimerTrigger("%ExpirySchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        RunAsync(ScheduleLane.Expiry, durable, cancellationToken);

    [Function("DeadlineRun")]
    public Task DeadlineRun([TimerTrigger("%DeadlineSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        RunAsync(ScheduleLane.Deadlines, durable, cancellationToken);

    async Task RunAsync(ScheduleLane lane, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var today = BeijingTime.Today(clock);
        var raised = await schedule.RaiseDueAsync(lane, today, new OrchestrationInstances(durable), cancellationToken);
        LogRun(logger, lane, today, raised);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Lane} run for {Today:yyyy-MM-dd}: {Raised} signals raised")]
    static partial void LogRun(ILogger logger, ScheduleLane lane, DateOnly today, int raised);
}
