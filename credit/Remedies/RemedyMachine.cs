namespace Credit.Remedies;

/// <summary>Where a remedy's orchestration stands: awaiting the decision, or decided and carried out.</summary>
public enum RemedyPhase
{
    AwaitingDecision,
    Done,
}

/// <summary>A step the remedy's orchestration performs for the machine.</summary>
public abstract record RemedyCommand
{
    public sealed record RemindDecider : RemedyCommand;

    public sealed record MarkOverdue : RemedyCommand;

    /// <summary>Carry out the stored decision (an upheld objection or approved repair ends the case and corrects the record).</summary>
    public sealed record ApplyDecision : RemedyCommand;

    public sealed record Finish : RemedyCommand;
}

public sealed record RemedyTransition(RemedyPhase Phase, IReadOnlyList<RemedyCommand> Commands);

/// <summary>
/// An objection's (异议, decided within 5 working days) or repair application's (信用修复, within 10) transitions as pure
/// code, shared by ObjectionHandling and RepairApplication: reminder and overdue from the daily deadline run while
/// undecided (repeated: each reminder and overdue step is safe to repeat), then the decision, carried out once.
/// </summary>
public static class RemedyMachine
{
    public static RemedyTransition On(RemedyPhase phase, RemedySignal signal) => (phase, signal) switch
    {
        (RemedyPhase.AwaitingDecision, RemedyReminderDue) => new(phase, [new RemedyCommand.RemindDecider()]),
        (RemedyPhase.AwaitingDecision, RemedyDeadlinePassed) => new(phase, [new RemedyCommand.MarkOverdue()]),
        (RemedyPhase.AwaitingDecision, RemedyDecided) => new(RemedyPhase.Done, [new RemedyCommand.ApplyDecision(), new RemedyCommand.Finish()]),
        // Decided: what comes after has nothing to act on.
        _ => new(phase, []),
    };
}
