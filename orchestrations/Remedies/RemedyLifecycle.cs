using Credit.JointCases;
using Microsoft.DurableTask;

namespace Credit.Orchestrations.Remedies;

/// <summary>
/// The shape both remedies share: open (an objection marks its item at once; the deciding department is told and
/// the deadline scheduled) → reminder and overdue from the daily deadline run while undecided → the decision,
/// carried out → done. Like a case, it waits only for signals, so a kill while a decision is pending loses nothing.
/// </summary>
public static class RemedyLifecycle
{
    static readonly TaskOptions Retry = ActivityRetry.Storage;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("DurableTask", "DURABLE0011", Justification =
        "A remedy hears at most a reminder, an overdue and its decision (days to weeks); the loop ends with the decision.")]
    public static async Task<string> RunAsync(TaskOrchestrationContext context, string remedyId)
    {
        await context.CallActivityAsync<bool>(nameof(OpenRemedy), remedyId, Retry);
        while (true)
        {
            var signal = await context.WaitForExternalEvent<CaseSignal>(CaseSignal.EventName);
            switch (signal.Kind)
            {
                case CaseSignalKind.Reminder:
                    await context.CallActivityAsync<bool>(nameof(RemindRemedy), remedyId, Retry);
                    break;
                case CaseSignalKind.FeedbackDue:
                    await context.CallActivityAsync<bool>(nameof(MarkRemedyOverdue), remedyId, Retry);
                    break;
                case CaseSignalKind.Decided:
                    await context.CallActivityAsync<bool>(nameof(ApplyRemedyDecision), remedyId, Retry);
                    return "decided";
                default:
                    break;
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
