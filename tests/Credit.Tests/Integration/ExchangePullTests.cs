using System.Net;
using System.Text;
using Credit.Calendar;
using Credit.Exchange;
using Credit.Quarantine;
using Credit.Statistics;
using Credit.Storage;
using Credit.Testing;
using Credit.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Credit.Tests.Integration;

/// <summary>
/// Sources that publish their file at a URL (issue 19): fetched into exchange/in/{source}/, not fetched again while
/// unchanged, and one endpoint that fails holds back no other. The endpoints are a listener on 127.0.0.1.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class ExchangePullTests(Azurite azurite)
{
    readonly StorageClients storage = StorageClients.FromConnectionString(azurite.ConnectionString);

    const string Csv = "来源编号,名单种类,主体名称,主体代码,认定单位,列入日期\r\nP-1,HEI,拉取测试有限公司,91110105MA01EXCH7T,测试认定单位,2026-01-10\r\n";

    /// <summary>/list.csv answers with an ETag and 304 when it is sent back; /down.csv fails.</summary>
    static async Task ServeAsync(HttpListener listener, List<string> requests)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var path = context.Request.Url!.AbsolutePath;
            lock (requests)
            {
                requests.Add($"{path} {context.Request.Headers["If-None-Match"]}");
            }

            using var response = context.Response;
            if (path == "/down.csv")
            {
                response.StatusCode = 500;
            }
            else if (context.Request.Headers["If-None-Match"] == "\"v1\"")
            {
                response.StatusCode = 304;
            }
            else
            {
                response.Headers["ETag"] = "\"v1\"";
                var body = Encoding.UTF8.GetBytes(Csv);
                await response.OutputStream.WriteAsync(body);
            }
        }
    }

    [Fact]
    public async Task A_published_file_is_fetched_once_while_unchanged_and_a_failing_endpoint_holds_back_no_other()
    {
        await storage.EnsureCreatedAsync();
        var port = FreePort.Next();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var requests = new List<string>();
        var serving = ServeAsync(listener, requests);

        var sources = new ExchangeSources(storage);
        ExchangeSource Source(string code, string path) =>
            new(code, 0, "拉取测试来源", "Pull test source", [new ExchangeListKind("HEI", "严重失信主体名单", Credit.Lists.ListType.Black, true, [])], false, new Uri($"http://127.0.0.1:{port}/{path}"));
        await sources.AddAsync(Source("PULL-OK", "list.csv"));
        await sources.AddAsync(Source("PULL-DOWN", "down.csv"));
        var clock = new ShiftedClock(new DateTimeOffset(2026, 12, 1, 17, 10, 0, TimeSpan.Zero));
        var quarantine = new QuarantineStore(storage, new StatisticsLedger(storage), clock);
        using var http = new HttpClient();
        var pull = new ExchangePull(http, sources, storage, quarantine, clock, NullLogger<ExchangePull>.Instance);
        try
        {
            Assert.Equal(new ExchangePullResult(1, 0, 1), await pull.RunAsync(CancellationToken.None));
            var pulled = await Pulled("PULL-OK");
            Assert.Equal(["in/PULL-OK/pulled-20261201T171000Z.csv"], pulled);
            Assert.Equal(Csv, (await storage.Container(StorageNames.ExchangeContainer).GetBlobClient(pulled[0]).DownloadContentAsync()).Value.Content.ToString());
            var failure = Assert.Single(await quarantine.ListAsync(CancellationToken.None), q => q.Run == ExchangePull.RunName && q.Item == "PULL-DOWN");
            Assert.Contains("500", failure.Reason, StringComparison.Ordinal);

            // The next day: the file has not changed (its ETag sent back, 304), nothing new lands; the failing one fails again.
            Assert.Equal(new ExchangePullResult(0, 1, 1), await pull.RunAsync(CancellationToken.None));
            Assert.Single(await Pulled("PULL-OK"));
            Assert.Contains("/list.csv \"v1\"", requests);
        }
        finally
        {
            // Retired: the runtimes of other tests on this storage pull no endpoint that is gone.
            await sources.ReviseAsync("PULL-OK", s => s.AsVersion(s.Version, retired: true));
            await sources.ReviseAsync("PULL-DOWN", s => s.AsVersion(s.Version, retired: true));
            listener.Stop();
            await serving;
        }
    }

    async Task<List<string>> Pulled(string source)
    {
        var names = new List<string>();
        await foreach (var blob in storage.Container(StorageNames.ExchangeContainer).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"in/{source}/", CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
