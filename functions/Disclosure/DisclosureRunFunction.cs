using Credit.Disclosure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Credit.Functions.Disclosure;

/// <summary>Publishes what is due and withdraws what has ended, on the schedule of the setting DisclosureSchedule (default every 15 minutes).</summary>
public sealed partial class DisclosureRunFunction(DisclosureRun run, ILogger<DisclosureRunFunction> logger)
{
    [Function("DisclosureRun")]
    public async Task Run([TimerTrigger("%DisclosureSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await run.RunAsync(cancellationToken);
        LogRun(logger, result.Published, result.PublishedLate, result.Expired, result.Withdrawn, timer.IsPastDue);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Disclosure run: {Published} published ({Late} late), {Expired} expired before publication, {Withdrawn} withdrawn (past due: {PastDue})")]
    static partial void LogRun(ILogger logger, int published, int late, int expired, int withdrawn, bool pastDue);
}
