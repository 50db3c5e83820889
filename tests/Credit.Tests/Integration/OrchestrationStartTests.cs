using Azure.Data.Tables;
using Credit.Functions.Signals;
using Credit.Testing;
using Microsoft.DurableTask.Client;

namespace Credit.Tests.Integration;

/// <summary>
/// A case's instance is started by the request that opens it, by that request sent again and by the signal drain, at
/// any moment relative to one another: on the real durable engine and Azurite, one instance runs and stays running.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class OrchestrationStartTests : IAsyncLifetime
{
    const string Hub = "StartHub";
    readonly AzuriteProcess azurite = new();

    public Task InitializeAsync() => azurite.StartAsync();

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    [Fact]
    public async Task Starting_one_case_from_several_places_at_once_runs_one_instance_that_stays_running()
    {
        await using var engine = await TestEngine.StartAsync(azurite.ConnectionString, Hub, t =>
            t.AddOrchestratorFunc<string, string>("Case", async (context, id) => $"{id}:{await context.WaitForExternalEvent<int>("go")}"));
        var instances = new OrchestrationInstances(engine.Client);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => instances.StartOnceAsync("Case", "case-1")));
        var running = await engine.WaitForAsync("case-1", OrchestrationRuntimeStatus.Running);
        // The request sent again once the instance runs, and the drain at the same moment: neither starts it anew.
        await Task.WhenAll(instances.StartOnceAsync("Case", "case-1"), instances.StartOnceAsync("Case", "case-1"));

        var after = await engine.Client.GetInstanceAsync("case-1");
        Assert.Equal((OrchestrationRuntimeStatus.Running, running.CreatedAt), (after!.RuntimeStatus, after.CreatedAt));
        await engine.Client.RaiseEventAsync("case-1", "go", 7);
        Assert.Equal("\"case-1:7\"", (await engine.WaitForAsync("case-1", OrchestrationRuntimeStatus.Completed)).SerializedOutput);
        var history = new TableClient(azurite.ConnectionString, $"{Hub}History");
        var starts = 0;
        await foreach (var _ in history.QueryAsync<TableEntity>("PartitionKey eq 'case-1' and EventType eq 'ExecutionStarted'"))
        {
            starts++;
        }

        Assert.Equal(1, starts);
    }
}
