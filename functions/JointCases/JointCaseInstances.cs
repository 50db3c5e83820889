using Credit.JointCases;
using Credit.Orchestrations.JointCases;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Credit.Functions.JointCases;

/// <summary>The durable side of cases: one JointCaseLifecycle instance per case, its id the case id.</summary>
public sealed class JointCaseInstances(DurableTaskClient client) : ICaseSignals
{
    /// <summary>Starts the case's orchestration unless it exists (an entry sent again, or a retry after a crash).</summary>
    public async Task EnsureStartedAsync(string caseId, CancellationToken cancellationToken = default)
    {
        if (await client.GetInstanceAsync(caseId, cancellationToken) is null)
        {
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(JointCaseLifecycle), caseId, new StartOrchestrationOptions(caseId), cancellationToken);
        }
    }

    public Task RaiseAsync(string caseId, CaseSignal signal, CancellationToken cancellationToken = default) =>
        client.RaiseEventAsync(caseId, CaseSignal.EventName, signal, cancellationToken);
}
