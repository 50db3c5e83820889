using Credit.JointCases;
using Credit.Orchestrations.JointCases;
using Microsoft.DurableTask;

namespace Credit.Tests.Unit.Orchestrators;

/// <summary>JointCaseLifecycle with a mocked context: which steps it calls, with what, for what it hears.</summary>
public sealed class JointCaseLifecycleTests
{
    const string CaseId = "11110000000000701X-b0123456789abcdef01234567";
    static readonly DateOnly End = new(2026, 3, 3);

    static FakeOrchestration Case(string version, Func<string, object?, object?> answer, params CaseSignal[] signals) =>
        new FakeOrchestration(version, answer, signals).Returns<bool>().Returns<CaseProgress>().Returns<IReadOnlyList<string>>().Hears<CaseSignal>(CaseSignal.Event);

    [Fact]
    public async Task A_case_runs_from_push_through_feedback_expiry_and_lifts_to_completion()
    {
        var fake = Case("3", (name, _) => name switch
        {
            nameof(OpenCase) => new CaseProgress(1, ["a", "b"], End, CaseState.AwaitingFeedback),
            nameof(CloseCase) => (IReadOnlyList<string>)["d1", "d2"],
            _ => true,
        },
        new FeedbackReceived("a", 1), new FeedbackReminderDue(1), new FeedbackReceived("a", 1), new FeedbackReceived("b", 1),
        new PeriodExpired(1, End), new LiftReminderDue(1), new LiftAcknowledged("d1"), new LiftAcknowledged("d1"), new LiftAcknowledged("d2"));

        var ended = await new JointCaseLifecycle().RunAsync(fake.Context.Object, CaseId);

        Assert.Equal(CaseEndReason.Expired, ended);
        Assert.Equal([nameof(OpenCase), nameof(RemindCase), nameof(SetCaseInEffect), nameof(CloseCase), nameof(RemindLift), nameof(CompleteCase)], fake.Names);
        Assert.Equal(CaseId, fake.Calls[0].Input);
        Assert.Equal(new CaseStep(CaseId, 1), fake.Calls[2].Input);
        Assert.Equal(new CaseClosing(CaseId, CaseEndReason.Expired), fake.Calls[3].Input);
    }

    [Theory]
    [InlineData("4", true)]
    [InlineData("3", false)]
    public async Task An_amendment_during_feedback_opens_the_next_round_and_from_version_4_its_last_answer_puts_the_case_in_effect(string version, bool inEffectWithLastAnswer)
    {
        var fake = Case(version, (name, input) => name switch
        {
            nameof(OpenCase) => new CaseProgress(1, ["a"], End, CaseState.AwaitingFeedback),
            nameof(AmendCase) => new CaseProgress(2, ["c"], End.AddYears(1)),
            nameof(MarkRoundOverdue) => (IReadOnlyList<string>)["c"],
            nameof(MarkCaseOverdue) => false,
            nameof(CloseCase) => (IReadOnlyList<string>)[],
            _ => true,
        },
        new CaseAmended("复议变更", true, "k1"), new CaseAmended("复议变更", true, "k1"), new FeedbackDeadlinePassed(1),
        new PeriodExpired(1, End), new FeedbackReceived("c", 2), new CaseEnded(CaseEndReason.Repaired));

        var ended = await new JointCaseLifecycle().RunAsync(fake.Context.Object, CaseId);

        Assert.Equal(CaseEndReason.Repaired, ended);
        // The amendment sent twice is applied once; round 1's deadline marks round 1; the old end date's expiry is
        // stale; no lifts, so it completes at once. Version 3 kept waiting for round 1's overdue answer.
        string[] expected = inEffectWithLastAnswer
            ? [nameof(OpenCase), nameof(AmendCase), nameof(MarkRoundOverdue), nameof(SetCaseInEffect), nameof(CloseCase), nameof(CompleteCase)]
            : [nameof(OpenCase), nameof(AmendCase), nameof(MarkCaseOverdue), nameof(CloseCase), nameof(CompleteCase)];
        Assert.Equal(expected, fake.Names);
        Assert.Equal(new CaseAmendment(CaseId, 2, true, "复议变更", "k1"), fake.Calls[1].Input);
        Assert.Equal(new CaseStep(CaseId, 1), fake.Calls[2].Input);
        Assert.Equal(inEffectWithLastAnswer ? new CaseStep(CaseId, 2) : new CaseClosing(CaseId, CaseEndReason.Repaired), fake.Calls[3].Input);
    }

    [Fact]
    public async Task A_lift_deadline_ends_the_orchestration_with_the_lifts_marked_overdue()
    {
        var fake = Case("3", (name, _) => name switch
        {
            nameof(OpenCase) => new CaseProgress(1, [], End, CaseState.InEffect),
            nameof(CloseCase) => (IReadOnlyList<string>)["d1"],
            _ => true,
        },
        new CaseEnded(CaseEndReason.ObjectionUpheld), new LiftDeadlinePassed(1));

        Assert.Equal(CaseEndReason.ObjectionUpheld, await new JointCaseLifecycle().RunAsync(fake.Context.Object, CaseId));
        Assert.Equal([nameof(OpenCase), nameof(CloseCase), nameof(MarkLiftsOverdue)], fake.Names);
    }

    [Fact]
    public async Task Before_version_3_an_amendment_is_applied_without_its_id_and_a_restart_starts_at_round_1()
    {
        var fake = Case("2", (name, _) => name switch
        {
            nameof(OpenCase) => new CaseProgress(4, [], End, CaseState.InEffect, AppliedAmendments: ["k1"]),
            nameof(AmendCase) => new CaseProgress(2, [], End),
            nameof(CloseCase) => (IReadOnlyList<string>)[],
            _ => true,
        },
        new CaseAmended("变更", false, "k1"), new PeriodExpired(2, End));

        await new JointCaseLifecycle().RunAsync(fake.Context.Object, CaseId);
        Assert.Equal(new CaseAmendment(CaseId, 2, false, "变更", null), fake.Calls[1].Input);
        Assert.Equal(new CaseStep(CaseId, 2), fake.Calls[^1].Input);
    }

    [Fact]
    public async Task A_step_that_fails_after_its_retries_fails_the_orchestration_for_the_reconciliation_to_restart()
    {
        var failure = new TaskFailedException(nameof(CloseCase), 5, new InvalidOperationException("storage down"));
        var fake = Case("3", (name, _) => name switch
        {
            nameof(OpenCase) => new CaseProgress(1, [], End, CaseState.InEffect),
            nameof(CloseCase) => failure,
            _ => true,
        },
        new PeriodExpired(1, End));

        Assert.Same(failure, await Assert.ThrowsAsync<TaskFailedException>(() => new JointCaseLifecycle().RunAsync(fake.Context.Object, CaseId)));
        Assert.Equal([nameof(OpenCase), nameof(CloseCase)], fake.Names);
    }

    [Fact]
    public async Task A_completed_case_restarted_returns_at_once()
    {
        var fake = Case("3", (_, _) => new CaseProgress(2, [], End, CaseState.Completed, CaseEndReason.Expired));
        Assert.Equal(CaseEndReason.Expired, await new JointCaseLifecycle().RunAsync(fake.Context.Object, CaseId));
        Assert.Equal([nameof(OpenCase)], fake.Names);
    }
}
