using Credit.Functions.Hosting;
using Credit.Orchestrations.Remedies;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Credit.Functions.Remedies;

/// <summary>The orchestrations and activities of objections and repairs, as Azure Functions.</summary>
public sealed class RemedyFunctions(OpenRemedy open, RemindRemedy remind, MarkRemedyOverdue markOverdue, ApplyRemedyDecision apply)
{
    [Function(nameof(ObjectionHandling))]
    public static Task<string> ObjectionHandling([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ObjectionHandling().RunAsync(context, context.GetInput<string>()!);

    [Function(nameof(RepairApplication))]
    public static Task<string> RepairApplication([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new RepairApplication().RunAsync(context, context.GetInput<string>()!);

    [Function(nameof(OpenRemedy))]
    public Task<bool> OpenRemedy([ActivityTrigger] string remedyId, FunctionContext context) =>
        open.RunAsync(new FunctionActivityContext(context), remedyId);

    [Function(nameof(RemindRemedy))]
    public Task<bool> RemindRemedy([ActivityTrigger] string remedyId, FunctionContext context) =>
        remind.RunAsync(new FunctionActivityContext(context), remedyId);

    [Function(nameof(MarkRemedyOverdue))]
    public Task<bool> MarkRemedyOverdue([ActivityTrigger] string remedyId, FunctionContext context) =>
        markOverdue.RunAsync(new FunctionActivityContext(context), remedyId);

    [Function(nameof(ApplyRemedyDecision))]
    public Task<bool> ApplyRemedyDecision([ActivityTrigger] string remedyId, FunctionContext context) =>
        apply.RunAsync(new FunctionActivityContext(context), remedyId);
}
