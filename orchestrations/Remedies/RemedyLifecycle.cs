using Credit.Remedies;
using Microsoft.DurableTask;

namespace Credit.Orchestrations.Remedies;

/// <summary>
/// Drives <see cref="RemedyMachine"/>, the shape both remedies share: open (an objection marks its item at once; the
/// deciding department is told and the deadline scheduled), then perform what each signal calls for until the
/// decision is carried out. Like a case, it waits only for signals, so a kill while a decision is pending loses nothing.
/// </summary>
public static class RemedyLifecycle
{
    static readonly TaskOptions Retry = ActivityRetry.Storage;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("DurableTask", "DURABLE0011", Justification =
        "A remedy hears at most a reminder, an overdue and its decision (days to weeks); the loop ends with the decision.")]
    public static async Task<string> RunAsync(TaskOrchestrationContext context, string remedyId)
    {
        await context.CallActivityAsync<bool>(nameof(OpenRemedy), remedyId, Retry);
        var phase = RemedyPhase.AwaitingDecision;
        while (true)
        {
            var transition = RemedyMachine.On(phase, await context.WaitForExternalEvent<RemedySignal>(RemedySignal.Event));
            phase = transition.Phase;
            foreach (var command in transition.Commands)
            {
                switch (command)
                {
                    case RemedyCommand.RemindDecider:
                        await context.CallActivityAsync<bool>(nameof(RemindRemedy), remedyId, Retry);
                        break;
                    case RemedyCommand.MarkOverdue:
                        await context.CallActivityAsync<bool>(nameof(MarkRemedyOverdue), remedyId, Retry);
                        break;
                    case RemedyCommand.ApplyDecision:
                        await context.CallActivityAsync<bool>(nameof(ApplyRemedyDecision), remedyId, Retry);
                        break;
                    case RemedyCommand.Finish:
                        return "decided";
                    default:
                        throw new InvalidOperationException($"unknown remedy command {command}");
                }
            }
        }
    }
}

/// <summary>异议: the item is marked at once, the providing department decides within 5 working days.</summary>
public sealed class ObjectionHandling : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string remedyId) => RemedyLifecycle.RunAsync(context, remedyId);
}

/// <summary>信用修复: eligibility was checked when filed; the deciding department decides within 10 working days.</summary>
public sealed class RepairApplication : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string remedyId) => RemedyLifecycle.RunAsync(context, remedyId);
}
