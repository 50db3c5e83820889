using System.Collections.Immutable;

namespace Credit.JointCases;

/// <summary>What the lifecycle is waiting for; <see cref="Done"/> once it has returned.</summary>
public enum CasePhase
{
    AwaitingFeedback,
    InEffect,
    Lifting,
    Done,
}

/// <summary>
/// The rules an instance runs by, fixed by the orchestration version it started with (docs/versioning.md): an instance
/// keeps them for its whole life, so a deployment never changes what a running case does.
/// </summary>
/// <param name="DeadlinesOutliveAmendments">2: an earlier round's feedback deadline still counts after an amendment opened the next round.</param>
/// <param name="ResumesFromStoredState">3: an instance restarted from the stored state resumes where the case stands.</param>
/// <param name="OverdueIsNotAwaited">4: a deadline's step returns the assignments still awaited, and the case no longer waits for the overdue ones.</param>
public sealed record CaseRules(bool DeadlinesOutliveAmendments, bool ResumesFromStoredState, bool OverdueIsNotAwaited)
{
    public static CaseRules OfVersion(int version) => new(version >= 2, version >= 3, version >= 4);
}

/// <summary>Where a case's orchestration stands: its phase, round and end date, what it still waits for, the amendments it applied.</summary>
public sealed record CaseMachineState(
    CasePhase Phase,
    int Round,
    DateOnly EndDate,
    CaseEndReason? EndReason,
    ImmutableHashSet<string> Outstanding,
    ImmutableHashSet<string> AppliedAmendments);

/// <summary>A step the orchestration performs for the machine; those with a result feed it back (<see cref="CaseMachine"/>'s After methods).</summary>
public abstract record CaseCommand
{
    /// <summary>Every answer of the round is in.</summary>
    public sealed record EnterInEffect(int Round) : CaseCommand;

    public sealed record RemindFeedback(int Round) : CaseCommand;

    /// <summary>
    /// Mark the unanswered assignments of this round and earlier overdue; the result says whether the case is now in
    /// effect (versions 1–3) or which assignments it still awaits (version 4).
    /// </summary>
    public sealed record MarkFeedbackOverdue(int Round) : CaseCommand;

    /// <summary>Apply an amendment as round <paramref name="Round"/>; the result is the case's progress after it.</summary>
    public sealed record ApplyAmendment(int Round, bool RefreshMeasures, string Reason, string? AmendmentId) : CaseCommand;

    /// <summary>Remove the entry and send the lifts; the result is the departments that must acknowledge.</summary>
    public sealed record RemoveEntry(CaseEndReason Reason) : CaseCommand;

    public sealed record RemindLifts(int Round) : CaseCommand;

    public sealed record MarkLiftsOverdue(int Round) : CaseCommand;

    /// <summary>Every lift is acknowledged (or none was needed): 办结.</summary>
    public sealed record Complete(int Round) : CaseCommand;

    /// <summary>The orchestration ends, returning why the case ended.</summary>
    public sealed record Finish(CaseEndReason? Reason) : CaseCommand;
}

/// <summary>The machine's answer: its new state and the commands to perform, in order.</summary>
public sealed record CaseTransition(CaseMachineState State, IReadOnlyList<CaseCommand> Commands)
{
    public static CaseTransition Stay(CaseMachineState state) => new(state, []);
}

/// <summary>
/// A joint case's (联合奖惩案件) transitions as pure code: state × signal → new state + commands. The orchestrator
/// (JointCaseLifecycle) only performs the commands and feeds back their results. 发起 → 信息推送/执行反馈 (feedback per
/// department, measure and target until all is in or the deadline passes, 京政发〔2017〕15号 三(二)) → 生效 → the
/// first of expiry, 信用修复 or 异议成立 (or an amendment, after which it may wait again) → 移出与解除 (lift notices and
/// acknowledgements) → 办结. A signal the phase has no use for, a duplicate, or a stale dated signal (an earlier round,
/// an end date an amendment moved) changes nothing: signals are delivered at least once and in any order.
/// </summary>
public static class CaseMachine
{
    /// <summary>The case was opened (or, from version 3, an instance restarted reads where it stands).</summary>
    public static CaseTransition Opened(CaseRules rules, CaseProgress opened)
    {
        var outstanding = opened.Outstanding.ToImmutableHashSet(StringComparer.Ordinal);
        var state = new CaseMachineState(
            outstanding.Count > 0 ? CasePhase.AwaitingFeedback : CasePhase.InEffect, 1, opened.EndDate, null, outstanding, ImmutableHashSet.Create<string>(StringComparer.Ordinal));
        if (!rules.ResumesFromStoredState)
        {
            return CaseTransition.Stay(state);
        }

        state = state with { Round = opened.Round, EndReason = opened.EndReason, AppliedAmendments = state.AppliedAmendments.Union(opened.AppliedAmendments ?? []) };
        return opened.State switch
        {
            CaseState.Completed => new(state with { Phase = CasePhase.Done }, [new CaseCommand.Finish(state.EndReason)]),
            CaseState.Lifting when outstanding.Count == 0 => Complete(state),
            CaseState.Lifting => CaseTransition.Stay(state with { Phase = CasePhase.Lifting }),
            // Every answer came in while the instance was down.
            CaseState.AwaitingFeedback when outstanding.Count == 0 => new(state, [new CaseCommand.EnterInEffect(state.Round)]),
            _ => CaseTransition.Stay(state),
        };
    }

