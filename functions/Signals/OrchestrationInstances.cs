using Credit.Orchestrations;
using Credit.Signals;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Credit.Functions.Signals;

/// <summary>
/// The durable side of cases and remedies: one orchestration instance per case or remedy, its id the case's (remedy's);
/// every instance starts with the current orchestration version and hears its signals in their wire form.
/// </summary>
public sealed class OrchestrationInstances(DurableTaskClient client) : ISignalSender
{
    /// <summary>Starts <paramref name="orchestrator"/> with instance id and input <paramref name="id"/> unless that instance exists (sent again, or a retry after a crash).</summary>
    public Task StartOnceAsync(string orchestrator, string id, CancellationToken cancellationToken = default) =>
        client.StartOnceAsync(orchestrator, id, id, cancellationToken);

    /// <summary>
    /// Starts <paramref name="orchestrator"/> again for a case or remedy whose instance failed (or is gone): the failed
    /// history is purged and a new instance of the current version opens from the stored state (OpenCase resumes an
    /// opened case where it stands; OpenRemedy repeats harmlessly).
    /// </summary>
    public async Task RestartAsync(string orchestrator, string id, CancellationToken cancellationToken = default)
    {
        await client.PurgeInstanceAsync(id, options: null, cancellation: cancellationToken);
        await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, id, new StartOrchestrationOptions(id) { Version = OrchestrationVersions.Current }, cancellationToken);
    }

    public Task RaiseAsync(string instanceId, OrchestrationSignal signal, CancellationToken cancellationToken = default) =>
        client.RaiseEventAsync(instanceId, signal.EventName, signal.ToWire(), cancellationToken);
}
