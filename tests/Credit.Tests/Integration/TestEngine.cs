using Credit.LocalRuntime;
using Credit.LocalRuntime.Configuration;
using Credit.LocalRuntime.Durable;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Credit.Tests.Integration;

/// <summary>The real durable engine on a test's Azurite, with a worker serving the test's own orchestrators, and a client.</summary>
sealed class TestEngine(DurableEngine engine, IHost host) : IAsyncDisposable
{
    public DurableTaskClient Client => host.Services.GetRequiredService<DurableTaskClient>();

    public static async Task<TestEngine> StartAsync(string connectionString, string hubName, Action<DurableTaskRegistry> tasks)
    {
        var configuration = new ConfigurationManager();
        configuration.AddFunctionsFiles(AppContext.BaseDirectory);
        configuration.AddInMemoryCollection([KeyValuePair.Create(FunctionsSettings.HostSection + ":extensions:durableTask:hubName", (string?)hubName)]);
        var engine = await DurableEngine.StartAsync(connectionString, RuntimeOptions.From(configuration), l => l.SetMinimumLevel(LogLevel.Warning), CancellationToken.None);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDurableTaskWorker(w =>
        {
            w.UseGrpc(engine.Channel);
            w.AddTasks(tasks);
        });
        builder.Services.AddDurableTaskClient(c => c.UseGrpc(engine.Channel));
        var host = builder.Build();
        await host.StartAsync();
        return new TestEngine(engine, host);
    }

    /// <summary>Waits (a minute at most) until instance <paramref name="id"/> has <paramref name="status"/>.</summary>
    public async Task<OrchestrationMetadata> WaitForAsync(string id, OrchestrationRuntimeStatus status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var instance = await Client.GetInstanceAsync(id, getInputsAndOutputs: true);
            if (instance?.RuntimeStatus == status)
            {
                return instance;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{id}: {instance?.RuntimeStatus}, not {status}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        await engine.DisposeAsync();
    }
}
