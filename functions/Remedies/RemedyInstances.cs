using Credit.Functions.Signals;
using Credit.Orchestrations.Remedies;
using Credit.Remedies;
using Microsoft.DurableTask.Client;

namespace Credit.Functions.Remedies;

/// <summary>A remedy's orchestration instance: ObjectionHandling or RepairApplication, started once per remedy, raised its signals.</summary>
public sealed class RemedyInstances(DurableTaskClient client)
{
    readonly OrchestrationInstances instances = new(client);

    public static string OrchestratorOf(RemedyKind kind) => kind == RemedyKind.Objection ? nameof(ObjectionHandling) : nameof(RepairApplication);

    /// <summary>Starts the remedy's orchestration unless it exists (a filing sent again, or a retry after a crash).</summary>
    public Task EnsureStartedAsync(RemedyKind kind, string remedyId, CancellationToken cancellationToken = default) =>
        instances.StartOnceAsync(OrchestratorOf(kind), remedyId, cancellationToken);

    public Task RaiseAsync(string remedyId, RemedySignal signal, CancellationToken cancellationToken = default) =>
        instances.RaiseAsync(remedyId, signal, cancellationToken);
}
