using Credit.JointCases;
using Credit.Lists;
using Credit.Measures;
using Credit.Remedies;

namespace Credit.Tests.Unit;

/// <summary>What a case's or remedy's stored state implies its orchestration has heard: the table the reconciliation raises from.</summary>
public sealed class ImpliedSignalsTests
{
    const string CaseId = "11110000000000701X-b000000000000000000000001";

    static readonly AssignmentRecord Pending = Assignment("S01", AssignmentStatus.Pending);
    static readonly AssignmentRecord Applied = Assignment("S02", AssignmentStatus.Applied);
    static readonly AssignmentRecord NotApplicable = Assignment("S03", AssignmentStatus.NotApplicable, round: 2);
    static readonly AssignmentRecord Withdrawn = Assignment("S04", AssignmentStatus.Withdrawn);

    public static TheoryData<CaseState, AssignmentRecord[], string[]> Feedback => new()
    {
        // Waiting for feedback with nothing pending: every answer's signal, in its round; a withdrawn measure has none.
        { CaseState.AwaitingFeedback, [Applied, NotApplicable, Withdrawn], ["Feedback S02 1", "Feedback S03 2"] },
        // Something is still pending: the case waits for a department, not for the product.
        { CaseState.AwaitingFeedback, [Pending, Applied], [] },
        // In effect, completed or initiated: nothing is waited for that the stored answers decide.
        { CaseState.InEffect, [Applied], [] },
        { CaseState.Completed, [Applied], [] },
        { CaseState.Initiated, [], [] },
        // Awaiting feedback with no assignment stored yet: the opening step is still running.
        { CaseState.AwaitingFeedback, [], [] },
    };

    [Theory]
    [MemberData(nameof(Feedback))]
    public void Feedback_signals_follow_the_stored_answers(CaseState state, AssignmentRecord[] assignments, string[] expected) =>
        Assert.Equal(expected, ImpliedSignals.ForCase(Case(state), assignments, []).Select(Describe));

    [Fact]
    public void A_case_lifting_with_every_lift_acknowledged_has_missed_an_acknowledgement()
    {
        LiftRecord[] lifts = [Lift("11110000000000702F", acknowledged: true), Lift("11110000000000703B", acknowledged: true)];
        Assert.Equal(["LiftAcknowledged 11110000000000702F", "LiftAcknowledged 11110000000000703B"], ImpliedSignals.ForCase(Case(CaseState.Lifting), [Applied], lifts).Select(Describe));
        Assert.Empty(ImpliedSignals.ForCase(Case(CaseState.Lifting), [Applied], [lifts[0], Lift("11110000000000703B", acknowledged: false)]));
        Assert.Empty(ImpliedSignals.ForCase(Case(CaseState.Lifting), [Applied], []));
    }

    [Theory]
    [InlineData(CaseState.AwaitingFeedback, CaseEndReason.Suspended, "Ended Suspended")]
    [InlineData(CaseState.InEffect, CaseEndReason.Suspended, "Ended Suspended")]
    [InlineData(CaseState.InEffect, CaseEndReason.RemovedAtSource, "Ended RemovedAtSource")]
    [InlineData(CaseState.AwaitingFeedback, CaseEndReason.RemovedAtSource, "Ended RemovedAtSource")]
    [InlineData(CaseState.Lifting, CaseEndReason.Suspended, null)]
    [InlineData(CaseState.Completed, CaseEndReason.RemovedAtSource, null)]
    public void A_running_case_whose_entry_was_suspended_or_removed_at_its_source_ends(CaseState state, CaseEndReason ending, string? expected) =>
        Assert.Equal(expected is null ? [] : [expected], ImpliedSignals.ForCase(Case(state), [Pending], [], ending).Select(Describe));

    [Theory]
    [InlineData(RemedyKind.Objection, ItemKind.ListEntry, RemedyState.Upheld, CaseState.InEffect, "Ended ObjectionUpheld")]
    [InlineData(RemedyKind.Repair, ItemKind.ListEntry, RemedyState.Approved, CaseState.AwaitingFeedback, "Ended Repaired")]
    [InlineData(RemedyKind.Objection, ItemKind.ListEntry, RemedyState.Upheld, CaseState.Lifting, null)]
    [InlineData(RemedyKind.Objection, ItemKind.ListEntry, RemedyState.Rejected, CaseState.InEffect, null)]
    [InlineData(RemedyKind.Repair, ItemKind.ListEntry, RemedyState.Refused, CaseState.InEffect, null)]
    [InlineData(RemedyKind.Objection, ItemKind.Record, RemedyState.Upheld, CaseState.InEffect, null)]
    public void A_granted_remedy_on_a_list_entry_ends_its_case_unless_it_has_ended(RemedyKind kind, ItemKind item, RemedyState state, CaseState caseState, string? expected)
    {
        var remedy = Remedy(kind, item, state);
        var ended = ImpliedSignals.EndedBy(remedy, Case(caseState));
        Assert.Equal(expected, ended is { } e ? $"{e.Signal.Name} {e.Signal.About}" : null);
        Assert.IsType<RemedyDecided>(Assert.Single(ImpliedSignals.ForRemedy(remedy)));
    }

