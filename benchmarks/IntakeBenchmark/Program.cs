using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Credit.Benchmarks;
using Credit.Calendar;
using Credit.Storage;
using Credit.Testing;

// The intake benchmark (README: "Benchmark"). Builds first: `dotnet build Serverless.sln -c Release`.
//   1. ceiling: N penalty entities written straight to a table of this Azurite with batch transactions, 4 in flight;
//   2. real path: the same N rows as a CSV upload through the local runtime, upload → report;
//      --repeat rounds, each on a fresh Azurite with both measured one after the other; the median of the rounds' ratios;
//   3. memory: the runtime's peak working set ingesting a small and a 10× larger file (Azurite in memory).
// Each runtime ingests a small file first, untimed: an instance in service has its code compiled (tiered JIT), and
// a cold process would add its compilation to the first file only.
var rows = Arguments.Int(args, "--rows", 100_000);
var repeat = Arguments.Int(args, "--repeat", 3);
var small = Arguments.Int(args, "--memory-small", 30_000);
var large = Arguments.Int(args, "--memory-large", 300_000);

Console.WriteLine($"Intake benchmark: {rows:N0} penalty rows, {repeat} rounds; memory {small:N0} vs {large:N0} rows; {Environment.ProcessorCount} cores");
var department = Rows.DepartmentCode(901);
var ratios = new List<double>();
var (ceilings, realPaths) = (new List<double>(), new List<double>());
for (var round = 1; round <= repeat; round++)
{
    // Each round on a fresh Azurite: its inserts slow as a table grows, and both sides meet the same empty store.
    await using var azurite = await StartAzuriteAsync();
    var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
    await TestStorage.RegisterDepartmentAsync(storage, department, "基准测试局");
    await using var runtime = await Ingest.StartWarmAsync(azurite, storage, department, "throughput");
    var (azuriteBefore, runtimeBefore) = (azurite.ProcessorTime, runtime.ProcessorTime);
    var ceiling = await Ceiling.MeasureAsync(storage, Rows.DepartmentCode(900), rows);
    var (azuriteCeiling, runtimeCeiling) = (azurite.ProcessorTime, runtime.ProcessorTime);
    var realPath = await Ingest.RunAsync(storage, department, "throughput", rows);
    ceilings.Add(rows / ceiling.TotalSeconds);
    realPaths.Add(rows / realPath.TotalSeconds);
    ratios.Add(realPaths[^1] / ceilings[^1]);
    Console.WriteLine($"round {round}   ceiling {ceiling.TotalSeconds,6:F1} s {ceilings[^1],7:N0} rows/s   real path (upload → report) {realPath.TotalSeconds,6:F1} s {realPaths[^1],7:N0} rows/s   {ratios[^1],5:P0}");
    Console.WriteLine($"          processor time: ceiling Azurite {(azuriteCeiling - azuriteBefore).TotalSeconds,5:F1} s, runtime (idle) {(runtimeCeiling - runtimeBefore).TotalSeconds,5:F1} s;"
        + $" real path Azurite {(azurite.ProcessorTime - azuriteCeiling).TotalSeconds,5:F1} s, runtime {(runtime.ProcessorTime - runtimeCeiling).TotalSeconds,5:F1} s");
}

Console.WriteLine($"ceiling   median {Median(ceilings),7:N0} rows/s: {rows:N0} entities straight to a table, batches of 100, 4 in flight");
Console.WriteLine($"real path median {Median(realPaths),7:N0} rows/s: {rows:N0} rows uploaded and ingested through the local runtime, until the report");
Console.WriteLine($"ratio     real path / ceiling, median of the rounds = {Median(ratios):P0} (target ≥ 85%)");

await using (var azurite = await StartAzuriteAsync())
{
    var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
    var memoryDepartment = Rows.DepartmentCode(902);
    await TestStorage.RegisterDepartmentAsync(storage, memoryDepartment, "内存测试局");
    var smallPeak = await Ingest.PeakAsync(azurite, storage, memoryDepartment, "memory-small", small);
    var largePeak = await Ingest.PeakAsync(azurite, storage, memoryDepartment, "memory-large", large);
    Console.WriteLine($"memory    peak working set: {small,9:N0} rows {smallPeak / 1048576.0,7:F0} MiB; {large,9:N0} rows {largePeak / 1048576.0,7:F0} MiB");
    Console.WriteLine($"ratio     large / small = {(double)largePeak / smallPeak:F2} (target ≤ 1.20)");
}

