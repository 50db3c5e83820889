using Credit.Intake;
using Microsoft.DurableTask;

namespace Credit.Orchestrations.Intake;

/// <summary>Reads the file once: format, encoding, kind, header and chunk boundaries, or why it cannot be read.</summary>
public sealed class PlanIntake(IntakeService intake) : TaskActivity<UploadRef, IntakePlan>
{
    public override Task<IntakePlan> RunAsync(TaskActivityContext context, UploadRef input) => intake.PlanAsync(input, CancellationToken.None);
}
