using Credit.Intake;
using Microsoft.DurableTask;

namespace Credit.Orchestrations.Intake;

/// <summary>Reads the file once: format, encoding, kind, header and chunk boundaries, or why it cannot be read.</summary>
public sealed class PlanIntake(IntakeService intake) : TaskActivity<UploadRef, IntakePlan>
{
    public override Task<IntakePlan> RunAsync(TaskActivityContext context, UploadRef input) => intake.PlanAsync(input, CancellationToken.None);
}

/// <summary>Validates and persists the rows of one chunk; its rejected rows wait in the work container for the report.</summary>
public sealed class IngestChunk(IntakeService intake) : TaskActivity<ChunkRequest, IntakeCounts>
{
    public override Task<IntakeCounts> RunAsync(TaskActivityContext context, ChunkRequest input) => intake.IngestChunkAsync(input, CancellationToken.None);
}

/// <summary>Writes results/{department}/{name}.report.json.</summary>
public sealed class WriteIntakeReport(IntakeService intake) : TaskActivity<ReportRequest, IntakeSummary>
{
    public override Task<IntakeSummary> RunAsync(TaskActivityContext context, ReportRequest input) => intake.WriteReportAsync(input, CancellationToken.None);
}
