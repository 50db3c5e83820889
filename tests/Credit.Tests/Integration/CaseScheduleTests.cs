using Credit.JointCases;
using Credit.Testing;
using Moq;

namespace Credit.Tests.Integration;

/// <summary>The schedule the daily runs read: only what is due, once.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class CaseScheduleTests : IAsyncLifetime
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
        var schedule = new CaseSchedule(storage, new Credit.Quarantine.QuarantineStore(storage, new Credit.Statistics.StatisticsLedger(storage), TimeProvider.System));
        var today = new DateOnly(2025, 3, 3);
        for (var i = 0; i < 300; i++)
        {
            await schedule.AddAsync(today.AddDays(1 + (i % 700)), $"future-{i}", new CaseSignal(CaseSignalKind.Expired, Round: 1, EndDate: today.AddDays(1 + (i % 700))));
        }

        await schedule.AddAsync(today.AddDays(-3), "old", new CaseSignal(CaseSignalKind.Expired, Round: 1, EndDate: today.AddDays(-3)));
        await schedule.AddAsync(today, "today", new CaseSignal(CaseSignalKind.Expired, Round: 2, EndDate: today));
        await schedule.AddAsync(today, "deadline", new CaseSignal(CaseSignalKind.FeedbackDue, Round: 1));

        var signals = new Mock<ICaseSignals>();
        counter.Reset();
        Assert.Equal(2, await schedule.RaiseDueAsync(ScheduleLane.Expiry, today, signals.Object));
        Assert.Equal(2, counter.Entities);
        signals.Verify(s => s.RaiseAsync("old", new CaseSignal(CaseSignalKind.Expired, null, 1, today.AddDays(-3), null, false), It.IsAny<CancellationToken>()), Times.Once);
        signals.Verify(s => s.RaiseAsync("today", new CaseSignal(CaseSignalKind.Expired, null, 2, today, null, false), It.IsAny<CancellationToken>()), Times.Once);

        Assert.Equal(0, await schedule.RaiseDueAsync(ScheduleLane.Expiry, today, signals.Object));
        Assert.Equal(1, await schedule.RaiseDueAsync(ScheduleLane.Deadlines, today, signals.Object));
        signals.Verify(s => s.RaiseAsync("deadline", new CaseSignal(CaseSignalKind.FeedbackDue, null, 1, null, null, false), It.IsAny<CancellationToken>()), Times.Once);
    }
}
