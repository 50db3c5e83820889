using System.Collections.Immutable;
using Credit.JointCases;

namespace Credit.Tests.Unit.Machines;

/// <summary>
/// A case's transitions as tables: every phase × every kind of signal (current, stale, duplicate, out of order). The
/// rows that act are listed; every other pair must leave the case as it is and do nothing.
/// </summary>
public sealed class CaseMachineTests
{
    static readonly DateOnly End = new(2026, 3, 3);
    static readonly CaseRules Current = CaseRules.OfVersion(4);

    /// <summary>Round 2 of a case; "a", "b" unanswered; lifting, "d1" and "d2" still to acknowledge; amendment "k1" applied.</summary>
    static CaseMachineState In(CasePhase phase) => new(
        phase, 2, End, phase is CasePhase.Lifting or CasePhase.Done ? CaseEndReason.Repaired : null,
        phase == CasePhase.Lifting ? Keys("d1", "d2") : phase == CasePhase.Done ? Keys() : Keys("a", "b"), Keys("k1"));

    static readonly Dictionary<string, CaseSignal> Signals = new()
    {
        ["feedback a"] = new FeedbackReceived("a", 2),
        ["feedback unknown"] = new FeedbackReceived("zz", 2),
        ["reminder r2"] = new FeedbackReminderDue(2),
        ["reminder r1 (stale)"] = new FeedbackReminderDue(1),
        ["deadline r2"] = new FeedbackDeadlinePassed(2),
        ["deadline r1 (earlier round)"] = new FeedbackDeadlinePassed(1),
        ["deadline r3 (no such round)"] = new FeedbackDeadlinePassed(3),
        ["amended"] = new CaseAmended("复议变更", false, "k2"),
        ["amended, refresh measures"] = new CaseAmended("措施清单更新", true, "k3"),
        ["amended, no id"] = new CaseAmended("变更"),
        ["amended again (k1)"] = new CaseAmended("复议变更", false, "k1"),
        ["expired"] = new PeriodExpired(2, End),
        ["expired (stale end date)"] = new PeriodExpired(1, End.AddYears(-1)),
        ["repaired"] = new CaseEnded(CaseEndReason.Repaired),
        ["objection upheld"] = new CaseEnded(CaseEndReason.ObjectionUpheld),
        ["ack d1"] = new LiftAcknowledged("d1"),
        ["ack unknown"] = new LiftAcknowledged("zz"),
        ["lift reminder"] = new LiftReminderDue(2),
        ["lift deadline"] = new LiftDeadlinePassed(2),
    };

    /// <summary>The pairs that act: phase, signal → phase after, what is still awaited, the commands.</summary>
    static readonly (CasePhase Phase, string Signal, CasePhase After, string Outstanding, string Commands)[] Acting =
    [
        (CasePhase.AwaitingFeedback, "feedback a", CasePhase.AwaitingFeedback, "b", ""),
        (CasePhase.AwaitingFeedback, "reminder r2", CasePhase.AwaitingFeedback, "a b", "remind 2"),
        (CasePhase.AwaitingFeedback, "deadline r2", CasePhase.AwaitingFeedback, "a b", "overdue 2"),
        (CasePhase.AwaitingFeedback, "deadline r1 (earlier round)", CasePhase.AwaitingFeedback, "a b", "overdue 1"),
        (CasePhase.AwaitingFeedback, "amended", CasePhase.AwaitingFeedback, "a b", "amend 3 k2"),
        (CasePhase.AwaitingFeedback, "amended, refresh measures", CasePhase.AwaitingFeedback, "a b", "amend 3 refresh k3"),
        (CasePhase.AwaitingFeedback, "amended, no id", CasePhase.AwaitingFeedback, "a b", "amend 3 -"),
        (CasePhase.AwaitingFeedback, "expired", CasePhase.AwaitingFeedback, "a b", "remove Expired"),
        (CasePhase.AwaitingFeedback, "repaired", CasePhase.AwaitingFeedback, "a b", "remove Repaired"),
        (CasePhase.AwaitingFeedback, "objection upheld", CasePhase.AwaitingFeedback, "a b", "remove ObjectionUpheld"),
        // In effect, an answer that came late is still taken off the list.
        (CasePhase.InEffect, "feedback a", CasePhase.InEffect, "b", ""),
        (CasePhase.InEffect, "amended", CasePhase.InEffect, "a b", "amend 3 k2"),
        (CasePhase.InEffect, "amended, refresh measures", CasePhase.InEffect, "a b", "amend 3 refresh k3"),
        (CasePhase.InEffect, "amended, no id", CasePhase.InEffect, "a b", "amend 3 -"),
        (CasePhase.InEffect, "expired", CasePhase.InEffect, "a b", "remove Expired"),
        (CasePhase.InEffect, "repaired", CasePhase.InEffect, "a b", "remove Repaired"),
        (CasePhase.InEffect, "objection upheld", CasePhase.InEffect, "a b", "remove ObjectionUpheld"),
        // Lifting, the entry is removed: amendments, answers and feedback deadlines have nothing left to act on.
        (CasePhase.Lifting, "ack d1", CasePhase.Lifting, "d2", ""),
        (CasePhase.Lifting, "lift reminder", CasePhase.Lifting, "d1 d2", "remind lifts 2"),
        (CasePhase.Lifting, "lift deadline", CasePhase.Done, "d1 d2", "lifts overdue 2; finish Repaired"),
    ];

