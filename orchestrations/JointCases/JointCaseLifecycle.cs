using System.Text.Json.Serialization;
using Credit.JointCases;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Credit.Orchestrations.JointCases;

[JsonConverter(typeof(JsonStringEnumConverter<CasePhase>))]
public enum CasePhase
{
    Opening,
    AwaitingFeedback,
    InEffect,
    Lifting,
}

/// <summary>What a case carries from one generation of its orchestration to the next.</summary>
public sealed record CaseLifecycleState(string CaseId, CasePhase Phase, int Round, IReadOnlyList<string> Outstanding, DateOnly EndDate, CaseEndReason? EndReason = null)
{
    public static CaseLifecycleState Start(string caseId) => new(caseId, CasePhase.Opening, 1, [], default);
}

/// <summary>
/// One joint case (联合奖惩案件) from initiation to removal: open (resolve measures, push) → feedback per
/// (department, measure, target) until all is in or the deadline passes → in effect → the first of expiry, repair,
/// objection upheld (or an amendment, after which it waits again) → removal and lift notices → acknowledgements →
/// completed. Deadlines and expiry arrive as signals from the daily runs, which read the product's working-day
/// calendar and Beijing date; the orchestration itself only waits, and it starts a new generation
/// (ContinueAsNew) on entering a long wait and every few signals, so its history stays small over years.
/// </summary>
public sealed partial class JointCaseLifecycle : TaskOrchestrator<CaseLifecycleState, CaseEndReason?>
{
    /// <summary>Signals handled before the history is cut by a new generation.</summary>
    const int SignalsPerGeneration = 16;

    static readonly TaskOptions Retry = ActivityRetry.Storage;

    public override async Task<CaseEndReason?> RunAsync(TaskOrchestrationContext context, CaseLifecycleState state)
    {
        var log = context.CreateReplaySafeLogger<JointCaseLifecycle>();
        if (state.Phase == CasePhase.Opening)
        {
            var opened = await context.CallActivityAsync<CaseProgress>(nameof(OpenCase), state.CaseId, Retry);
            LogOpened(log, state.CaseId, opened.Outstanding.Count);
            context.ContinueAsNew(state with
            {
                Phase = opened.Outstanding.Count > 0 ? CasePhase.AwaitingFeedback : CasePhase.InEffect,
                Outstanding = opened.Outstanding,
                EndDate = opened.EndDate,
            });
            return null;
        }

        var outstanding = new HashSet<string>(state.Outstanding, StringComparer.Ordinal);
        for (var handled = 0; handled < SignalsPerGeneration; handled++)
        {
            var signal = await context.WaitForExternalEvent<CaseSignal>(CaseSignal.EventName);
            var step = new CaseStep(state.CaseId, state.Round);
            var before = state.Phase;
            switch (state.Phase, signal.Kind)
            {
                case (CasePhase.AwaitingFeedback or CasePhase.InEffect, CaseSignalKind.Feedback):
                    if (outstanding.Remove(signal.Key ?? string.Empty) && state.Phase == CasePhase.AwaitingFeedback && outstanding.Count == 0)
                    {
                        await context.CallActivityAsync<bool>(nameof(SetCaseInEffect), step, Retry);
                        state = state with { Phase = CasePhase.InEffect };
                    }

                    break;
                case (CasePhase.AwaitingFeedback, CaseSignalKind.Reminder) when signal.Round == state.Round:
                    await context.CallActivityAsync<bool>(nameof(RemindCase), step, Retry);
                    break;
                case (CasePhase.AwaitingFeedback, CaseSignalKind.FeedbackDue) when signal.Round == state.Round:
                    await context.CallActivityAsync<bool>(nameof(MarkCaseOverdue), step, Retry);
                    state = state with { Phase = CasePhase.InEffect };
                    break;
                case (CasePhase.AwaitingFeedback or CasePhase.InEffect, CaseSignalKind.Amended):
                    var amended = await context.CallActivityAsync<CaseProgress>(nameof(AmendCase), new CaseAmendment(state.CaseId, state.Round + 1, signal.RefreshMeasures, signal.Key ?? string.Empty), Retry);
                    outstanding.UnionWith(amended.Outstanding);
                    state = state with
                    {
                        Round = amended.Round,
                        EndDate = amended.EndDate,
                        Phase = amended.Outstanding.Count > 0 ? CasePhase.AwaitingFeedback : state.Phase,
                    };
                    break;
                case (CasePhase.AwaitingFeedback or CasePhase.InEffect, CaseSignalKind.Expired) when signal.EndDate == state.EndDate:
                case (CasePhase.AwaitingFeedback or CasePhase.InEffect, CaseSignalKind.Ended):
                    var reason = signal.Reason ?? CaseEndReason.Expired;
                    var toLift = await context.CallActivityAsync<IReadOnlyList<string>>(nameof(CloseCase), new CaseClosing(state.CaseId, reason), Retry);
                    LogRemoved(log, state.CaseId, reason, toLift.Count);
                    if (toLift.Count == 0)
                    {
                        return await CompleteAsync(context, step, reason);
                    }

                    outstanding = new HashSet<string>(toLift, StringComparer.Ordinal);
                    state = state with { Phase = CasePhase.Lifting, EndReason = reason };
                    break;
                case (CasePhase.Lifting, CaseSignalKind.LiftAcknowledged):
                    if (outstanding.Remove(signal.Key ?? string.Empty) && outstanding.Count == 0)
                    {
                        return await CompleteAsync(context, step, state.EndReason);
                    }

                    break;
                case (CasePhase.Lifting, CaseSignalKind.LiftReminder):
                    await context.CallActivityAsync<bool>(nameof(RemindLift), step, Retry);
                    break;
                case (CasePhase.Lifting, CaseSignalKind.LiftDue):
                    await context.CallActivityAsync<bool>(nameof(MarkLiftsOverdue), step, Retry);
                    return state.EndReason;
                default:
                    // A stale deadline (an earlier round or end date), or a signal the phase has no use for.
                    break;
            }

            if (before != state.Phase && state.Phase == CasePhase.InEffect)
            {
                // The long wait of a case starts here: begin it with an empty history.
                break;
            }
        }

        context.ContinueAsNew(state with { Outstanding = [.. outstanding] });
        return null;
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
