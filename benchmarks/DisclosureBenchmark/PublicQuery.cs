using Credit.Disclosure;
using Credit.Storage;
using Credit.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Credit.Benchmarks;

/// <summary>(b): GET /api/public/subjects/{code} on the local runtime against a bare endpoint doing the same partition query.</summary>
public static class PublicQuery
{
    const int Subjects = 1000;
    const int Concurrency = 8;
    static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    public static async Task MeasureAsync(string department, TimeProvider clock)
    {
        await using var azurite = new AzuriteProcess();
        await azurite.StartAsync();
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        var store = new PublicStore(storage);
        var codes = Enumerable.Range(0, Subjects).Select(i => Rows.DepartmentCode(20_000 + i)).ToList();
        var entries = codes.Select((code, i) => PublicEntry.From(
            Rows.Record(Rows.Penalty($"查询〔2024〕{i}号", subjectCode: code, department: department), department, new DateOnly(2024, 10, 9), i + 2), new DisclosureOptions())).ToList();
        await store.PublishAsync(entries, new DateOnly(2024, 10, 9), clock.GetUtcNow(), CancellationToken.None);

        await using var runtime = await RuntimeProcess.StartAsync(azurite.ConnectionString, "QueryHub", FreePort.Next(), new Dictionary<string, string>
        {
            ["PublicApi__PermitsPerMinute"] = "100000000",
            ["PublicApi__Burst"] = "1000000",
            ["DisclosureSchedule"] = "0 0 0 1 1 *",
            ["Logging__LogLevel__Default"] = "Warning",
        });

        var barePort = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{barePort}");
        var bare = builder.Build();
        bare.MapGet("/bare/{code}", async (string code, CancellationToken ct) =>
        {
            var page = await store.SubjectAsync(code, 0, 20, ct);
            return page.Records.Count == 0 ? Results.NotFound() : Results.Json(new { records = page.Records, next = page.Next });
        });
        await bare.StartAsync();

        var api = await HttpLoad.RunAsync(new Uri(runtime.BaseAddress, "api/public/subjects/"), codes, Concurrency, Duration);
        var baseline = await HttpLoad.RunAsync(new Uri($"http://127.0.0.1:{barePort}/bare/"), codes, Concurrency, Duration);
        await bare.StopAsync();
        Console.WriteLine($"public API   : {api.Describe(Duration)}");
        Console.WriteLine($"bare endpoint: {baseline.Describe(Duration)}");
        Console.WriteLine($"p99 public API / bare endpoint = {api.P99 / baseline.P99:F2} (target ≤ 1.50)");
    }
}
