using Credit.Orchestrations;
using Credit.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Credit.Tests.Integration;

/// <summary>
/// The version an instance starts with is the one its orchestrator sees on every replay, years later and after a
/// restart of the engine (docs/versioning.md): on the real durable engine and Azurite.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class OrchestrationVersionTests : IAsyncLifetime
{
    readonly AzuriteProcess azurite = new();

    public Task InitializeAsync() => azurite.StartAsync();

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    [Fact]
    public async Task An_instance_replays_with_the_version_it_started_with_across_an_engine_restart()
    {
        await using (var host = await StartAsync())
        {
            var durable = host.Client;
            await durable.ScheduleNewOrchestrationInstanceAsync("Versioned", 0, new StartOrchestrationOptions("current") { Version = OrchestrationVersions.Current });
            await durable.ScheduleNewOrchestrationInstanceAsync("Versioned", 0, new StartOrchestrationOptions("before-versions"));
            await durable.ScheduleNewOrchestrationInstanceAsync("Versioned", 0, new StartOrchestrationOptions("first") { Version = "1" });
            foreach (var id in new[] { "current", "before-versions", "first" })
            {
                await host.WaitForAsync(id, OrchestrationRuntimeStatus.Running);
            }
        }

        // A new deployment: the engine and worker start again, and each instance is replayed from its history.
        await using (var host = await StartAsync())
        {
            var durable = host.Client;
            foreach (var id in new[] { "current", "before-versions", "first" })
            {
                await durable.RaiseEventAsync(id, "go", 1);
            }

            var current = OrchestrationVersions.Current;
            Assert.Equal($"\"{current}|{current}\"", (await host.WaitForAsync("current", OrchestrationRuntimeStatus.Completed)).SerializedOutput);
            Assert.Equal("\"|1\"", (await host.WaitForAsync("before-versions", OrchestrationRuntimeStatus.Completed)).SerializedOutput);
            Assert.Equal("\"1|1\"", (await host.WaitForAsync("first", OrchestrationRuntimeStatus.Completed)).SerializedOutput);
        }
    }

    Task<TestEngine> StartAsync() => TestEngine.StartAsync(azurite.ConnectionString, "VersionHub", t =>
        // What it saw at its start and after an event replayed on another engine: the version, then as the product reads it.
        t.AddOrchestratorFunc<int, string>("Versioned", async (context, _) =>
        {
            await context.WaitForExternalEvent<int>("go");
            return $"{context.Version}|{OrchestrationVersions.Of(context.Version)}";
        }));
}
