using Credit.DishonestyReports;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.DishonestyReports;

/// <summary>Marks the reports of dishonesty not triaged or not decided by their day, on the deadline run's schedule (setting DeadlineSchedule).</summary>
public sealed class ReportDeadlineFunction(DishonestyReportDesk desk)
{
    [Function("DishonestyReportDeadlineRun")]
    public Task Run([TimerTrigger("%DeadlineSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        desk.MarkOverdueAsync(cancellationToken);
}