static async Task<AzuriteProcess> StartAzuriteAsync()
{
    var azurite = new AzuriteProcess();
    await azurite.StartAsync();
    await StorageClients.FromConnectionString(azurite.ConnectionString).EnsureCreatedAsync();
    return azurite;
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

namespace Credit.Benchmarks
{
    static class Arguments
    {
        public static int Int(string[] args, string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }
    }

    /// <summary>The baseline: the table itself, written with batch transactions and nothing of the product's path.</summary>
    static class Ceiling
    {
        public static async Task<TimeSpan> MeasureAsync(StorageClients storage, string department, int count)
        {
            var today = BeijingTime.Today(TimeProvider.System);
            var now = DateTimeOffset.UtcNow;
            var cipher = await TestStorage.DataKeys(storage).CipherAsync();
            var batches = Enumerable.Range(1, count)
                .Select(i => Rows.Record(Rows.Penalty($"基准罚〔2024〕{i}号", department: department), department, today, i + 1))
                .Select(r => RecordEntity.From(r, "ceiling", 1, now, cipher))
                .GroupBy(e => e.PartitionKey)
                .SelectMany(g => g.Chunk(100))
                .ToList();
            var table = storage.Table("BenchmarkCeiling");
            await table.CreateIfNotExistsAsync();
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, ct) =>
                await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), ct));
            var elapsed = clock.Elapsed;
            // The real path follows on the same Azurite: it meets the store as the ceiling did, not 100,000 entities larger.
            await table.DeleteAsync();
            return elapsed;
        }
    }

    /// <summary>The real path: a CSV dropped into uploads/ of a warm runtime process, timed until its report is written.</summary>
    static class Ingest
    {
        const int WarmUpRows = 10_000;

        /// <summary>
        /// The scheduled runs are turned off (the host's AzureWebJobs.{name}.Disabled): a disclosure run at the quarter
        /// hour, or a daily run, falling inside a round would take the cores the ingestion is measured on.
        /// </summary>
        static readonly Dictionary<string, string> ScheduledRunsOff = new[] { "DisclosureRun", "SignalDrain", "ReconcileRun", "PurgeRun", "StatisticsRun", "ExpiryRun", "DeadlineRun", "ExchangePull", "ExchangeExport" }
            .ToDictionary(name => $"AzureWebJobs.{name}.Disabled", _ => "true");

        /// <summary>A runtime process that has ingested a small file (two chunks), untimed.</summary>
        public static async Task<RuntimeProcess> StartWarmAsync(AzuriteProcess azurite, StorageClients storage, string department, string name)
        {
            var runtime = await RuntimeProcess.StartAsync(azurite.ConnectionString, "Bench" + name.Replace("-", "", StringComparison.Ordinal), FreePort.Next(), ScheduledRunsOff);
            await RunAsync(storage, department, name + "-warm-up", WarmUpRows);
            return runtime;
        }

        /// <summary>The runtime's peak working set ingesting one file (after its warm-up).</summary>
        public static async Task<long> PeakAsync(AzuriteProcess azurite, StorageClients storage, string department, string name, int count)
        {
            await using var runtime = await StartWarmAsync(azurite, storage, department, name);
            await RunAsync(storage, department, name, count);
            return runtime.PeakWorkingSetBytes;
        }

        public static async Task<TimeSpan> RunAsync(StorageClients storage, string department, string name, int count)
        {
            var file = Path.Combine(Path.GetTempPath(), $"credit-benchmark-{name}.csv");
            await WriteCsvAsync(file, department, name, count);
            var report = storage.Container(StorageNames.ResultsContainer).GetBlobClient($"{department}/{name}.csv.report.json");
            var clock = Stopwatch.StartNew();
            await storage.Container(StorageNames.UploadsContainer).GetBlobClient($"{department}/{name}.csv").UploadAsync(file, overwrite: true);
            // A report is whole once it carries the id of the ingestion that wrote it.
            while (!await report.ExistsAsync() || !(await report.GetPropertiesAsync()).Value.Metadata.ContainsKey(Credit.Intake.IntakeService.ReportInstanceMetadata))
            {
                await Task.Delay(250);
            }

            var elapsed = clock.Elapsed;
            File.Delete(file);
            var text = (await report.DownloadContentAsync()).Value.Content.ToString();
            if (!text.Contains($"\"accepted\": {count}", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The {name} upload did not accept all {count} rows:\n{text[..Math.Min(text.Length, 2000)]}");
            }

            return elapsed;
        }

        static async Task WriteCsvAsync(string path, string department, string prefix, int count)
        {
            await using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
            var header = Rows.Penalty("x", department: department);
            await writer.WriteAsync(Rows.Csv([header]).Split("\r\n")[0] + "\r\n");
            for (var i = 1; i <= count; i++)
            {
                var line = Rows.Csv([Rows.Penalty($"{prefix}〔2024〕{i}号", department: department)]).Split("\r\n")[1];
                await writer.WriteAsync(line + "\r\n");
            }
        }
    }
}
