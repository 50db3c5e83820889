using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Credit.Calendar;
using Credit.Commitments;
using Credit.Evaluation;
using Credit.Quarantine;
using Credit.Statistics;
using Credit.Testing;
using Microsoft.Extensions.Logging.Abstractions;

// The evaluation benchmark (issue 21, item 4; README "Benchmark"), on one Azurite:
//   (a) after one change to one subject's items (a commitment of it broken), the evaluation run's storage requests,
//       each named by the table and partition it touches: only that subject's items, and the run's own marks;
//   (b) a full rebuild (the model's version changed) over N subjects (default 100,000), beside the ceiling: the same
//       partition reads the evaluation makes for each subject, with nothing computed or written, in the same run.
var subjects = args.Length == 2 && args[0] == "--subjects" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var department = Rows.DepartmentCode(970);
var clock = new ShiftedClock(new DateTimeOffset(2026, 6, 1, 4, 0, 0, TimeSpan.Zero));
Console.WriteLine($"Evaluation benchmark: {subjects:N0} subjects; {Environment.ProcessorCount} cores");

await using var azurite = new AzuriteProcess();
await azurite.StartAsync();
var log = new RequestLog();
var storage = TestStorage.Observed(azurite.ConnectionString, log);
await storage.EnsureCreatedAsync();
var commitments = new CommitmentStore(storage);
var marks = new EvaluationMarks(storage);
var evaluations = new EvaluationStore(storage);
var models = new EvaluationModelStore(storage, clock);
var standings = TestStorage.SubjectStandings(storage);
var run = new EvaluationRun(marks, evaluations, models, standings, new QuarantineStore(storage, new StatisticsLedger(storage), clock), clock, NullLogger<EvaluationRun>.Instance);

Commitment Take(int i)
{
    var draft = new CommitmentDraft(Rows.DepartmentCode(200_000 + i), "北京评价基准有限公司", "notification", $"评价基准许〔2026〕{i}号", "承诺", null, "2026-05-04", null, null);
    return new CommitmentValidator(Rows.SubjectKeys).Validate(department, draft, new DateOnly(2026, 5, 4)).Commitment!;
}

// Every subject takes a commitment (the write marks it); the runs evaluate them all under version 1.
var seeding = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, subjects), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) => await commitments.TakeAsync(Take(i), token));
while ((await run.RunAsync(int.MaxValue, CancellationToken.None)).Evaluated > 0)
{
}

Console.WriteLine($"seeded and evaluated {subjects:N0} subjects in {seeding.Elapsed.TotalSeconds:N0} s");

// (a) One change: subject 0's commitment broken. What does the evaluation run send to storage?
var changed = Take(0);
await commitments.RecordOutcomeAsync(changed, CommitmentStatus.Breached, new DateOnly(2026, 5, 20), "提供虚假材料");
log.Start();
var one = await run.RunAsync(int.MaxValue, CancellationToken.None);
var requests = log.Stop();
Console.WriteLine($"(a) one subject changed: {one.Evaluated} evaluated with {requests.Count} storage requests (target ≤ 10):");
foreach (var request in requests)
{
    Console.WriteLine($"      {request}");
}

var foreign = requests.Count(r => r.Contains("Commitments", StringComparison.Ordinal) && !r.Contains(changed.SubjectKey, StringComparison.Ordinal));
Console.WriteLine($"    requests naming another subject's commitments: {foreign}");

// (b) The ceiling: the reads the evaluation makes for every subject (the platforms once, then each subject's
// partitions), as many subjects at once as the run reads.
var keys = Enumerable.Range(0, subjects).Select(i => Take(i).SubjectKey).ToList();
var ceiling = Stopwatch.StartNew();
var platforms = await standings.PlatformsAsync(CancellationToken.None);
await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = EvaluationRun.SubjectsInFlight }, async (key, token) => await standings.ReadAsync(key, platforms, token));

ceiling.Stop();
await models.AdoptAsync(EvaluationModel.Default with { BrokenCommitment = 20 }, "benchmark", CancellationToken.None);
var rebuild = Stopwatch.StartNew();
var marked = await run.RebuildAsync(CancellationToken.None);
var evaluated = 0;
while ((await run.RunAsync(int.MaxValue, CancellationToken.None)).Evaluated is var count && count > 0)
{
    evaluated += count;
}

rebuild.Stop();
Console.WriteLine($"(b) ceiling, the same reads: {subjects / ceiling.Elapsed.TotalSeconds,8:N0} subjects/s ({ceiling.Elapsed.TotalSeconds:N1} s)");
Console.WriteLine($"    rebuild under version 2: {evaluated / rebuild.Elapsed.TotalSeconds,8:N0} subjects/s ({rebuild.Elapsed.TotalSeconds:N1} s; {marked:N0} marked, {evaluated:N0} evaluated)");
Console.WriteLine($"    rebuild / ceiling = {evaluated / rebuild.Elapsed.TotalSeconds / (subjects / ceiling.Elapsed.TotalSeconds):P0} (target ≥ 50%)");

/// <summary>Names each storage request while started: method, table or container, and its partition or query.</summary>
sealed class RequestLog : HttpPipelinePolicy
{
    readonly System.Collections.Concurrent.ConcurrentQueue<string> seen = new();
    volatile bool on;

    public void Start()
    {
        seen.Clear();
        on = true;
    }

    public List<string> Stop()
    {
        on = false;
        return [.. seen];
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Note(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Note(message);
        return ProcessNextAsync(message, pipeline);
    }

    void Note(HttpMessage message)
    {
        if (on)
        {
            var uri = message.Request.Uri.ToUri();
            seen.Enqueue($"{message.Request.Method} {Uri.UnescapeDataString(uri.AbsolutePath)}{Uri.UnescapeDataString(uri.Query)}");
        }
    }
}
