using Credit.Functions.Hosting;
using Credit.Intake;
using Credit.Orchestrations.Intake;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Credit.Functions.Intake;

/// <summary>The orchestration and activities of ingesting a file, as Azure Functions.</summary>
public sealed class IngestFileFunctions(PlanIntake plan, IngestChunk chunk, WriteIntakeReport report)
{
    [Function(nameof(IngestFile))]
    public static Task<IntakeSummary> IngestFile([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new IngestFile().RunAsync(context, context.GetInput<UploadRef>()!);

    [Function(nameof(PlanIntake))]
    public Task<IntakePlan> PlanIntake([ActivityTrigger] UploadRef upload, FunctionContext context) =>
        plan.RunAsync(new FunctionActivityContext(context), upload);

    [Function(nameof(IngestChunk))]
    public Task<IntakeCounts> IngestChunk([ActivityTrigger] ChunkRequest request, FunctionContext context) =>
        chunk.RunAsync(new FunctionActivityContext(context), request);

    [Function(nameof(WriteIntakeReport))]
    public Task<IntakeSummary> WriteIntakeReport([ActivityTrigger] ReportRequest request, FunctionContext context) =>
        report.RunAsync(new FunctionActivityContext(context), request);
}
