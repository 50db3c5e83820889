using Credit.Exchange;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Credit.Functions.Exchange;

/// <summary>Fetches the files of the sources that publish one (their pullUrl), on the schedule of the setting ExchangePullSchedule (default daily, 01:10 Beijing time).</summary>
public sealed partial class ExchangePullFunction(ExchangePull pull, ILogger<ExchangePullFunction> logger)
{
    [Function("ExchangePull")]
    public async Task Run([TimerTrigger("%ExchangePullSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await pull.RunAsync(cancellationToken);
        LogRun(logger, result.Fetched, result.Unchanged, result.Failed, timer.IsPastDue);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Exchange pull: {Fetched} files fetched, {Unchanged} unchanged, {Failed} sources failed (past due: {PastDue})")]
    static partial void LogRun(ILogger logger, int fetched, int unchanged, int failed, bool pastDue);
}
