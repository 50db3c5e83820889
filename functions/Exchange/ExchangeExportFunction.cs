using Credit.Exchange;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Credit.Functions.Exchange;

/// <summary>The daily export to the target platforms (<see cref="ExchangeExportRun"/>), on the schedule of the setting ExchangeExportSchedule (default 02:30 Beijing time, after the disclosure run).</summary>
public sealed partial class ExchangeExportFunction(ExchangeExportRun run, ILogger<ExchangeExportFunction> logger)
{
    [Function("ExchangeExport")]
    public async Task Run([TimerTrigger("%ExchangeExportSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        foreach (var result in await run.RunAsync(cancellationToken))
        {
            LogExported(logger, result.Target, result.Sequence, result.Records, result.ListEntries, result.Remedies, result.Acknowledged, result.Resent);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Exchange export to {Target}: sequence {Sequence}, {Records} records, {ListEntries} list entries, {Remedies} remedies; {Acknowledged} acknowledgements read, {Resent} exports sent again")]
    static partial void LogExported(ILogger logger, string target, long sequence, int records, int listEntries, int remedies, int acknowledged, int resent);
}
