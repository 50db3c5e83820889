using Credit.Intake;
using Microsoft.DurableTask;

namespace Credit.Orchestrations.Intake;

/// <summary>
/// Ingests one uploaded file: plan it in one streaming pass, ingest its chunks (a few at a time, each an
/// activity that validates and persists its rows), start the joint cases of a list file's entries, then write
/// the report. A crash repeats at most the chunks in flight, and repeating a chunk changes nothing.
/// </summary>
public sealed class IngestFile : TaskOrchestrator<UploadRef, IntakeSummary>
{
    /// <summary>
    /// The activity that starts the cases of an uploaded list file. It needs the durable client, which only a
    /// function binds, so it is a function of the app rather than a class here.
    /// </summary>
    public const string StartUploadedCases = nameof(StartUploadedCases);

    // Two chunks in flight keep both cores busy; each chunk itself keeps several table batches in flight.
    const int ChunksInFlight = 2;

    // A chunk repeated after a partial write changes nothing.
    static readonly TaskOptions Retry = ActivityRetry.Storage;

    public override async Task<IntakeSummary> RunAsync(TaskOrchestrationContext context, UploadRef upload)
    {
        var startedAt = context.CurrentUtcDateTime;
        var plan = await context.CallActivityAsync<IntakePlan>(nameof(PlanIntake), upload, Retry);
        var counts = IntakeCounts.Zero;
        if (plan.FileErrors.Count == 0 && plan.Kind is { } kind)
        {
            var layout = new FileLayout(plan.Format, plan.EncodingName, kind, plan.Headers);
            var inFlight = new List<Task<IntakeCounts>>();
            var done = 0;
            foreach (var chunk in plan.Chunks)
            {
                inFlight.Add(context.CallActivityAsync<IntakeCounts>(nameof(IngestChunk), new ChunkRequest(upload, layout, chunk), Retry));
                if (inFlight.Count < ChunksInFlight)
                {
                    continue;
                }

                var finished = await Task.WhenAny(inFlight);
                inFlight.Remove(finished);
                counts = counts.Add(await finished);
                context.SetCustomStatus(new IntakeProgress(++done, plan.Chunks.Count, plan.Rows, counts));
            }

            foreach (var chunkCounts in await Task.WhenAll(inFlight))
            {
                counts = counts.Add(chunkCounts);
            }

            if (kind == Records.RecordKind.ListEntry)
            {
                await context.CallActivityAsync<int>(StartUploadedCases, new UploadedCases(upload, plan.Chunks.Count), Retry);
            }
        }

        return await context.CallActivityAsync<IntakeSummary>(nameof(WriteIntakeReport), new ReportRequest(upload, plan, counts, startedAt), Retry);
    }
}
