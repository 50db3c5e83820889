using Credit.Disclosure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Credit.Functions.Disclosure;

/// <summary>
/// Publishes what is due and withdraws what has ended, then the public copies of the entries other platforms sent
/// (<see cref="Credit.Exchange.ImportedEntryPublication"/>), on the schedule of the setting DisclosureSchedule (default every 15 minutes).
/// </summary>
public sealed partial class DisclosureRunFunction(DisclosureRun run, Credit.Exchange.ImportedEntryPublication imported, ILogger<DisclosureRunFunction> logger)
{
    [Function("DisclosureRun")]
    public async Task Run([TimerTrigger("%DisclosureSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await run.RunAsync(cancellationToken);
        LogRun(logger, result.Published, result.PublishedLate, result.Expired, result.Withdrawn, timer.IsPastDue);
        var copies = await imported.RunAsync(cancellationToken);
        LogImported(logger, copies);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Public copies of imported entries: {Count} written")]
    static partial void LogImported(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Disclosure run: {Published} published ({Late} late), {Expired} expired before publication, {Withdrawn} withdrawn (past due: {PastDue})")]
    static partial void LogRun(ILogger logger, int published, int late, int expired, int withdrawn, bool pastDue);
}
