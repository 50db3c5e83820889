using Credit.Orchestrations;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Credit.Functions.Signals;

/// <summary>Starting an orchestration instance whose id says what it is for (a case, an upload, a report) once.</summary>
public static class InstanceStarts
{
    /// <summary>
    /// Starts <paramref name="orchestrator"/> as instance <paramref name="instanceId"/> with the current version, unless
    /// an instance with that id exists in any state; false then. The store refuses the start atomically: two callers
    /// (a request and its retry, the signal drain, a blob event delivered twice) that each read "no instance" first
    /// would otherwise both start it, the second resetting the running instance to Pending.
    /// </summary>
    public static async Task<bool> StartOnceAsync<TInput>(this DurableTaskClient client, string orchestrator, TInput input, string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input,
                new StartOrchestrationOptions(instanceId) { Version = OrchestrationVersions.Current }.WithDedupeStatuses([.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses]),
                cancellationToken);
            return true;
        }
        catch (DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }
}
