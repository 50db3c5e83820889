using Credit.JointCases;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Credit.Orchestrations.JointCases;

/// <summary>
/// One joint case (联合奖惩案件) from initiation to removal: opens the case, then drives <see cref="CaseMachine"/>,
/// which holds every transition; this class only performs the machine's commands as activities and feeds their results
/// back. Deadlines and expiry arrive as signals from the daily runs, which read the product's working-day calendar and
/// the Beijing date; the orchestration sets no durable timer and only waits for signals, so its history grows with
/// what happens to the case (about three rows per signal), never with the years it waits. It does not ContinueAsNew:
/// the local engine's gRPC sidecar drops the events a generation has not consumed, and a lost expiry signal would
/// leave a case in effect for ever.
/// </summary>
public sealed partial class JointCaseLifecycle : TaskOrchestrator<string, CaseEndReason?>
{
    static readonly TaskOptions Retry = ActivityRetry.Storage;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("DurableTask", "DURABLE0011", Justification =
        "The loop ends with the case; its history grows with the case's events only (about three rows per signal, no timer), checked by JointCaseEndToEndTests. ContinueAsNew would drop signals the generation has not consumed (see the summary).")]
    public override async Task<CaseEndReason?> RunAsync(TaskOrchestrationContext context, string caseId)
    {
        var log = context.CreateReplaySafeLogger<JointCaseLifecycle>();
        var rules = CaseRules.OfVersion(OrchestrationVersions.NumberOf(context.Version));
        var opened = await context.CallActivityAsync<CaseProgress>(nameof(OpenCase), caseId, Retry);
        LogOpened(log, caseId, opened.Outstanding.Count);
        var transition = CaseMachine.Opened(rules, opened);

        // The steps whose only result is that they ran.
        Task StepAsync(string activity, int round) => context.CallActivityAsync<bool>(activity, new CaseStep(caseId, round), Retry);

        while (true)
        {
            var state = transition.State;
            var pending = new Queue<CaseCommand>(transition.Commands);
            while (pending.TryDequeue(out var command))
            {
                CaseTransition? next = null;
                switch (command)
                {
                    case CaseCommand.EnterInEffect c:
                        await StepAsync(nameof(SetCaseInEffect), c.Round);
                        break;
                    case CaseCommand.RemindFeedback c:
                        await StepAsync(nameof(RemindCase), c.Round);
                        break;
                    case CaseCommand.MarkFeedbackOverdue c when rules.OverdueIsNotAwaited:
                        next = CaseMachine.AfterOverdue(state, await context.CallActivityAsync<IReadOnlyList<string>>(nameof(MarkRoundOverdue), new CaseStep(caseId, c.Round), Retry));
                        break;
                    case CaseCommand.MarkFeedbackOverdue c:
                        next = CaseMachine.AfterOverdue(rules, state, await context.CallActivityAsync<bool>(nameof(MarkCaseOverdue), new CaseStep(caseId, c.Round), Retry));
                        break;
                    case CaseCommand.ApplyAmendment c:
                        var amendment = new CaseAmendment(caseId, c.Round, c.RefreshMeasures, c.Reason, c.AmendmentId);
                        next = CaseMachine.AfterAmendment(state, await context.CallActivityAsync<CaseProgress>(nameof(AmendCase), amendment, Retry));
                        break;
                    case CaseCommand.RemoveEntry c:
                        var toLift = await context.CallActivityAsync<IReadOnlyList<string>>(nameof(CloseCase), new CaseClosing(caseId, c.Reason), Retry);
                        LogRemoved(log, caseId, c.Reason, toLift.Count);
                        next = CaseMachine.AfterClose(state, toLift);
                        break;
                    case CaseCommand.RemindLifts c:
                        await StepAsync(nameof(RemindLift), c.Round);
                        break;
                    case CaseCommand.MarkLiftsOverdue c:
                        await StepAsync(nameof(MarkLiftsOverdue), c.Round);
                        break;
                    case CaseCommand.Complete c:
                        await StepAsync(nameof(CompleteCase), c.Round);
                        break;
                    case CaseCommand.Finish c:
                        return c.Reason;
                    default:
                        throw new InvalidOperationException($"unknown case command {command}");
                }

                if (next is not null)
                {
                    state = next.State;
                    foreach (var follow in next.Commands)
                    {
                        pending.Enqueue(follow);
                    }
                }
            }

            transition = CaseMachine.On(rules, state, await context.WaitForExternalEvent<CaseSignal>(CaseSignal.Event));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId} opened: {Outstanding} assignments awaiting feedback")]
    static partial void LogOpened(ILogger logger, string caseId, int outstanding);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId} removed ({Reason}): {Departments} departments to lift")]
    static partial void LogRemoved(ILogger logger, string caseId, CaseEndReason reason, int departments);
}
