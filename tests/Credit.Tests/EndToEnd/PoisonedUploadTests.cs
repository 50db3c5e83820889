using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Credit.Storage;
using Credit.Testing;

namespace Credit.Tests.EndToEnd;

/// <summary>
/// A department uploads a file with every kind of poison row beside good rows; another department's clean file
/// comes after it. Both are ingested, and one disclosure run publishes the good rows of the one and the whole file of
/// the other, on time; each poison row is in the report with its row, column and reason, and the runs quarantine nothing.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class PoisonedUploadTests : IAsyncLifetime
{
    static readonly string Poisoner = Rows.DepartmentCode(611);
    static readonly string Neighbour = Rows.DepartmentCode(612);
    readonly AzuriteProcess azurite = new();
    StorageClients storage = null!;
    string poisonerKey = null!;
    string neighbourKey = null!;

    public async Task InitializeAsync()
    {
        await azurite.StartAsync();
        storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        poisonerKey = await TestStorage.RegisterDepartmentAsync(storage, Poisoner, "北京市投毒测试局");
        neighbourKey = await TestStorage.RegisterDepartmentAsync(storage, Neighbour, "北京市邻居测试局");
    }

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    /// <summary>Every kind of poison a row can carry, with the code its report line must name.</summary>
    static readonly (string Column, string Value, string Code)[] Poisons =
    [
        ("行政相对人名称", "北京A/B公司\u001F", "FORBIDDEN_CHARACTER"),
        ("行政相对人名称", "北京\u0007公司", "FORBIDDEN_CHARACTER"),
        ("行政相对人名称", "北京\u202E司公", "FORBIDDEN_CHARACTER"),
        ("行政相对人名称", "北京\n公司", "FORBIDDEN_CHARACTER"),
        ("行政相对人名称", new string('京', 201), "TOO_LONG"),
        ("违法事实", new string('x', 40_000), "TOO_LONG"),
        ("罚款金额(万元)", "110101197511117892", "AMOUNT_TOO_LARGE"),
        ("罚款金额(万元)", "1.1234567", "INVALID_AMOUNT"),
        ("处罚决定日期", "9999-12-31", "INVALID_DATE"),
        ("处罚决定日期", "1900-01-01", "INVALID_DATE"),
        ("统一社会信用代码", "91110000600037341X", "*"),
        ("处罚类别", "罚款;=cmd", "INVALID_PENALTY_CATEGORY"),
    ];

    static Dictionary<string, string> Penalty(string department, string document, string decided = "2024-10-08")
    {
        var row = Rows.Penalty(document, department: department);
        row["处罚决定日期"] = decided;
        return row;
    }

    [Fact]
    public async Task A_poisoned_file_holds_back_no_one_and_its_good_rows_are_published_with_the_neighbours()
    {
        var settings = new Dictionary<string, string> { ["Credit__Clock__Start"] = "2024-10-08T04:00:00Z", ["DisclosureSchedule"] = "0 0 0 1 1 *" };
        var good = new[] { Penalty(Poisoner, "投毒〔2024〕101号"), Penalty(Poisoner, "投毒〔2024〕102号") };
        // The name that once stopped every department's disclosure ('/' in a table key), and a formula for the spreadsheet.
        good[0]["行政相对人名称"] = "北京A/B公司";
        good[1]["备注"] = "=HYPERLINK(\"http://x\")";
        var poisoned = Poisons.Select((p, i) =>
        {
            var row = Penalty(Poisoner, $"投毒〔2024〕{i + 1}号");
            row[p.Column] = p.Value;
            return row;
        }).ToList();
        var rows = new List<Dictionary<string, string>> { good[0] };
        rows.AddRange(poisoned);
        rows.Add(good[1]);
        // A broken quote on the last line swallows nothing before it and is named by its line.
        var poisonFile = Encoding.UTF8.GetBytes(Rows.Csv(rows) + "\"北京未闭合公司,自然人\r\n");
        var cleanFile = Encoding.UTF8.GetBytes(Rows.Csv([Penalty(Neighbour, "邻居〔2024〕1号"), Penalty(Neighbour, "邻居〔2024〕2号")]));

        // Both files ingested while no disclosure run is due, so that the next run is the one that meets both.
        await using (var ingesting = await RuntimeProcess.StartAsync(azurite.ConnectionString, "PoisonHub", FreePort.Next(), settings))
        {
            using var poisoner = new ProductApi(ingesting.BaseAddress, poisonerKey);
            using var neighbour = new ProductApi(ingesting.BaseAddress, neighbourKey);
            await poisoner.UploadAsync(Poisoner, "poison.csv", poisonFile);
            await neighbour.UploadAsync(Neighbour, "clean.csv", cleanFile);
            var poisonStatus = await poisoner.WaitForUploadAsync(Poisoner, "poison.csv", TimeSpan.FromSeconds(60), poisonFile);
            var cleanStatus = await neighbour.WaitForUploadAsync(Neighbour, "clean.csv", TimeSpan.FromSeconds(60), cleanFile);
            Assert.Equal(("completed", 2), (poisonStatus.GetProperty("state").GetString(), poisonStatus.GetProperty("summary").GetProperty("counts").GetProperty("accepted").GetInt32()));
            Assert.Equal(("completed", 2), (cleanStatus.GetProperty("state").GetString(), cleanStatus.GetProperty("summary").GetProperty("counts").GetProperty("accepted").GetInt32()));

            var report = await poisoner.Http.GetFromJsonAsync<JsonElement>(new Uri($"api/uploads/{Poisoner}/poison.csv/report", UriKind.Relative));
            var rejected = report.GetProperty("rejectedRows").EnumerateArray().ToList();
            for (var i = 0; i < Poisons.Length; i++)
            {
                var row = i + 3; // header, the first good row
                Assert.Contains(rejected, e => e.GetProperty("row").GetInt32() == row
                    && (Poisons[i].Code == "*" || e.GetProperty("code").GetString() == Poisons[i].Code)
                    && e.GetProperty("column").GetString() == Poisons[i].Column);
            }

            Assert.Contains(rejected, e => e.GetProperty("code").GetString() == "BROKEN_QUOTING" && e.GetProperty("row").GetInt32() == Poisons.Length + 4);
        }

        settings["DisclosureSchedule"] = "*/2 * * * * *";
        await using var publishing = await RuntimeProcess.StartAsync(azurite.ConnectionString, "PoisonHub", FreePort.Next(), settings);
        using var neighbourApi = new ProductApi(publishing.BaseAddress, neighbourKey);
        using var poisonerApi = new ProductApi(publishing.BaseAddress, poisonerKey);
        // One run publishes the two departments' batches one after the other: wait for both, not for whichever comes first.
        var listing = await PublishedAsync(neighbourApi, Neighbour);
        var poisonerListing = await PublishedAsync(poisonerApi, Poisoner);

        // Both files' good rows published on time, and no run failed on any of them (the quarantine is empty below).
        Assert.All(listing.GetProperty("items").EnumerateArray(), i => Assert.False(i.GetProperty("late").GetBoolean()));
        Assert.All(poisonerListing.GetProperty("items").EnumerateArray(), i => Assert.False(i.GetProperty("late").GetBoolean()));
        Assert.Equal(2, poisonerListing.GetProperty("count").GetInt32());
        var search = await neighbourApi.Http.GetFromJsonAsync<JsonElement>(new Uri($"api/public/search?name={Uri.EscapeDataString("北京A/B")}", UriKind.Relative));
        Assert.Contains("北京A/B公司", search.ToString(), StringComparison.Ordinal);

        var csv = (await storage.Container(StorageNames.PublicContainer).GetBlobClient("daily/2024-10-08/penalty.csv").DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\")\"", csv, StringComparison.Ordinal);
        var quarantine = new Credit.Quarantine.QuarantineStore(storage, new Credit.Statistics.StatisticsLedger(storage), TimeProvider.System);
        Assert.Empty(await quarantine.ListAsync(CancellationToken.None));
    }

    static async Task<JsonElement> PublishedAsync(ProductApi api, string department)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement listing;
        while ((listing = await api.Http.GetFromJsonAsync<JsonElement>(new Uri($"api/departments/{department}/disclosure?status=published", UriKind.Relative))).GetProperty("count").GetInt32() < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the records of {department} were not published: {listing}");
            await Task.Delay(250);
        }

        return listing;
    }
}
