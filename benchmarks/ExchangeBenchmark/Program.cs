using System.Diagnostics;
using System.Globalization;
using System.Text;
using Credit.Disclosure;
using Credit.Exchange;
using Credit.Storage;
using Credit.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

// The exchange benchmark (issue 19; README "Benchmark"), on one in-memory Azurite:
//   (a) import: N entries of the national platform's 失信被执行人 list (default 1,000,000) in one CSV file, imported by
//       the app's import (ExchangeImport, composed as the Event Grid trigger runs it), beside the ceiling: the rows the
//       import stores for them (entry, subject pointer, publication mark) written straight to a table with batch
//       transactions, 4 in flight, measured first in the same run;
//   (b) the credit check (GET /api/subjects/{code}/credit-check on the local runtime) with those entries present, under
//       the disclosure benchmark's public-query load, beside a bare endpoint doing the same reads and writes (the same
//       CreditCheck, in process) under the same load: p99 compared.
var entries = args.Length == 2 && args[0] == "--entries" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
const int PublicSubjects = 1000;
const int PublicConcurrency = 8;
const int CheckConcurrency = 2;
var duration = TimeSpan.FromSeconds(30);
var department = Rows.DepartmentCode(960);
var source = ExchangeSources.Seed.Single(s => s.Code == "NATIONAL");
Console.WriteLine($"Exchange benchmark: {entries:N0} national entries; {Environment.ProcessorCount} cores");

await using var azurite = new AzuriteProcess();
await azurite.StartAsync();
var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
await storage.EnsureCreatedAsync();
var clock = TimeProvider.System;
string Code(int i) => Rows.DepartmentCode(100_000 + i);
string CsvOf(int from, int count)
{
    var csv = new StringBuilder("来源编号,名单种类,主体名称,主体代码,认定单位,认定文书号,列入日期\r\n");
    for (var i = from; i < from + count; i++)
    {
        csv.Append(CultureInfo.InvariantCulture, $"N-{i},SXBZXR,交换基准测试{i}有限公司,{Code(i)},北京市第一中级人民法院,（2026）京01执{i}号,2026-01-05\r\n");
    }

    return csv.ToString();
}

ImportedEntry Entry(int i) => new(source.Code, $"N-{i}", "SXBZXR", Credit.Lists.ListType.Black, Code(i), Code(i), $"交换基准测试{i}有限公司", Credit.Lists.SubjectKind.LegalPerson,
    "北京市第一中级人民法院", null, $"（2026）京01执{i}号", null, new DateOnly(2026, 1, 5), null, null, true, source.Version);

// (a) The ceiling first, on its own table, then deleted: the import meets the store as the ceiling did. Both after an
// untimed warm-up of the same writes (10,000 entries), so neither pays for a cold Azurite or a cold JIT.
async Task<(TimeSpan Elapsed, TimeSpan AzuriteProcessor)> CeilingAsync(string table, int from, int count)
{
    var ceilingTable = storage.Table(table);
    await ceilingTable.CreateIfNotExistsAsync();
    var batches = Enumerable.Range(from, count).Select(Entry).Chunk(33).Select(batch => batch.SelectMany(ImportedEntryStore.NewEntryRows).ToList()).ToList();
    var azuriteStart = azurite.ProcessorTime;
    var timed = Stopwatch.StartNew();
    await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, ct) => await ceilingTable.SubmitTransactionAsync(batch, ct));
    var result = (timed.Elapsed, azurite.ProcessorTime - azuriteStart);
    await ceilingTable.DeleteAsync();
    return result;
}

await CeilingAsync("BenchmarkWarmUp", entries, 10_000);
var warmUp = storage.Container(StorageNames.ExchangeContainer).GetBlobClient("in/NATIONAL/warm-up.csv");
await warmUp.UploadAsync(BinaryData.FromString(CsvOf(entries, 10_000)), overwrite: true);
await TestStorage.ExchangeImport(storage, clock).ImportAsync(source, warmUp, "warm-up.csv", CancellationToken.None);
var (ceiling, azuriteCeiling) = await CeilingAsync("BenchmarkCeiling", 0, entries);
GC.Collect();

