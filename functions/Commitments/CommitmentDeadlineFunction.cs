using Credit.Commitments;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Commitments;

/// <summary>Marks the 容缺 commitments still open after their due day, on the deadline run's schedule (setting DeadlineSchedule).</summary>
public sealed class CommitmentDeadlineFunction(CommitmentDeadlines deadlines)
{
    [Function("CommitmentDeadlineRun")]
    public Task Run([TimerTrigger("%DeadlineSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        deadlines.MarkOverdueAsync(cancellationToken);
}
