using System.Diagnostics;
using System.Globalization;
using System.Net;
using Credit.Benchmarks;
using Credit.Lists;
using Credit.Measures;
using Credit.Storage;
using Credit.Testing;

// The joint-case benchmark (README: "Benchmark"). Builds first: `dotnet build Serverless.sln -c Release`.
//   1. ceiling: N bare orchestrations on the same durable engine and Azurite, shaped like a case — the same
//      activities (4) and external events (3 feedback, 1 expiry, 3 acknowledgements);
//   2. real path: N black-list entries over HTTP through the local runtime, 3 implementing departments each:
//      initiation → pushes → feedback → in effect; the clock moved past the period → expiry run → lifts →
//      acknowledgements → completed, each department's system reading its notice queue meanwhile (push, lift).
//      The restart that moves the clock is not counted.
var cases = Arguments.Int(args, "--cases", 1_000);
await using var azurite = new AzuriteProcess();
await azurite.StartAsync();
var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
await storage.EnsureCreatedAsync();
Console.WriteLine($"Joint-case benchmark: {cases:N0} cases, 3 implementing departments each; {Environment.ProcessorCount} cores");

var ceiling = await BareCases.MeasureAsync(azurite.ConnectionString, cases);
Console.WriteLine($"ceiling   {cases,6:N0} bare orchestrations (4 activities, 7 external events):         {ceiling.TotalSeconds,7:F1} s  {cases / ceiling.TotalSeconds,7:F1} cases/s");

