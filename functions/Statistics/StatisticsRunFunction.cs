using Credit.Statistics;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Credit.Functions.Statistics;

/// <summary>Computes the supervision figures of what changed and writes the monthly notices, on the schedule of the setting StatisticsSchedule (daily).</summary>
public sealed partial class StatisticsRunFunction(StatisticsRun run, ILogger<StatisticsRunFunction> logger)
{
    [Function("StatisticsRun")]
    public async Task Run([TimerTrigger("%StatisticsSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await run.RunAsync(cancellationToken);
        LogRun(logger, result.DepartmentMonths, result.FactsRead, result.NoticesWritten, timer.IsPastDue);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Statistics run: {DepartmentMonths} department-months computed from {Facts} facts, notices {Notices} (past due: {PastDue})")]
    static partial void LogRun(ILogger logger, int departmentMonths, long facts, IReadOnlyList<string> notices, bool pastDue);
}
