using System.Diagnostics;
using System.Net;

namespace Credit.Testing;

/// <summary>Latencies of one load: requests made, median and 99th percentile in milliseconds, answers that were not 200.</summary>
public sealed record LoadResult(int Requests, double P50, double P99, int Errors)
{
    public string Describe(TimeSpan duration) =>
        $"{Requests,7:N0} requests in {duration.TotalSeconds:F0} s ({Requests / duration.TotalSeconds,6:N0}/s), p50 {P50:F1} ms, p99 {P99:F1} ms, errors {Errors}";
}

/// <summary>
/// A bounded load for the benchmarks: <c>concurrency</c> loops on loopback for <c>duration</c>, each GETting a random one
/// of <c>paths</c> under <c>prefix</c> (with an API key when given), after 50 requests that warm up the server and the connections.
/// </summary>
public static class HttpLoad
{
    public static async Task<LoadResult> RunAsync(Uri prefix, IReadOnlyList<string> paths, int concurrency, TimeSpan duration, string? apiKey = null)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { Timeout = TimeSpan.FromSeconds(10) };
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        for (var i = 0; i < 50; i++)
        {
            using var _ = await http.GetAsync(new Uri(prefix, paths[i % paths.Count]));
        }

        var latencies = new List<double>[concurrency];
        var errors = 0;
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var own = latencies[worker] = [];
            var random = new Random(worker);
            while (stop.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(new Uri(prefix, paths[random.Next(paths.Count)]));
                await response.Content.ReadAsByteArrayAsync();
                own.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToList();
        return new LoadResult(all.Count, all[all.Count / 2], all[(int)(all.Count * 0.99)], errors);
    }
}
