using Credit.Calendar;
using Credit.JointCases;
using Credit.Quarantine;
using Microsoft.Extensions.Logging;

namespace Credit.Evaluation;

/// <summary>What a run did: subjects evaluated, and those it could not (quarantined after their attempts, with the reason).</summary>
public sealed record EvaluationRunResult(int Evaluated, int Failed);

/// <summary>
/// Evaluates the marked subjects (<see cref="EvaluationMarks"/>) and stores each evaluation, reading and writing that
/// subject's own partitions only; a subject that fails is retried by the next run and quarantined after its attempts,
/// and the others go on. <see cref="RebuildAsync"/> marks every subject evaluated under an older model version.
/// </summary>
public sealed partial class EvaluationRun(
    EvaluationMarks marks, EvaluationStore evaluations, EvaluationModelStore models, SubjectStandings standings, QuarantineStore quarantine, TimeProvider clock, ILogger<EvaluationRun> logger)
{
    public const string Run = "EvaluationRun";

    public async Task<EvaluationRunResult> RunAsync(int limit, CancellationToken cancellationToken)
    {
        var today = BeijingTime.Today(clock);
        var model = await models.CurrentAsync(cancellationToken);
        var guard = await quarantine.BeginAsync(Run, cancellationToken);
        var platforms = await standings.PlatformsAsync(cancellationToken);
        var (evaluated, failed) = (0, 0);
        // Cleared together at the end: a stop before leaves them marked, and the next run evaluates them again.
        var handled = new List<EvaluationMark>();
        foreach (var mark in await marks.DueAsync(today, cancellationToken))
        {
            if (evaluated + failed == limit)
            {
                break;
            }

            if (guard.IsQuarantined(mark.SubjectKey))
            {
                continue;
            }

            var done = await guard.RunAsync(mark.SubjectKey, null, async () =>
            {
                var subject = await standings.ReadAsync(mark.SubjectKey, platforms, cancellationToken);
                await evaluations.SaveAsync(mark.SubjectKey, Evaluator.Evaluate(model, subject, today), clock.GetUtcNow(), cancellationToken);
                if (Evaluator.NextChange(model, subject, today) is { } next)
                {
                    await marks.MarkOnAsync(mark.SubjectKey, next, cancellationToken);
                }

                handled.Add(mark);
            }, cancellationToken);
            (evaluated, failed) = done ? (evaluated + 1, failed) : (evaluated, failed + 1);
        }

        await marks.ClearAsync(handled, cancellationToken);

        if (evaluated + failed > 0)
        {
            LogRun(logger, evaluated, failed, model.Version);
        }

        return new EvaluationRunResult(evaluated, failed);
    }

    /// <summary>Marks every subject evaluated under a model older than the one in force; the runs then evaluate them again.</summary>
    public async Task<int> RebuildAsync(CancellationToken cancellationToken)
    {
        var model = await models.CurrentAsync(cancellationToken);
        var older = await evaluations.OlderThanAsync(model.Version, cancellationToken);
        await marks.MarkAsync(older.Select(key => (key, (string?)null)), cancellationToken);
        LogRebuild(logger, older.Count, model.Version);
        return older.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Evaluation run: {Evaluated} subjects evaluated, {Failed} failed (model version {Version})")]
    static partial void LogRun(ILogger logger, int evaluated, int failed, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evaluation rebuild: {Count} subjects evaluated under an older model marked for version {Version}")]
    static partial void LogRebuild(ILogger logger, int count, int version);
}
