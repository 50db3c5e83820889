using Azure.Data.Tables;
using Credit.JointCases;
using Credit.Remedies;
using Credit.Signals;
using Credit.Storage;
using Credit.Testing;
using Moq;

namespace Credit.Tests.Integration;

/// <summary>The schedule the daily runs read: only what is due, once, each signal of its own type.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class SignalScheduleTests : IAsyncLifetime
{
    readonly AzuriteProcess azurite = new();

    public Task InitializeAsync() => azurite.StartAsync();

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    [Fact]
    public async Task A_run_reads_only_the_due_signals_of_its_lane_raises_each_once_and_costs_what_falls_due()
    {
        var counter = new EntityCounter();
        var storage = TestStorage.Observed(azurite.ConnectionString, counter);
        await storage.EnsureCreatedAsync();
        var schedule = Schedule(storage);
        var today = new DateOnly(2025, 3, 3);
        for (var i = 0; i < 300; i++)
        {
            await schedule.AddAsync(today.AddDays(1 + (i % 700)), $"future-{i}", new PeriodExpired(1, today.AddDays(1 + (i % 700))));
        }

        await schedule.AddAsync(today.AddDays(-3), "old", new PeriodExpired(1, today.AddDays(-3)));
        await schedule.AddAsync(today, "today", new PeriodExpired(2, today));
        await schedule.AddAsync(today, "deadline", new FeedbackDeadlinePassed(1));
        await schedule.AddAsync(today, "objection-1", new RemedyDeadlinePassed());

        var signals = new Mock<ISignalSender>();
        counter.Reset();
        Assert.Equal(2, await schedule.RaiseDueAsync(ScheduleLane.Expiry, today, signals.Object));
        Assert.Equal(2, counter.Entities);
        signals.Verify(s => s.RaiseAsync("old", new PeriodExpired(1, today.AddDays(-3)), It.IsAny<CancellationToken>()), Times.Once);
        signals.Verify(s => s.RaiseAsync("today", new PeriodExpired(2, today), It.IsAny<CancellationToken>()), Times.Once);

        Assert.Equal(0, await schedule.RaiseDueAsync(ScheduleLane.Expiry, today, signals.Object));
        Assert.Equal(2, await schedule.RaiseDueAsync(ScheduleLane.Deadlines, today, signals.Object));
        signals.Verify(s => s.RaiseAsync("deadline", new FeedbackDeadlinePassed(1), It.IsAny<CancellationToken>()), Times.Once);
        signals.Verify(s => s.RaiseAsync("objection-1", new RemedyDeadlinePassed(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_signal_taken_off_the_schedule_is_not_raised()
    {
        var storage = TestStorage.Observed(azurite.ConnectionString, new EntityCounter());
        await storage.EnsureCreatedAsync();
        var schedule = Schedule(storage);
        var today = new DateOnly(2025, 3, 3);
        await schedule.AddAsync(today, "case-1", new FeedbackReminderDue(2));
        await schedule.AddAsync(today, "case-1", new FeedbackDeadlinePassed(2));
        await schedule.RemoveAsync(today, "case-1", new FeedbackReminderDue(2));

        var signals = new Mock<ISignalSender>();
        Assert.Equal(1, await schedule.RaiseDueAsync(ScheduleLane.Deadlines, today, signals.Object));
        signals.Verify(s => s.RaiseAsync("case-1", new FeedbackDeadlinePassed(2), It.IsAny<CancellationToken>()), Times.Once);
        signals.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_row_stored_before_remedies_had_signals_of_their_own_is_raised_as_the_same_event()
    {
        // A remedy's deadline as the deployment before typed signals stored it: no family, the case's kind and round 1.
        var storage = TestStorage.Observed(azurite.ConnectionString, new EntityCounter());
        await storage.EnsureCreatedAsync();
        await storage.Table(StorageNames.CaseScheduleTable).AddEntityAsync(new TableEntity("deadlines-20250303", "objection-1|FeedbackDue|1")
        {
            ["CaseId"] = "objection-1", ["Kind"] = "FeedbackDue", ["Round"] = 1, ["EndDate"] = null,
        });

        OrchestrationSignal? raised = null;
        var signals = new Mock<ISignalSender>();
        signals.Setup(s => s.RaiseAsync("objection-1", It.IsAny<OrchestrationSignal>(), It.IsAny<CancellationToken>()))
            .Callback<string, OrchestrationSignal, CancellationToken>((_, signal, _) => raised = signal).Returns(Task.CompletedTask);
        Assert.Equal(1, await Schedule(storage).RaiseDueAsync(ScheduleLane.Deadlines, new DateOnly(2025, 3, 3), signals.Object));

        // Read as a case's deadline of round 1, it reaches the remedy's orchestration as its own deadline.
        Assert.Equal(new FeedbackDeadlinePassed(1), raised);
        Assert.IsType<RemedyDeadlinePassed>(System.Text.Json.JsonSerializer.Deserialize<RemedySignal>(raised!.ToWire()));
    }

    static SignalSchedule Schedule(StorageClients storage) =>
        new(storage, new Credit.Quarantine.QuarantineStore(storage, new Credit.Statistics.StatisticsLedger(storage), TimeProvider.System));
}