    public static TheoryData<CasePhase, string> EveryPair()
    {
        var pairs = new TheoryData<CasePhase, string>();
        foreach (var phase in Enum.GetValues<CasePhase>())
        {
            foreach (var signal in Signals.Keys)
            {
                pairs.Add(phase, signal);
            }
        }

        return pairs;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Every_phase_and_signal_does_what_the_table_says_and_nothing_else(CasePhase phase, string signal)
    {
        var before = In(phase);
        var transition = CaseMachine.On(Current, before, Signals[signal]);
        if (Acting.SingleOrDefault(row => row.Phase == phase && row.Signal == signal) is { Signal: not null } row)
        {
            Assert.Equal(row.After, transition.State.Phase);
            Assert.Equal(row.Outstanding, Describe(transition.State.Outstanding));
            Assert.Equal(row.Commands, Describe(transition.Commands));
        }
        else
        {
            Assert.Same(before, transition.State);
            Assert.Empty(transition.Commands);
        }
    }

    [Fact]
    public void The_last_answer_puts_the_case_in_effect_once()
    {
        var waiting = In(CasePhase.AwaitingFeedback) with { Outstanding = Keys("a") };
        var answered = CaseMachine.On(Current, waiting, new FeedbackReceived("a", 2));
        Assert.Equal((CasePhase.InEffect, "in effect 2"), (answered.State.Phase, Describe(answered.Commands)));

        // The same answer raised again (a client's retry, the reconciliation): nothing more.
        var again = CaseMachine.On(Current, answered.State, new FeedbackReceived("a", 2));
        Assert.Same(answered.State, again.State);
        Assert.Empty(again.Commands);
    }

    [Fact]
    public void An_amendment_is_applied_once_however_often_it_is_raised_and_its_id_is_kept()
    {
        var first = CaseMachine.On(Current, In(CasePhase.InEffect), new CaseAmended("变更", false, "k2"));
        Assert.Contains("k2", first.State.AppliedAmendments);
        Assert.Empty(CaseMachine.On(Current, first.State, new CaseAmended("变更", false, "k2")).Commands);

        // Before version 3 the id is not sent with the step (that step had no such field), but repeats are still ignored.
        var version2 = CaseMachine.On(CaseRules.OfVersion(2), In(CasePhase.InEffect), new CaseAmended("变更", false, "k2"));
        Assert.Equal("amend 3 -", Describe(version2.Commands));
        Assert.Empty(CaseMachine.On(CaseRules.OfVersion(2), version2.State, new CaseAmended("变更", false, "k2")).Commands);
    }

    [Theory]
    [InlineData(1, false, CasePhase.InEffect)]
    [InlineData(1, true, CasePhase.InEffect)]
    [InlineData(2, false, CasePhase.AwaitingFeedback)]
    [InlineData(2, true, CasePhase.InEffect)]
    [InlineData(3, false, CasePhase.AwaitingFeedback)]
    public void After_a_deadline_the_case_is_in_effect_unless_from_version_2_a_later_round_is_still_awaited(int version, bool inEffect, CasePhase expected) =>
        Assert.Equal(expected, CaseMachine.AfterOverdue(CaseRules.OfVersion(version), In(CasePhase.AwaitingFeedback), inEffect).State.Phase);

    [Theory]
    [InlineData(new string[0], CasePhase.InEffect)]
    [InlineData(new[] { "c" }, CasePhase.AwaitingFeedback)]
    public void From_version_4_after_a_deadline_the_case_awaits_only_what_is_not_overdue(string[] awaited, CasePhase expected)
    {
        var after = CaseMachine.AfterOverdue(In(CasePhase.AwaitingFeedback), awaited);
        Assert.Equal((expected, string.Join(' ', awaited)), (after.State.Phase, Describe(after.State.Outstanding)));
        // The overdue answer that comes late changes nothing; the last awaited one puts the case in effect.
        Assert.Empty(CaseMachine.On(Current, after.State, new FeedbackReceived("a", 2)).Commands);
        if (awaited.Length > 0)
        {
            Assert.Equal("in effect 2", Describe(CaseMachine.On(Current, after.State, new FeedbackReceived("c", 3)).Commands));
        }
    }

    [Fact]
    public void Version_1_ignores_an_earlier_rounds_deadline()
    {
        var transition = CaseMachine.On(CaseRules.OfVersion(1), In(CasePhase.AwaitingFeedback), new FeedbackDeadlinePassed(1));
        Assert.Empty(transition.Commands);
    }

    [Fact]
    public void An_amendment_in_effect_that_adds_measures_awaits_their_feedback_and_moves_the_period()
    {
        var inEffect = In(CasePhase.InEffect) with { Outstanding = Keys() };
        var amending = CaseMachine.On(Current, inEffect, new CaseAmended("措施清单更新", true, "k2"));
        var amended = CaseMachine.AfterAmendment(amending.State, new CaseProgress(3, ["c"], End.AddYears(1)));
        Assert.Equal((CasePhase.AwaitingFeedback, 3, End.AddYears(1), "c"), (amended.State.Phase, amended.State.Round, amended.State.EndDate, Describe(amended.State.Outstanding)));

        // The expiry scheduled for the old end date comes all the same: stale, ignored; the new one ends the case.
        Assert.Empty(CaseMachine.On(Current, amended.State, new PeriodExpired(2, End)).Commands);
        Assert.Equal("remove Expired", Describe(CaseMachine.On(Current, amended.State, new PeriodExpired(3, End.AddYears(1))).Commands));
    }

    [Fact]
    public void An_amendment_that_adds_nothing_keeps_the_phase()
    {
        var amended = CaseMachine.AfterAmendment(In(CasePhase.InEffect) with { Outstanding = Keys() }, new CaseProgress(3, [], End));
        Assert.Equal((CasePhase.InEffect, 3), (amended.State.Phase, amended.State.Round));
    }

    [Fact]
    public void Repeated_rounds_each_keep_their_deadline()
    {
        var state = In(CasePhase.AwaitingFeedback);
        state = CaseMachine.AfterAmendment(state, new CaseProgress(3, ["c"], End)).State;
        state = CaseMachine.AfterAmendment(state, new CaseProgress(4, ["d"], End)).State;
        Assert.Equal("a b c d", Describe(state.Outstanding));

        // Round 2's and round 3's deadlines arrive after round 4 opened: each marks its own round; a reminder for round 3 is stale.
        Assert.Equal("overdue 2", Describe(CaseMachine.On(Current, state, new FeedbackDeadlinePassed(2)).Commands));
        Assert.Equal("overdue 3", Describe(CaseMachine.On(Current, state, new FeedbackDeadlinePassed(3)).Commands));
        Assert.Empty(CaseMachine.On(Current, state, new FeedbackReminderDue(3)).Commands);
        Assert.Equal("remind 4", Describe(CaseMachine.On(Current, state, new FeedbackReminderDue(4)).Commands));
    }

    [Fact]
    public void A_remedy_granted_while_an_amendments_round_is_awaited_ends_the_case_and_the_rest_is_ignored()
    {
        var amended = CaseMachine.AfterAmendment(In(CasePhase.InEffect) with { Outstanding = Keys() }, new CaseProgress(3, ["c"], End)).State;
        var repaired = CaseMachine.On(Current, amended, new CaseEnded(CaseEndReason.Repaired));
        Assert.Equal("remove Repaired", Describe(repaired.Commands));

        var lifting = CaseMachine.AfterClose(repaired.State, ["d1"]).State;
        Assert.Equal((CasePhase.Lifting, "d1"), (lifting.Phase, Describe(lifting.Outstanding)));
        // The amendment's round answered or overdue, its amendment sent again, the period's end: the entry is removed already.
        CaseSignal[] lateSignals = [new FeedbackReceived("c", 3), new FeedbackDeadlinePassed(3), new CaseAmended("变更", true, "k9"), new PeriodExpired(3, End), new CaseEnded(CaseEndReason.ObjectionUpheld)];
        foreach (var late in lateSignals)
        {
            Assert.Same(lifting, CaseMachine.On(Current, lifting, late).State);
        }

        Assert.Equal("complete 3; finish Repaired", Describe(CaseMachine.On(Current, lifting, new LiftAcknowledged("d1")).Commands));
    }

    [Fact]
    public void A_removal_with_nothing_to_lift_completes_at_once()
    {
        var closing = CaseMachine.On(Current, In(CasePhase.InEffect), new PeriodExpired(2, End)).State;
        var closed = CaseMachine.AfterClose(closing, []);
        Assert.Equal((CasePhase.Done, "complete 2; finish Expired"), (closed.State.Phase, Describe(closed.Commands)));
    }

    [Fact]
    public void Signals_out_of_order_a_reminder_after_its_deadline_or_an_answer_after_the_removal_change_nothing()
    {
        var overdue = CaseMachine.AfterOverdue(Current, CaseMachine.On(Current, In(CasePhase.AwaitingFeedback), new FeedbackDeadlinePassed(2)).State, inEffect: true).State;
        Assert.Empty(CaseMachine.On(Current, overdue, new FeedbackReminderDue(2)).Commands);
        Assert.Empty(CaseMachine.On(Current, overdue, new FeedbackDeadlinePassed(2)).Commands);
        Assert.Empty(CaseMachine.On(Current, In(CasePhase.Done), new LiftAcknowledged("d1")).Commands);
    }

    public static TheoryData<int, CaseProgress, CasePhase, int, string> Openings => new()
    {
        // A new case: waiting for its assignments, or in effect when it has none (only voluntary measures answered already).
        { 3, new CaseProgress(1, ["a"], End, CaseState.AwaitingFeedback), CasePhase.AwaitingFeedback, 1, "" },
        { 3, new CaseProgress(1, [], End, CaseState.InEffect), CasePhase.InEffect, 1, "" },
        // From version 3 a restarted instance resumes where the stored case stands.
        { 3, new CaseProgress(2, [], End, CaseState.AwaitingFeedback), CasePhase.InEffect, 2, "in effect 2" },
        { 3, new CaseProgress(3, ["d1"], End, CaseState.Lifting, CaseEndReason.Repaired), CasePhase.Lifting, 3, "" },
        { 3, new CaseProgress(3, [], End, CaseState.Lifting, CaseEndReason.Repaired), CasePhase.Done, 3, "complete 3; finish Repaired" },
        { 3, new CaseProgress(3, [], End, CaseState.Completed, CaseEndReason.Expired), CasePhase.Done, 3, "finish Expired" },
        // Version 2 took every opening for round 1.
        { 2, new CaseProgress(3, ["d1"], End, CaseState.Lifting, CaseEndReason.Repaired), CasePhase.AwaitingFeedback, 1, "" },
        { 2, new CaseProgress(2, [], End, CaseState.AwaitingFeedback), CasePhase.InEffect, 1, "" },
    };

    [Theory]
    [MemberData(nameof(Openings))]
    public void Opening_starts_where_the_version_says(int version, CaseProgress opened, CasePhase phase, int round, string commands)
    {
        var transition = CaseMachine.Opened(CaseRules.OfVersion(version), opened);
        Assert.Equal((phase, round, commands), (transition.State.Phase, transition.State.Round, Describe(transition.Commands)));
    }

    [Fact]
    public void A_restarted_instance_does_not_apply_again_an_amendment_applied_before()
    {
        var opened = CaseMachine.Opened(Current, new CaseProgress(2, ["a"], End, CaseState.AwaitingFeedback, AppliedAmendments: ["k1"])).State;
        Assert.Empty(CaseMachine.On(Current, opened, new CaseAmended("变更", false, "k1")).Commands);
    }

    static ImmutableHashSet<string> Keys(params string[] keys) => keys.ToImmutableHashSet(StringComparer.Ordinal);

    static string Describe(IEnumerable<string> keys) => string.Join(' ', keys.Order(StringComparer.Ordinal));

    static string Describe(IEnumerable<CaseCommand> commands) => string.Join("; ", commands.Select(command => command switch
    {
        CaseCommand.EnterInEffect c => $"in effect {c.Round}",
        CaseCommand.RemindFeedback c => $"remind {c.Round}",
        CaseCommand.MarkFeedbackOverdue c => $"overdue {c.Round}",
        CaseCommand.ApplyAmendment c => $"amend {c.Round}{(c.RefreshMeasures ? " refresh" : string.Empty)} {c.AmendmentId ?? "-"}",
        CaseCommand.RemoveEntry c => $"remove {c.Reason}",
        CaseCommand.RemindLifts c => $"remind lifts {c.Round}",
        CaseCommand.MarkLiftsOverdue c => $"lifts overdue {c.Round}",
        CaseCommand.Complete c => $"complete {c.Round}",
        CaseCommand.Finish c => $"finish {c.Reason}",
        _ => command.ToString(),
    }));
}
