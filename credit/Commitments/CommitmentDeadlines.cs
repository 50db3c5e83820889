using Credit.Calendar;
using Credit.Statistics;
using Microsoft.Extensions.Logging;

namespace Credit.Commitments;

/// <summary>
/// The daily mark of 容缺 commitments still open after their due day (issue 20: "a 容缺 item not supplied by its date
/// is marked overdue by the deadline run"): each is marked once, with its overdue fact for the taking department's
/// statistics and the monthly notice. One commitment that cannot be marked is logged and left for the next run; the
/// others are marked in the same run.
/// </summary>
public sealed partial class CommitmentDeadlines(CommitmentStore store, StatisticsLedger statistics, TimeProvider clock, ILogger<CommitmentDeadlines> logger)
{
    public async Task<int> MarkOverdueAsync(CancellationToken cancellationToken = default)
    {
        var today = BeijingTime.Today(clock);
        var marked = 0;
        foreach (var due in await store.OpenPastDueAsync(today, cancellationToken))
        {
            try
            {
                if (await store.MarkOverdueAsync(due, clock.GetUtcNow(), cancellationToken) is { } overdue)
                {
                    await statistics.RecordAsync(CommitmentFacts.Of(overdue), cancellationToken);
                    marked++;
                }
            }
            catch (Azure.RequestFailedException e)
            {
                LogNotMarked(logger, due.Id, e.Status, e.ErrorCode);
            }
        }

        LogRun(logger, today, marked);
        return marked;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Commitment deadlines for {Today:yyyy-MM-dd}: {Marked} 容缺 commitments marked overdue")]
    static partial void LogRun(ILogger logger, DateOnly today, int marked);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Commitment {Id} could not be marked overdue ({Status} {Code}); the next run tries again")]
    static partial void LogNotMarked(ILogger logger, string id, int status, string? code);
}
