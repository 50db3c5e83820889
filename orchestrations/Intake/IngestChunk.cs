using Credit.Intake;
using Microsoft.DurableTask;

namespace Credit.Orchestrations.Intake;

/// <summary>Validates and persists the rows of one chunk; its rejected rows wait in the work container for the report.</summary>
public sealed class IngestChunk(IntakeService intake) : TaskActivity<ChunkRequest, IntakeCounts>
{
    public override Task<IntakeCounts> RunAsync(TaskActivityContext context, ChunkRequest input) => intake.IngestChunkAsync(input, CancellationToken.None);
}