    [Fact]
    public void An_undecided_remedy_implies_nothing()
    {
        var remedy = Remedy(RemedyKind.Objection, ItemKind.ListEntry, RemedyState.UnderReview);
        Assert.Empty(ImpliedSignals.ForRemedy(remedy));
        Assert.Null(ImpliedSignals.EndedBy(remedy, Case(CaseState.InEffect)));
    }

    public static TheoryData<CaseState, string, string[]> Dated => new()
    {
        // The case's feedback deadline is 2025-03-10 (round 2), its end date 2026-03-03; a lifting case's lift deadline is the same field.
        { CaseState.AwaitingFeedback, "2025-03-10", [] },
        { CaseState.AwaitingFeedback, "2025-03-11", ["FeedbackDue 2"] },
        { CaseState.AwaitingFeedback, "2026-03-03", ["FeedbackDue 2", "Expired 2 2026-03-03"] },
        { CaseState.InEffect, "2026-03-02", [] },
        { CaseState.InEffect, "2026-03-03", ["Expired 2 2026-03-03"] },
        { CaseState.Lifting, "2025-03-10", [] },
        { CaseState.Lifting, "2025-03-11", ["LiftDue 2"] },
        { CaseState.Lifting, "2027-01-01", ["LiftDue 2"] },
        { CaseState.Completed, "2027-01-01", [] },
    };

    [Theory]
    [MemberData(nameof(Dated))]
    public void A_restarted_case_hears_the_dates_that_passed_while_its_instance_had_failed(CaseState state, string today, string[] expected) =>
        Assert.Equal(expected, ImpliedSignals.DueForCase(Case(state) with { Round = 2, FeedbackDeadline = new DateOnly(2025, 3, 10) }, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)).Select(Describe));

    [Theory]
    [InlineData(RemedyState.UnderReview, false, "2025-03-10", false)]
    [InlineData(RemedyState.UnderReview, false, "2025-03-11", true)]
    [InlineData(RemedyState.UnderReview, true, "2025-03-11", false)]
    [InlineData(RemedyState.Rejected, false, "2025-03-11", false)]
    public void A_restarted_remedy_hears_its_deadline_if_it_passed_undecided_and_unmarked(RemedyState state, bool overdue, string today, bool due) =>
        Assert.Equal(due ? [new RemedyDeadlinePassed()] : [], ImpliedSignals.DueForRemedy(Remedy(RemedyKind.Objection, ItemKind.ListEntry, state) with { Overdue = overdue },
            DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    static string Describe(CaseSignal signal) => signal switch
    {
        FeedbackReceived s => $"Feedback {s.AssignmentKey.Split('|')[1]} {s.Round}",
        LiftAcknowledged s => $"LiftAcknowledged {s.Department}",
        FeedbackDeadlinePassed s => $"FeedbackDue {s.Round}",
        PeriodExpired s => $"Expired {s.Round} {s.EndDate:yyyy-MM-dd}",
        LiftDeadlinePassed s => $"LiftDue {s.Round}",
        CaseEnded s => $"Ended {s.Reason}",
        _ => signal.Name,
    };

    static AssignmentRecord Assignment(string measure, AssignmentStatus status, int round = 1) => new(
        new Assignment("11110000000000702F", measure, 1, measure, MeasureBinding.Mandatory, "依据", new CaseTarget("91110105MA00000012", "北京示例", null)),
        round, new DateOnly(2025, 3, 10), status, false, false, null, null, null, null);

    static LiftRecord Lift(string department, bool acknowledged) => new(department, 1, new DateOnly(2026, 3, 11), acknowledged, false, null);

    static CaseRecord Case(CaseState state) => new(
        CaseId, "11110000000000701X", ListType.Black, "91110105MA00000012", "91110105MA00000012", "北京示例", state, 1, new DateOnly(2026, 3, 3), null, null,
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, ["11110000000000702F"]);

    static Remedy Remedy(RemedyKind kind, ItemKind item, RemedyState state) => new(
        "objection-1", kind, new ItemRef(item, CaseId), "91110105MA00000012", "subject:91110105MA00000012", "11110000000000701X", "理由", null, null,
        DateTimeOffset.UnixEpoch, new DateOnly(2025, 3, 10), state, false, null, null, null, false);
}
