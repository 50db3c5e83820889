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
//   3. memory: the runtime's peak working set ingesting a small and a 10× larger file (Azurite in memory).
var rows = Arguments.Int(args, "--rows", 100_000);
var small = Arguments.Int(args, "--memory-small", 30_000);
var large = Arguments.Int(args, "--memory-large", 300_000);

await using var azurite = new AzuriteProcess();
await azurite.StartAsync();
var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
await storage.EnsureCreatedAsync();
Console.WriteLine($"Intake benchmark: {rows:N0} penalty rows; memory {small:N0} vs {large:N0} rows; {Environment.ProcessorCount} cores");

var ceiling = await Ceiling.MeasureAsync(storage, Rows.DepartmentCode(900), rows);
Console.WriteLine($"ceiling   {rows,9:N0} entities straight to a table, batches of 100, 4 in flight: {ceiling.TotalSeconds,7:F1} s  {rows / ceiling.TotalSeconds,8:N0} rows/s");

var department = Rows.DepartmentCode(901);
await TestStorage.RegisterDepartmentAsync(storage, department, "基准测试局");
var (realPath, _) = await Ingest.RunAsync(azurite, storage, department, "throughput", rows);
Console.WriteLine($"real path {rows,9:N0} rows, upload → report through the local runtime:      {realPath.TotalSeconds,7:F1} s  {rows / realPath.TotalSeconds,8:N0} rows/s");
Console.WriteLine($"ratio     real path / ceiling = {ceiling.TotalSeconds / realPath.TotalSeconds:P0} (target ≥ 50%)");

var memoryDepartment = Rows.DepartmentCode(902);
await TestStorage.RegisterDepartmentAsync(storage, memoryDepartment, "内存测试局");
var (_, smallPeak) = await Ingest.RunAsync(azurite, storage, memoryDepartment, "memory-small", small);
var (_, largePeak) = await Ingest.RunAsync(azurite, storage, memoryDepartment, "memory-large", large);
Console.WriteLine($"memory    peak working set: {small,9:N0} rows {smallPeak / 1048576.0,7:F0} MiB; {large,9:N0} rows {largePeak / 1048576.0,7:F0} MiB");
Console.WriteLine($"ratio     large / small = {(double)largePeak / smallPeak:F2} (target ≤ 1.20)");

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
            var batches = Enumerable.Range(1, count)
                .Select(i => Rows.Record(Rows.Penalty($"基准罚〔2024〕{i}号", department: department), department, today, i + 1))
                .Select(r => RecordEntity.From(r, "ceiling", 1, now))
                .GroupBy(e => e.PartitionKey)
                .SelectMany(g => g.Chunk(100))
                .ToList();
            var table = storage.Table("BenchmarkCeiling");
            await table.CreateIfNotExistsAsync();
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, ct) =>
                await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), ct));
            var elapsed = clock.Elapsed;
            await table.DeleteAsync();
            return elapsed;
        }
    }

    /// <summary>The real path: a fresh runtime process, a CSV dropped into uploads/, timed until its report is written.</summary>
    static class Ingest
    {
        public static async Task<(TimeSpan Elapsed, long PeakWorkingSet)> RunAsync(AzuriteProcess azurite, StorageClients storage, string department, string name, int count)
        {
            var file = Path.Combine(Path.GetTempPath(), $"credit-benchmark-{name}.csv");
            await WriteCsvAsync(file, department, name, count);
            await using var runtime = await RuntimeProcess.StartAsync(azurite.ConnectionString, "Bench" + name.Replace("-", "", StringComparison.Ordinal), FreePort.Next());
            var report = storage.Container(StorageNames.ResultsContainer).GetBlobClient($"{department}/{name}.csv.report.json");
            var clock = Stopwatch.StartNew();
            await storage.Container(StorageNames.UploadsContainer).GetBlobClient($"{department}/{name}.csv").UploadAsync(file, overwrite: true);
            // A report is whole once it carries the id of the ingestion that wrote it.
            while (!await report.ExistsAsync() || !(await report.GetPropertiesAsync()).Value.Metadata.ContainsKey(Credit.Intake.IntakeService.ReportInstanceMetadata))
            {
                await Task.Delay(100);
            }

            var elapsed = clock.Elapsed;
            var peak = runtime.PeakWorkingSetBytes;
            File.Delete(file);
            var text = (await report.DownloadContentAsync()).Value.Content.ToString();
            if (!text.Contains($"\"accepted\": {count}", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The {name} upload did not accept all {count} rows:\n{text[..Math.Min(text.Length, 2000)]}");
            }

            return (elapsed, peak);
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
