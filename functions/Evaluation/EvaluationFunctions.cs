using Credit.Evaluation;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Evaluation;

/// <summary>
/// The evaluation run (setting EvaluationSchedule, every minute): the subjects marked since, each at most once; and the
/// rebuild after the office adopts a model version (EvaluationRebuildSchedule, daily).
/// </summary>
public sealed class EvaluationFunctions(EvaluationRun run)
{
    /// <summary>A run takes at most this many subjects, so that it ends well within its minute; the rest wait for the next.</summary>
    public const int SubjectsPerRun = 2000;

    [Function("EvaluationRun")]
    public Task Evaluate([TimerTrigger("%EvaluationSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        run.RunAsync(SubjectsPerRun, cancellationToken);

    [Function("EvaluationRebuild")]
    public Task Rebuild([TimerTrigger("%EvaluationRebuildSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        run.RebuildAsync(cancellationToken);
}
