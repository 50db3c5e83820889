using System.Diagnostics;
using Credit.Benchmarks;
using Credit.Calendar;
using Credit.Disclosure;
using Credit.Testing;
using Microsoft.Extensions.Options;

// The disclosure benchmarks (README: "Benchmark"):
//   (a) a run over a table of 100,000 records of which 1,000 are due, beside a run over a table of only those
//       1,000; what the storage clients return is counted;
//   (b) the public query under a 30-second load from 127.0.0.1, beside a bare endpoint issuing the same
//       storage read (one partition query), p99 latency compared.
const int Total = 100_000;
const int Due = 1_000;
var clock = new ShiftedClock(new DateTimeOffset(2024, 10, 9, 4, 0, 0, TimeSpan.Zero));
var department = Rows.DepartmentCode(950);

Console.WriteLine($"Disclosure benchmark: {Total:N0} records, {Due:N0} due; {Environment.ProcessorCount} cores");
var (bigTime, bigRead, bigPublished) = await MeasureAsync(Total);
Console.WriteLine($"run over {Total,7:N0} records: {bigTime.TotalMilliseconds,8:N0} ms, {bigRead,6:N0} entities read from storage, {bigPublished:N0} published");
var (smallTime, smallRead, smallPublished) = await MeasureAsync(Due);
Console.WriteLine($"run over {Due,7:N0} records: {smallTime.TotalMilliseconds,8:N0} ms, {smallRead,6:N0} entities read from storage, {smallPublished:N0} published");
Console.WriteLine($"entities read / due = {(double)bigRead / Due:F2} (target ≤ 1.50); published exactly {Due:N0}: {bigPublished == Due && smallPublished == Due}");
Console.WriteLine($"time, 100,000-record table / 1,000-record table = {bigTime / smallTime:F2}");
await PublicQuery.MeasureAsync(department, clock);

async Task<(TimeSpan Time, long Read, int Published)> MeasureAsync(int records)
{
    await using var azurite = new AzuriteProcess();
    await azurite.StartAsync();
    var counter = new EntityCounter();
    var storage = TestStorage.Observed(azurite.ConnectionString, counter);
    await storage.EnsureCreatedAsync();

    var store = TestStorage.Records(storage, clock);
    var schedule = new DisclosureSchedule(storage, Options.Create(new DisclosureOptions()));
    for (var start = 0; start < records; start += 5000)
    {
        var chunk = Enumerable.Range(start, Math.Min(5000, records - start))
            .Select(i => Rows.Record(Rows.Penalty($"基准披露〔2024〕{i}号", department: department), department, new DateOnly(2024, 10, 9), i + 2))
            .ToList();
        var saved = await store.SaveAsync(chunk, "benchmark", CancellationToken.None);
        // The last 1,000 are the ones due; the others were published long ago and wait for nothing.
        var due = saved.Changed.Where(r => r.SourceRow - 2 >= records - Due).ToList();
        await schedule.EnqueueAsync("benchmark", start / 5000, due, CancellationToken.None);
    }

    counter.Reset();
    var clockTime = Stopwatch.StartNew();
    var result = await TestStorage.DisclosureRun(storage, clock).RunAsync(CancellationToken.None);
    return (clockTime.Elapsed, counter.Entities, result.Published);
}
