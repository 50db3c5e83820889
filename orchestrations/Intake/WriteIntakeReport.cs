using Credit.Intake;
using Microsoft.DurableTask;

namespace Credit.Orchestrations.Intake;

/// <summary>Writes results/{department}/{name}.report.json.</summary>
public sealed class WriteIntakeReport(IntakeService intake) : TaskActivity<ReportRequest, IntakeSummary>
{
    public override Task<IntakeSummary> RunAsync(TaskActivityContext context, ReportRequest input) => intake.WriteReportAsync(input, CancellationToken.None);
}
