using Credit.Orchestrations.Remedies;
using Credit.Remedies;
using Microsoft.DurableTask;

namespace Credit.Tests.Unit.Orchestrators;

/// <summary>ObjectionHandling and RepairApplication with a mocked context.</summary>
public sealed class RemedyOrchestratorTests
{
    public static TheoryData<string> Orchestrators => [nameof(ObjectionHandling), nameof(RepairApplication)];

    static TaskOrchestrator<string, string> Of(string name) => name == nameof(ObjectionHandling) ? new ObjectionHandling() : new RepairApplication();

    [Theory]
    [MemberData(nameof(Orchestrators))]
    public async Task A_remedy_is_opened_reminded_marked_overdue_and_its_decision_carried_out_once(string name)
    {
        var fake = new FakeOrchestration("3", (_, _) => true, [new RemedyReminderDue(), new RemedyDeadlinePassed(), new RemedyDecided()])
            .Returns<bool>().Hears<RemedySignal>(RemedySignal.Event);

        Assert.Equal("decided", await Of(name).RunAsync(fake.Context.Object, "objection-1"));
        Assert.Equal([nameof(OpenRemedy), nameof(RemindRemedy), nameof(MarkRemedyOverdue), nameof(ApplyRemedyDecision)], fake.Names);
        Assert.All(fake.Calls, call => Assert.Equal("objection-1", call.Input));
    }

    [Theory]
    [MemberData(nameof(Orchestrators))]
    public async Task A_decision_taken_before_any_deadline_ends_the_remedy_at_once(string name)
    {
        var fake = new FakeOrchestration("3", (_, _) => true, [new RemedyDecided()]).Returns<bool>().Hears<RemedySignal>(RemedySignal.Event);
        Assert.Equal("decided", await Of(name).RunAsync(fake.Context.Object, "repair-1"));
        Assert.Equal([nameof(OpenRemedy), nameof(ApplyRemedyDecision)], fake.Names);
    }

    [Fact]
    public async Task A_decision_that_cannot_be_carried_out_fails_the_orchestration()
    {
        var failure = new TaskFailedException(nameof(ApplyRemedyDecision), 3, new InvalidOperationException("storage down"));
        var fake = new FakeOrchestration("3", (activity, _) => activity == nameof(ApplyRemedyDecision) ? failure : true, [new RemedyDecided()])
            .Returns<bool>().Hears<RemedySignal>(RemedySignal.Event);
        await Assert.ThrowsAsync<TaskFailedException>(() => new ObjectionHandling().RunAsync(fake.Context.Object, "objection-1"));
    }
}
