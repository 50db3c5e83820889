using Credit.Remedies;

namespace Credit.JointCases;

/// <summary>
/// The signals a case's or remedy's stored state implies its orchestration has heard. A request stores the change
/// first and raises the signal after; a process killed in between leaves a change whose signal was never raised
/// (issue 15: answers stored, the case still AwaitingFeedback with nothing pending). Raising these again is
/// harmless: the orchestrations ignore a signal they have consumed (a key no longer outstanding, a decided remedy
/// already completed).
/// </summary>
public static class ImpliedSignals
{
    /// <summary>
    /// A case waiting for feedback with no assignment awaited (each answered, withdrawn or overdue) has missed an
    /// answer's signal: every answer's is raised.
    /// A case lifting with every lift acknowledged has missed an acknowledgement's: every acknowledgement's is raised.
    /// A case still running whose entry says it must end (<paramref name="ending"/>: a red entry a black or watch entry
    /// suspended, <see cref="CaseEndReason.Suspended"/>; a response to an entry its source removed,
    /// <see cref="CaseEndReason.RemovedAtSource"/>) ends with that reason.
    /// Otherwise none: what a case still waits for is a department's, not the product's, to send.
    /// </summary>
    public static IReadOnlyList<CaseSignal> ForCase(CaseRecord record, IReadOnlyList<AssignmentRecord> assignments, IReadOnlyList<LiftRecord> lifts, CaseEndReason? ending = null) => record.State switch
    {
        CaseState.AwaitingFeedback or CaseState.InEffect when ending is { } reason => [new CaseEnded(reason)],
        CaseState.AwaitingFeedback when assignments.Count > 0 && !assignments.Any(a => a.Awaited) =>
            [.. assignments.Where(a => a.Answered).Select(a => new FeedbackReceived(a.Assignment.Key, a.Round))],
        CaseState.Lifting when lifts.Count > 0 && lifts.All(l => l.Acknowledged) =>
            [.. lifts.Select(l => new LiftAcknowledged(l.Department))],
        _ => [],
    };

    /// <summary>
    /// The dated signals an instance restarted from the stored state has missed: the daily runs raised them to the
    /// failed instance, which could not hear them, and took them off the schedule. A case awaiting feedback past its
    /// round's deadline hears that deadline; one awaiting feedback or in effect on or after its end date, its expiry;
    /// one lifting past its lift deadline, that deadline.
    /// </summary>
    public static IReadOnlyList<CaseSignal> DueForCase(CaseRecord record, DateOnly today)
    {
        var due = new List<CaseSignal>();
        if (record.State == CaseState.AwaitingFeedback && today > record.FeedbackDeadline)
        {
            due.Add(new FeedbackDeadlinePassed(record.Round));
        }

        if (record.State is CaseState.AwaitingFeedback or CaseState.InEffect && today >= record.EndDate)
        {
            due.Add(new PeriodExpired(record.Round, record.EndDate));
        }

        if (record.State == CaseState.Lifting && today > record.FeedbackDeadline)
        {
            due.Add(new LiftDeadlinePassed(record.Round));
        }

        return due;
    }

    /// <summary>An undecided remedy past its deadline, not yet marked, has missed its overdue signal.</summary>
    public static IReadOnlyList<RemedySignal> DueForRemedy(Remedy remedy, DateOnly today) =>
        !remedy.Decided && !remedy.Overdue && today > remedy.Deadline ? [new RemedyDeadlinePassed()] : [];

    /// <summary>A decided remedy whose orchestration still runs has missed its decision.</summary>
    public static IReadOnlyList<RemedySignal> ForRemedy(Remedy remedy) => remedy.Decided ? [new RemedyDecided()] : [];

    /// <summary>
    /// The case a granted remedy on a list entry ends (objection upheld, repair approved), when the case has not
    /// ended yet: its Ended signal was lost with the process that stored the decision.
    /// </summary>
    public static (string CaseId, CaseSignal Signal)? EndedBy(Remedy remedy, CaseRecord? endedCase) =>
        remedy.EndsCase is { } ends && endedCase is { State: CaseState.AwaitingFeedback or CaseState.InEffect }
            ? (ends.CaseId, new CaseEnded(ends.Reason))
            : null;
}