    /// <summary>A signal arrived.</summary>
    public static CaseTransition On(CaseRules rules, CaseMachineState state, CaseSignal signal)
    {
        var waiting = state.Phase is CasePhase.AwaitingFeedback or CasePhase.InEffect;
        switch (signal)
        {
            case FeedbackReceived feedback when waiting:
                // A late answer (the case already in effect) is taken off the list all the same.
                if (!state.Outstanding.Contains(feedback.AssignmentKey))
                {
                    return CaseTransition.Stay(state);
                }

                var rest = state.Outstanding.Remove(feedback.AssignmentKey);
                return state.Phase == CasePhase.AwaitingFeedback && rest.IsEmpty
                    ? new(state with { Phase = CasePhase.InEffect, Outstanding = rest }, [new CaseCommand.EnterInEffect(state.Round)])
                    : CaseTransition.Stay(state with { Outstanding = rest });
            case FeedbackReminderDue reminder when state.Phase == CasePhase.AwaitingFeedback && reminder.Round == state.Round:
                return new(state, [new CaseCommand.RemindFeedback(state.Round)]);
            case FeedbackDeadlinePassed due when state.Phase == CasePhase.AwaitingFeedback
                && (due.Round == state.Round || (rules.DeadlinesOutliveAmendments && due.Round < state.Round)):
                return new(state, [new CaseCommand.MarkFeedbackOverdue(due.Round)]);
            case CaseAmended amended when waiting:
                if (amended.AmendmentId is { } id && state.AppliedAmendments.Contains(id))
                {
                    // The same amendment raised again by a client's retry: applied once.
                    return CaseTransition.Stay(state);
                }

                // From version 3 the amendment's id goes with it, kept as applied for an instance restarted later.
                var applied = amended.AmendmentId is { } newId ? state.AppliedAmendments.Add(newId) : state.AppliedAmendments;
                return new(state with { AppliedAmendments = applied },
                    [new CaseCommand.ApplyAmendment(state.Round + 1, amended.RefreshMeasures, amended.Reason, rules.ResumesFromStoredState ? amended.AmendmentId : null)]);
            case PeriodExpired expired when waiting && expired.EndDate == state.EndDate:
                return Close(state, CaseEndReason.Expired);
            case CaseEnded ended when waiting:
                return Close(state, ended.Reason);
            case LiftAcknowledged acknowledged when state.Phase == CasePhase.Lifting && state.Outstanding.Contains(acknowledged.Department):
                var left = state.Outstanding.Remove(acknowledged.Department);
                return left.IsEmpty ? Complete(state with { Outstanding = left }) : CaseTransition.Stay(state with { Outstanding = left });
            case LiftReminderDue when state.Phase == CasePhase.Lifting:
                return new(state, [new CaseCommand.RemindLifts(state.Round)]);
            case LiftDeadlinePassed when state.Phase == CasePhase.Lifting:
                // Overdue acknowledgements are reported to the supervising office; the case itself is over.
                return new(state with { Phase = CasePhase.Done }, [new CaseCommand.MarkLiftsOverdue(state.Round), new CaseCommand.Finish(state.EndReason)]);
            default:
                // A stale deadline (an earlier round or end date), a duplicate, or a signal the phase has no use for.
                return CaseTransition.Stay(state);
        }
    }

    /// <summary>A round's deadline was marked (versions 1–3): the case is in effect, or (version 2 on) still awaits a later round.</summary>
    public static CaseTransition AfterOverdue(CaseRules rules, CaseMachineState state, bool inEffect) =>
        CaseTransition.Stay(state with { Phase = inEffect || !rules.DeadlinesOutliveAmendments ? CasePhase.InEffect : CasePhase.AwaitingFeedback });

    /// <summary>
    /// A round's deadline was marked (version 4): the case awaits only the assignments still open, in effect once none
    /// is (the step has put it in effect then). Versions 1–3 kept waiting for the overdue ones until a later deadline.
    /// </summary>
    public static CaseTransition AfterOverdue(CaseMachineState state, IReadOnlyList<string> awaited) =>
        CaseTransition.Stay(state with
        {
            Outstanding = awaited.ToImmutableHashSet(StringComparer.Ordinal),
            Phase = awaited.Count == 0 ? CasePhase.InEffect : CasePhase.AwaitingFeedback,
        });

    /// <summary>An amendment was applied: its round, end date and any assignments it added, which the case now awaits.</summary>
    public static CaseTransition AfterAmendment(CaseMachineState state, CaseProgress amended) =>
        CaseTransition.Stay(state with
        {
            Round = amended.Round,
            EndDate = amended.EndDate,
            Outstanding = state.Outstanding.Union(amended.Outstanding),
            Phase = amended.Outstanding.Count > 0 ? CasePhase.AwaitingFeedback : state.Phase,
        });

    /// <summary>The entry was removed: the departments that must acknowledge their lifts, or none.</summary>
    public static CaseTransition AfterClose(CaseMachineState state, IReadOnlyList<string> toLift) =>
        toLift.Count == 0
            ? Complete(state)
            : CaseTransition.Stay(state with { Phase = CasePhase.Lifting, Outstanding = toLift.ToImmutableHashSet(StringComparer.Ordinal) });

    static CaseTransition Close(CaseMachineState state, CaseEndReason reason) =>
        new(state with { EndReason = reason }, [new CaseCommand.RemoveEntry(reason)]);

    static CaseTransition Complete(CaseMachineState state) =>
        new(state with { Phase = CasePhase.Done }, [new CaseCommand.Complete(state.Round), new CaseCommand.Finish(state.EndReason)]);
}
