using Credit.Functions.Signals;
using Credit.JointCases;
using Credit.Orchestrations.JointCases;
using Microsoft.DurableTask.Client;

namespace Credit.Functions.JointCases;

/// <summary>A case's orchestration instance: started once per case, raised its signals.</summary>
public sealed class JointCaseInstances(DurableTaskClient client)
{
    readonly OrchestrationInstances instances = new(client);

    /// <summary>Starts the case's orchestration unless it exists (an entry sent again, or a retry after a crash).</summary>
    public Task EnsureStartedAsync(string caseId, CancellationToken cancellationToken = default) =>
        instances.StartOnceAsync(nameof(JointCaseLifecycle), caseId, cancellationToken);

    public Task RaiseAsync(string caseId, CaseSignal signal, CancellationToken cancellationToken = default) =>
        instances.RaiseAsync(caseId, signal, cancellationToken);
}