var blob = storage.Container(StorageNames.ExchangeContainer).GetBlobClient("in/NATIONAL/national-benchmark.csv");
await blob.UploadAsync(BinaryData.FromString(CsvOf(0, entries)), overwrite: true);
GC.Collect();
var processBefore = Process.GetCurrentProcess().TotalProcessorTime;
var azuriteBefore = azurite.ProcessorTime;
var watch = Stopwatch.StartNew();
var report = await TestStorage.ExchangeImport(storage, clock).ImportAsync(source, blob, "national-benchmark.csv", CancellationToken.None);
var realPath = watch.Elapsed;
Console.WriteLine($"ceiling     {ceiling.TotalSeconds,6:F1} s {entries / ceiling.TotalSeconds,8:N0} entries/s: their {3 * entries:N0} rows straight to a table, batches of 99, 4 in flight (Azurite processor {azuriteCeiling.TotalSeconds:F1} s)");
Console.WriteLine($"real path   {realPath.TotalSeconds,6:F1} s {entries / realPath.TotalSeconds,8:N0} entries/s: the CSV read, checked and stored by the import; {report.Created:N0} created, {report.Rejected:N0} refused"
    + $" (Azurite processor {(azurite.ProcessorTime - azuriteBefore).TotalSeconds:F1} s, import {(Process.GetCurrentProcess().TotalProcessorTime - processBefore).TotalSeconds:F1} s)");
Console.WriteLine($"import / ceiling = {ceiling / realPath:P0} (target ≥ 50%)");

// (b) The public query's load of the disclosure benchmark, and credit checks beside it, with those entries present.
var publicCodes = Enumerable.Range(0, PublicSubjects).Select(i => Rows.DepartmentCode(20_000 + i)).ToList();
await new PublicStore(storage).PublishAsync(
    [.. publicCodes.Select((code, i) => PublicEntry.From(Rows.Record(Rows.Penalty($"查询〔2024〕{i}号", subjectCode: code, department: department), department, new DateOnly(2024, 10, 9), i + 2), new DisclosureOptions()))],
    new DateOnly(2024, 10, 9), clock.GetUtcNow(), CancellationToken.None);
var key = await TestStorage.RegisterDepartmentAsync(storage, department, "北京市基准测试局");
// Half the subjects checked stand on the imported list, half on none.
var checkedCodes = Enumerable.Range(0, 1000).Select(i => i % 2 == 0 ? Code(i * (entries / 1000)) : Rows.DepartmentCode(40_000 + i)).ToList();

await using var runtime = await RuntimeProcess.StartAsync(azurite.ConnectionString, "ExchangeHub", FreePort.Next(), new Dictionary<string, string>
{
    ["PublicApi__PermitsPerMinute"] = "100000000",
    ["PublicApi__Burst"] = "1000000",
    ["Logging__LogLevel__Default"] = "Warning",
    ["AzureWebJobs.DisclosureRun.Disabled"] = "true",
    ["AzureWebJobs.SignalDrain.Disabled"] = "true",
    ["AzureWebJobs.StatisticsRun.Disabled"] = "true",
});
var barePort = FreePort.Next();
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls($"http://127.0.0.1:{barePort}");
var bare = builder.Build();
var check = TestStorage.CreditCheck(storage, clock);
bare.MapGet("/bare/{code}/credit-check", async (string code, CancellationToken ct) =>
    Results.Json(await check.CheckAsync(code, department, null, ct)));
await bare.StartAsync();

async Task<LoadResult> UnderPublicLoadAsync(Uri checks)
{
    var load = HttpLoad.RunAsync(new Uri(runtime.BaseAddress, "api/public/subjects/"), publicCodes, PublicConcurrency, duration);
    var measured = await HttpLoad.RunAsync(checks, [.. checkedCodes.Select(c => $"{c}/credit-check?department={department}")], CheckConcurrency, duration, key);
    Console.WriteLine($"  public query load: {(await load).Describe(duration)}");
    return measured;
}

Console.WriteLine("credit check API, under the public query's load:");
var api = await UnderPublicLoadAsync(new Uri(runtime.BaseAddress, "api/subjects/"));
Console.WriteLine($"  credit check API : {api.Describe(duration)}");
Console.WriteLine("bare endpoint (the same CreditCheck in process), under the same load:");
var baseline = await UnderPublicLoadAsync(new Uri($"http://127.0.0.1:{barePort}/bare/"));
Console.WriteLine($"  bare endpoint    : {baseline.Describe(duration)}");
await bare.StopAsync();
Console.WriteLine($"p99 credit check API / bare endpoint = {api.P99 / baseline.P99:F2} (target ≤ 1.50), with {entries:N0} imported entries present");
