using System.Diagnostics;
using Credit.LocalRuntime;
using Credit.LocalRuntime.Configuration;
using Credit.LocalRuntime.Durable;
using Microsoft.Extensions.Configuration;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Credit.Benchmarks;

/// <summary>
/// The baseline: the local runtime's durable engine (Azure Storage provider on this Azurite, same settings) running
/// orchestrations shaped like a case (the same activities and external events) but doing nothing else — no HTTP, no tables, no notices.
/// </summary>
static class BareCases
{
    const string Event = "signal";

    public static async Task<TimeSpan> MeasureAsync(string connectionString, int count)
    {
        // The runtime's own settings (host.json's durableTask section), on a task hub of its own.
        var configuration = new ConfigurationManager();
        configuration.AddFunctionsFiles(AppContext.BaseDirectory);
        configuration.AddInMemoryCollection([
            KeyValuePair.Create(FunctionsSettings.HostSection + ":extensions:durableTask:hubName", (string?)"CeilingHub"),
            KeyValuePair.Create("Runtime:WorkerId", (string?)"ceiling-worker")]);
        var options = RuntimeOptions.From(configuration);
        await using var engine = await DurableEngine.StartAsync(connectionString, options, logging => logging.SetMinimumLevel(LogLevel.Warning), CancellationToken.None);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(engine.Channel);
            worker.AddTasks(tasks =>
            {
                tasks.AddOrchestratorFunc<int, int>("BareCase", RunAsync);
                tasks.AddActivityFunc<int, int>("Step", (_, generation) => generation);
            });
        });
        builder.Services.AddDurableTaskClient(client => client.UseGrpc(engine.Channel));
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<DurableTaskClient>();

        var ids = Enumerable.Range(0, count).Select(i => $"bare-{i}").ToList();
        var instances = new Azure.Data.Tables.TableClient(connectionString, $"{options.TaskHubName}Instances");
        var watch = Stopwatch.StartNew();
        await Concurrently.ForEachAsync(ids, async id => await client.ScheduleNewOrchestrationInstanceAsync("BareCase", 0, new StartOrchestrationOptions(id)));
        await Progress.UntilAsync(instances, "CustomStatus eq '\"awaiting-feedback\"'", count);
        await RaiseAsync(client, ids, 3);
        await Progress.UntilAsync(instances, "CustomStatus eq '\"in-effect\"'", count);
        await RaiseAsync(client, ids, 1);
        await Progress.UntilAsync(instances, "CustomStatus eq '\"lifting\"'", count);
        await RaiseAsync(client, ids, 3);
        await Progress.UntilAsync(instances, "RuntimeStatus eq 'Completed'", count);
        var elapsed = watch.Elapsed;
        await host.StopAsync();
        return elapsed;
    }

    /// <summary>Open; 3 feedback events; in effect; the expiry; close; 3 acknowledgements; complete.</summary>
    static async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        await context.CallActivityAsync<int>("Step", 0);
        context.SetCustomStatus("awaiting-feedback");
        for (var i = 0; i < 3; i++)
        {
            await context.WaitForExternalEvent<int>(Event);
        }

        await context.CallActivityAsync<int>("Step", 1);
        context.SetCustomStatus("in-effect");
        await context.WaitForExternalEvent<int>(Event);
        await context.CallActivityAsync<int>("Step", 2);
        context.SetCustomStatus("lifting");
        for (var i = 0; i < 3; i++)
        {
            await context.WaitForExternalEvent<int>(Event);
        }

        return await context.CallActivityAsync<int>("Step", 3);
    }

    static Task RaiseAsync(DurableTaskClient client, IEnumerable<string> ids, int events) =>
        Concurrently.ForEachAsync(ids, async id =>
        {
            for (var i = 0; i < events; i++)
            {
                await client.RaiseEventAsync(id, Event, i);
            }
        });
}
