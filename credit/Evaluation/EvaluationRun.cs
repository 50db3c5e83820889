using System.Collections.Concurrent;
using Credit.Calendar;
using Credit.JointCases;
using Credit.Quarantine;
using Microsoft.Extensions.Logging;

namespace Credit.Evaluation;

/// <summary>What a run did: subjects evaluated, and those it could not (quarantined after their attempts, with the reason).</summary>
public sealed record EvaluationRunResult(int Evaluated, int Failed);

/// <summary>
/// Evaluates the marked subjects (<see cref="EvaluationMarks"/>), several at once, and stores their evaluations, reading
/// each subject's own partitions only; a subject that fails is retried by the next run and quarantined after its attempts,
/// and the others go on. <see cref="RebuildAsync"/> marks every subject evaluated under an older model version.
/// </summary>
public sealed partial class EvaluationRun(
    EvaluationMarks marks, EvaluationStore evaluations, EvaluationModelStore models, SubjectStandings standings, QuarantineStore quarantine, TimeProvider clock, ILogger<EvaluationRun> logger)
{
    public const string Run = "EvaluationRun";

    /// <summary>Subjects read at once: their reads are independent point and partition queries.</summary>
    public const int SubjectsInFlight = 8;

    // Evaluated subjects are stored per round, a hundred to a transaction; a stop loses at most a round's work, whose marks remain.
    const int SubjectsPerRound = 400;

    public async Task<EvaluationRunResult> RunAsync(int limit, CancellationToken cancellationToken)
    {
        var today = BeijingTime.Today(clock);
        var model = await models.CurrentAsync(cancellationToken);
        var guard = await quarantine.BeginAsync(Run, cancellationToken);
        var platforms = await standings.PlatformsAsync(cancellationToken);
        var due = (await marks.DueAsync(today, cancellationToken)).Where(mark => !guard.IsQuarantined(mark.SubjectKey)).Take(limit).ToList();
        var failed = 0;
        foreach (var round in due.Chunk(SubjectsPerRound))
        {
            var evaluated = new ConcurrentBag<(EvaluationMark Mark, SubjectEvaluation Evaluation, DateOnly? Next)>();
            await Parallel.ForEachAsync(round, new ParallelOptions { MaxDegreeOfParallelism = SubjectsInFlight, CancellationToken = cancellationToken }, async (mark, token) =>
            {
                var done = await guard.RunAsync(mark.SubjectKey, null, async () =>
                {
                    var subject = await standings.ReadAsync(mark.SubjectKey, platforms, token);
                    evaluated.Add((mark, Evaluator.Evaluate(model, subject, today), Evaluator.NextChange(model, subject, today)));
                }, token);
                if (!done)
                {
                    Interlocked.Increment(ref failed);
                }
            });

            await evaluations.SaveAllAsync(model, evaluated.Select(e => (e.Mark.SubjectKey, e.Evaluation)), clock.GetUtcNow(), cancellationToken);
            await marks.MarkOnAsync(evaluated.Where(e => e.Next is not null).Select(e => (e.Mark.SubjectKey, e.Next!.Value)), cancellationToken);
            // Cleared after the evaluations are stored: a stop before leaves them marked, and the next run evaluates them again.
            await marks.ClearAsync([.. evaluated.Select(e => e.Mark)], cancellationToken);
        }

        var result = new EvaluationRunResult(due.Count - failed, failed);
        if (due.Count > 0)
        {
            LogRun(logger, result.Evaluated, result.Failed, model.Version);
        }

        return result;
    }

    /// <summary>Marks every subject evaluated under a model older than the one in force; the runs then evaluate them again.</summary>
    public async Task<int> RebuildAsync(CancellationToken cancellationToken)
    {
        var model = await models.CurrentAsync(cancellationToken);
        var (older, firstLayout) = await evaluations.OlderThanAsync(model.Version, cancellationToken);
        await marks.MarkAsync(older.Select(key => (key, (string?)null)), cancellationToken);
        // Only once marked: a stop between the two leaves the old rows, which the next rebuild finds again.
        await evaluations.RemoveFirstLayoutAsync(firstLayout, cancellationToken);
        LogRebuild(logger, older.Count, model.Version);
        return older.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Evaluation run: {Evaluated} subjects evaluated, {Failed} failed (model version {Version})")]
    static partial void LogRun(ILogger logger, int evaluated, int failed, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evaluation rebuild: {Count} subjects evaluated under an older model marked for version {Version}")]
    static partial void LogRebuild(ILogger logger, int count, int version);
}