var real = await RealCases.MeasureAsync(azurite, storage, cases);
Console.WriteLine($"real path {cases,6:N0} cases, entry → feedback → expiry → lifts → completed over HTTP: {real.TotalSeconds,7:F1} s  {cases / real.TotalSeconds,7:F1} cases/s");
Console.WriteLine($"ratio     real path / ceiling = {ceiling.TotalSeconds / real.TotalSeconds:P0} (target ≥ 50%)");

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

    /// <summary>The product's side: departments, a measures list of one measure per implementing department, the runtime.</summary>
    static class RealCases
    {
        static readonly string Initiator = Rows.DepartmentCode(950);
        static readonly string[] Implementers = [Rows.DepartmentCode(951), Rows.DepartmentCode(952), Rows.DepartmentCode(953)];

        public static async Task<TimeSpan> MeasureAsync(AzuriteProcess azurite, StorageClients storage, int count)
        {
            var keys = new Dictionary<string, string> { [Initiator] = await TestStorage.RegisterDepartmentAsync(storage, Initiator, "基准发起局") };
            var catalog = new MeasureCatalog(storage);
            await catalog.SeedAsync();
            foreach (var measure in MeasureCatalog.Seed)
            {
                await catalog.ReviseAsync(measure.Code, m => m with { Retired = true });
            }

            for (var i = 0; i < Implementers.Length; i++)
            {
                var name = $"基准实施局{i + 1}";
                keys[Implementers[i]] = await TestStorage.RegisterDepartmentAsync(storage, Implementers[i], name);
                await catalog.AddAsync(MeasureCatalog.Seed[0] with { Code = $"B0{i + 1}", Implementers = [name], ListTypes = [ListType.Black], Fields = [], SubjectKinds = [SubjectKind.LegalPerson], BindsResponsiblePersons = false });
            }

            var subjects = Enumerable.Range(0, count).Select(i => Rows.DepartmentCode(100_000 + i)).ToList();
            var caseIds = new string[count];
            var elapsed = TimeSpan.Zero;
            var caseTable = storage.Table(StorageNames.CasesTable);
            await using var departments = new NoticeReaders(storage, Implementers);
            await using (var runtime = await StartAsync(azurite, "2025-03-03"))
            {
                var started = Stopwatch.StartNew();
                await Concurrently.ForEachAsync(Enumerable.Range(0, count), async i =>
                {
                    using var api = new ProductApi(runtime.BaseAddress, keys[Initiator]);
                    var (status, body) = await api.PostJsonAsync("api/lists/black/entries", Entry(subjects[i], i));
                    caseIds[i] = status == HttpStatusCode.Created ? body.GetProperty("caseId").GetString()! : throw new InvalidOperationException(body.ToString());
                });
                await Progress.UntilAsync(caseTable, "State eq 'AwaitingFeedback'", count);
                await AnswerAsync(runtime, keys, count, (d, i) => ($"api/cases/{caseIds[i]}/feedback", new { measure = $"B0{d + 1}", target = subjects[i], outcome = "applied", date = "2025-03-03" }));
                await Progress.UntilAsync(caseTable, "State eq 'InEffect'", count);
                await departments.UntilReadAsync(count);
                elapsed += started.Elapsed;
            }

            // A month later (the restart that moves the clock is not counted): the expiry run ends every case.
            await using (var runtime = await StartAsync(azurite, "2025-04-04"))
            {
                var started = Stopwatch.StartNew();
                await Progress.UntilAsync(caseTable, "State eq 'Lifting'", count);
                await AnswerAsync(runtime, keys, count, (_, i) => ($"api/cases/{caseIds[i]}/lift-acknowledgements", new { }));
                await Progress.UntilAsync(caseTable, "State eq 'Completed'", count);
                await departments.UntilReadAsync(2 * count);
                elapsed += started.Elapsed;
            }

            return elapsed;
        }

        static object Entry(string subject, int i) => new
        {
            subjectCode = subject,
            subjectName = $"基准企业{i}",
            category = "基准失信",
            field = "环境保护",
            legalBasis = "基准依据",
            decisionDocument = $"基准罚〔2025〕{i}号",
            startDate = "2025-03-03",
            periodMonths = 1,
        };

        static Task<RuntimeProcess> StartAsync(AzuriteProcess azurite, string beijingDay) =>
            RuntimeProcess.StartAsync(azurite.ConnectionString, "CaseBenchHub", FreePort.Next(), new Dictionary<string, string>
            {
                ["Credit__Clock__Start"] = $"{beijingDay}T04:00:00Z",
                ["ExpirySchedule"] = "*/2 * * * * *",
                ["DeadlineSchedule"] = "*/2 * * * * *",
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__Microsoft.DurableTask.Worker.Orchestrations"] = "Warning",
            });

        /// <summary>Every implementing department answers every case (one request each), 8 requests at a time.</summary>
        static Task AnswerAsync(RuntimeProcess runtime, Dictionary<string, string> keys, int count, Func<int, int, (string Path, object Body)> answer) =>
            Concurrently.ForEachAsync(Enumerable.Range(0, count), async i =>
            {
                for (var d = 0; d < Implementers.Length; d++)
                {
                    using var api = new ProductApi(runtime.BaseAddress, keys[Implementers[d]]);
                    var (path, body) = answer(d, i);
                    var (status, response) = await api.PostJsonAsync(path, body);
                    if (status != HttpStatusCode.OK)
                    {
                        throw new InvalidOperationException($"{path}: {status} {response}");
                    }
                }
            });
    }

    /// <summary>
    /// How both sides know a phase is over: one filtered query of a table every second (the product's Cases
    /// table, the engine's Instances table), the same small cost on both sides.
    /// </summary>
    static class Progress
    {
        public static async Task UntilAsync(Azure.Data.Tables.TableClient table, string filter, int count)
        {
            while (true)
            {
                var done = 0;
                await foreach (var _ in table.QueryAsync<Azure.Data.Tables.TableEntity>(filter, select: ["PartitionKey"]))
                {
                    done++;
                }

                if (done >= count)
                {
                    return;
                }

                await Task.Delay(1000);
            }
        }
    }

    /// <summary>Both sides drive their cases 8 at a time.</summary>
    static class Concurrently
    {
        public static Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> body) =>
            Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, _) => await body(item));
    }
}
