using Credit.JointCases;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Credit.Orchestrations.JointCases;

/// <summary>What the lifecycle is waiting for.</summary>
public enum CasePhase
{
    AwaitingFeedback,
    InEffect,
    Lifting,
}

/// <summary>
/// One joint case (联合奖惩案件) from initiation to removal: open (resolve measures, push) → feedback per
/// (department, measure, target) until all is in or the deadline passes → in effect → the first of expiry, repair,
/// objection upheld (or an amendment, after which it waits again) → removal and lift notices → acknowledgements →
/// completed. Deadlines and expiry arrive as signals from the daily runs, which read the product's working-day
/// calendar and the Beijing date; the orchestration sets no durable timer and only waits for signals, so its
/// history grows with what happens to the case (about three rows per signal), never with the years it waits.
/// It does not ContinueAsNew: the local engine's gRPC sidecar drops the events a generation has not consumed,
/// and a lost expiry signal would leave a case in effect for ever.
/// </summary>
public sealed partial class JointCaseLifecycle : TaskOrchestrator<string, CaseEndReason?>
{
    static readonly TaskOptions Retry = ActivityRetry.Storage;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("DurableTask", "DURABLE0011", Justification =
        "The loop ends with the case; its history grows with the case's events only (about three rows per signal, no timer), checked by JointCaseEndToEndTests. ContinueAsNew would drop signals the generation has not consumed (see the summary).")]
    public override async Task<CaseEndReason?> RunAsync(TaskOrchestrationContext context, string caseId)
    {
        var log = context.CreateReplaySafeLogger<JointCaseLifecycle>();
        // Version 2 (docs/versioning.md): a round's deadline still counts after an amendment opened the next round.
        var deadlinesOutliveAmendments = OrchestrationVersions.AtLeast(context.Version, 2);
        var opened = await context.CallActivityAsync<CaseProgress>(nameof(OpenCase), caseId, Retry);
        LogOpened(log, caseId, opened.Outstanding.Count);
        var phase = opened.Outstanding.Count > 0 ? CasePhase.AwaitingFeedback : CasePhase.InEffect;
        var round = 1;
        var endDate = opened.EndDate;
        CaseEndReason? endReason = null;
        var outstanding = new HashSet<string>(opened.Outstanding, StringComparer.Ordinal);
        var amendments = new HashSet<string>(StringComparer.Ordinal);
        // Version 3: an instance restarted from the stored state (SignalReconciler) resumes where the case stands.
        var version3 = OrchestrationVersions.AtLeast(context.Version, 3);
        if (version3)
        {
            (round, endReason) = (opened.Round, opened.EndReason);
            amendments.UnionWith(opened.AppliedAmendments ?? []);
            switch (opened.State)
            {
                case CaseState.Completed:
                    return endReason;
                case CaseState.Lifting when outstanding.Count == 0:
                    return await CompleteAsync(context, new CaseStep(caseId, round), endReason);
                case CaseState.Lifting:
                    phase = CasePhase.Lifting;
                    break;
                case CaseState.AwaitingFeedback when outstanding.Count == 0:
                    // Every answer came in while the instance was down.
                    await context.CallActivityAsync<bool>(nameof(SetCaseInEffect), new CaseStep(caseId, round), Retry);
                    break;
                default:
                    break;
            }
        }

        while (true)
        {
            var signal = await context.WaitForExternalEvent<CaseSignal>(CaseSignal.EventName);
            var step = new CaseStep(caseId, round);
            switch (phase, signal.Kind)
            {
                case (CasePhase.AwaitingFeedback or CasePhase.InEffect, CaseSignalKind.Feedback):
                    if (outstanding.Remove(signal.Key ?? string.Empty) && phase == CasePhase.AwaitingFeedback && outstanding.Count == 0)
                    {
                        await context.CallActivityAsync<bool>(nameof(SetCaseInEffect), step, Retry);
                        phase = CasePhase.InEffect;
                    }

                    break;
                case (CasePhase.AwaitingFeedback, CaseSignalKind.Reminder) when signal.Round == round:
                    await context.CallActivityAsync<bool>(nameof(RemindCase), step, Retry);
                    break;
                case (CasePhase.AwaitingFeedback, CaseSignalKind.FeedbackDue) when signal.Round == round || (deadlinesOutliveAmendments && signal.Round < round):
                    var inEffect = await context.CallActivityAsync<bool>(nameof(MarkCaseOverdue), step with { Round = signal.Round }, Retry);
                    phase = inEffect || !deadlinesOutliveAmendments ? CasePhase.InEffect : CasePhase.AwaitingFeedback;
                    break;
                case (CasePhase.AwaitingFeedback or CasePhase.InEffect, CaseSignalKind.Amended):
                    if (signal.AmendmentId is { } amendmentId && !amendments.Add(amendmentId))
                    {
                        // The same amendment raised again by a client's retry: applied once.
                        break;
                    }

                    // From version 3 the amendment's id goes with it, kept as applied for an instance restarted later.
                    var amendment = new CaseAmendment(caseId, round + 1, signal.RefreshMeasures, signal.Key ?? string.Empty, version3 ? signal.AmendmentId : null);
                    var amended = await context.CallActivityAsync<CaseProgress>(nameof(AmendCase), amendment, Retry);
                    outstanding.UnionWith(amended.Outstanding);
                    (round, endDate) = (amended.Round, amended.EndDate);
                    phase = amended.Outstanding.Count > 0 ? CasePhase.AwaitingFeedback : phase;
                    break;
                case (CasePhase.AwaitingFeedback or CasePhase.InEffect, CaseSignalKind.Expired) when signal.EndDate == endDate:
                case (CasePhase.AwaitingFeedback or CasePhase.InEffect, CaseSignalKind.Ended):
                    endReason = signal.Reason ?? CaseEndReason.Expired;
                    var toLift = await context.CallActivityAsync<IReadOnlyList<string>>(nameof(CloseCase), new CaseClosing(caseId, endReason.Value), Retry);
                    LogRemoved(log, caseId, endReason.Value, toLift.Count);
                    if (toLift.Count == 0)
                    {
                        return await CompleteAsync(context, step, endReason);
                    }

                    outstanding = new HashSet<string>(toLift, StringComparer.Ordinal);
                    phase = CasePhase.Lifting;
                    break;
                case (CasePhase.Lifting, CaseSignalKind.LiftAcknowledged):
                    if (outstanding.Remove(signal.Key ?? string.Empty) && outstanding.Count == 0)
                    {
                        return await CompleteAsync(context, step, endReason);
                    }

                    break;
                case (CasePhase.Lifting, CaseSignalKind.LiftReminder):
                    await context.CallActivityAsync<bool>(nameof(RemindLift), step, Retry);
                    break;
                case (CasePhase.Lifting, CaseSignalKind.LiftDue):
                    await context.CallActivityAsync<bool>(nameof(MarkLiftsOverdue), step, Retry);
                    return endReason;
                default:
                    // A stale deadline (an earlier round or end date), or a signal the phase has no use for.
                    break;
            }
        }
    }

    static async Task<CaseEndReason?> CompleteAsync(TaskOrchestrationContext context, CaseStep step, CaseEndReason? reason)
    {
        await context.CallActivityAsync<bool>(nameof(CompleteCase), step, Retry);
        return reason;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId} opened: {Outstanding} assignments awaiting feedback")]
    static partial void LogOpened(ILogger logger, string caseId, int outstanding);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId} removed ({Reason}): {Departments} departments to lift")]
    static partial void LogRemoved(ILogger logger, string caseId, CaseEndReason reason, int departments);
}
