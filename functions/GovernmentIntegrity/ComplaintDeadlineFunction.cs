using Credit.GovernmentIntegrity;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.GovernmentIntegrity;

/// <summary>Reminds the office of complaints due soon and marks those past their day, on the deadline run's schedule (setting DeadlineSchedule).</summary>
public sealed class ComplaintDeadlineFunction(GovernmentComplaintDesk desk)
{
    [Function("GovernmentComplaintDeadlineRun")]
    public Task Run([TimerTrigger("%DeadlineSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        desk.RunDeadlinesAsync(cancellationToken);
}
