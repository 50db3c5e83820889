using Credit.LocalRuntime;
using Credit.LocalRuntime.Configuration;
using Credit.LocalRuntime.Durable;
using Credit.Orchestrations;
using Credit.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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
                await WaitForAsync(durable, id, OrchestrationRuntimeStatus.Running);
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
            Assert.Equal($"\"{current}|{current}\"", (await WaitForAsync(durable, "current", OrchestrationRuntimeStatus.Completed)).SerializedOutput);
            Assert.Equal("\"|1\"", (await WaitForAsync(durable, "before-versions", OrchestrationRuntimeStatus.Completed)).SerializedOutput);
            Assert.Equal("\"1|1\"", (await WaitForAsync(durable, "first", OrchestrationRuntimeStatus.Completed)).SerializedOutput);
        }
    }

    async Task<EngineHost> StartAsync()
    {
        var configuration = new ConfigurationManager();
        configuration.AddFunctionsFiles(AppContext.BaseDirectory);
        configuration.AddInMemoryCollection([KeyValuePair.Create(FunctionsSettings.HostSection + ":extensions:durableTask:hubName", (string?)"VersionHub")]);
        var engine = await DurableEngine.StartAsync(azurite.ConnectionString, RuntimeOptions.From(configuration), l => l.SetMinimumLevel(LogLevel.Warning), CancellationToken.None);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDurableTaskWorker(w =>
        {
            w.UseGrpc(engine.Channel);
            // What it saw at its start and after an event replayed on another engine: the version, then as the product reads it.
            w.AddTasks(t => t.AddOrchestratorFunc<int, string>("Versioned", async (context, _) =>
            {
                await context.WaitForExternalEvent<int>("go");
                return $"{context.Version}|{OrchestrationVersions.Of(context.Version)}";
            }));
        });
        builder.Services.AddDurableTaskClient(c => c.UseGrpc(engine.Channel));
        var host = builder.Build();
        await host.StartAsync();
        return new EngineHost(engine, host);
    }

    static async Task<OrchestrationMetadata> WaitForAsync(DurableTaskClient durable, string id, OrchestrationRuntimeStatus status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var instance = await durable.GetInstanceAsync(id, getInputsAndOutputs: true);
            if (instance?.RuntimeStatus == status)
            {
                return instance;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{id}: {instance?.RuntimeStatus}, not {status}");
            await Task.Delay(100);
        }
    }

    sealed class EngineHost(DurableEngine engine, IHost host) : IAsyncDisposable
    {
        public DurableTaskClient Client => host.Services.GetRequiredService<DurableTaskClient>();

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
            await engine.DisposeAsync();
        }
    }
}
