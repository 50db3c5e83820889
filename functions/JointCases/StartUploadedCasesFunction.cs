using Credit.Intake;
using Credit.Orchestrations.Intake;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Credit.Functions.JointCases;

/// <summary>Starts the joint case of every entry an uploaded list file holds (an activity of IngestFile).</summary>
public sealed class StartUploadedCasesFunction(IntakeService intake)
{
    [Function(IngestFile.StartUploadedCases)]
    public async Task<int> Run([ActivityTrigger] UploadedCases request, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var instances = new JointCaseInstances(durable);
        var cases = await intake.UploadedCasesAsync(request.Upload, request.Chunks, cancellationToken);
        foreach (var caseId in cases)
        {
            await instances.EnsureStartedAsync(caseId, cancellationToken);
        }

        return cases.Count;
    }
}
