using Credit.Remedies;

namespace Credit.Tests.Unit.Machines;

/// <summary>An objection's or repair application's transitions: every phase × every signal.</summary>
public sealed class RemedyMachineTests
{
    public static TheoryData<RemedyPhase, string, RemedyPhase, string> Table => new()
    {
        { RemedyPhase.AwaitingDecision, nameof(RemedyReminderDue), RemedyPhase.AwaitingDecision, "RemindDecider" },
        // A reminder or deadline raised again (a run repeated) repeats its step, which is safe to repeat.
        { RemedyPhase.AwaitingDecision, nameof(RemedyDeadlinePassed), RemedyPhase.AwaitingDecision, "MarkOverdue" },
        { RemedyPhase.AwaitingDecision, nameof(RemedyDecided), RemedyPhase.Done, "ApplyDecision Finish" },
        // Decided: a late reminder, deadline or the decision raised again (a department's retry) do nothing.
        { RemedyPhase.Done, nameof(RemedyReminderDue), RemedyPhase.Done, "" },
        { RemedyPhase.Done, nameof(RemedyDeadlinePassed), RemedyPhase.Done, "" },
        { RemedyPhase.Done, nameof(RemedyDecided), RemedyPhase.Done, "" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Every_phase_and_signal_does_what_the_table_says(RemedyPhase phase, string signal, RemedyPhase after, string commands)
    {
        RemedySignal raised = signal switch
        {
            nameof(RemedyReminderDue) => new RemedyReminderDue(),
            nameof(RemedyDeadlinePassed) => new RemedyDeadlinePassed(),
            _ => new RemedyDecided(),
        };
        var transition = RemedyMachine.On(phase, raised);
        Assert.Equal((after, commands), (transition.Phase, string.Join(' ', transition.Commands.Select(c => c.GetType().Name))));
    }

    [Fact]
    public void The_table_covers_every_phase_and_signal()
    {
        var signals = typeof(RemedySignal).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(RemedySignal)) && !t.IsAbstract).Select(t => t.Name);
        var covered = Table.Select(row => ((RemedyPhase)row[0], (string)row[1])).ToHashSet();
        Assert.All(Enum.GetValues<RemedyPhase>().SelectMany(p => signals.Select(s => (p, s))), pair => Assert.Contains(pair, covered));
    }
}
