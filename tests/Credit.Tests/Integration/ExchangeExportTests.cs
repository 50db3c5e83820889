using System.Security.Cryptography;
using System.Text.Json;
using Credit.Calendar;
using Credit.Disclosure;
using Credit.Exchange;
using Credit.Lists;
using Credit.Records;
using Credit.Remedies;
using Credit.Storage;
using Credit.Testing;

namespace Credit.Tests.Integration;

/// <summary>
/// The daily export to a target platform (issue 19) on its own storage and a moving clock: what changed since the last
/// export with a manifest that checks, acknowledgements read back (bad ones set aside with the reason), an export not
/// acknowledged in time sent again, and 共享及时率 counted per department.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class ExchangeExportTests : IAsyncLifetime
{
    // Its own Azurite: an export carries every change of the storage account in its days, other tests' too.
    readonly AzuriteProcess azurite = new();
    StorageClients storage = null!;
    const string Target = "NATIONAL";
    static readonly string PenaltyDepartment = Rows.DepartmentCode(751);
    static readonly string LicenceDepartment = Rows.DepartmentCode(752);

    public async Task InitializeAsync()
    {
        await azurite.StartAsync();
        storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
    }

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    /// <summary>Noon in Beijing on <paramref name="day"/>.</summary>
    static ShiftedClock On(int month, int day) => new(new DateTimeOffset(2026, month, day, 4, 0, 0, TimeSpan.Zero));

    ExchangeExportRun Run(TimeProvider clock) => TestStorage.ExchangeExportRun(storage, clock, Target);

    async Task PublishAsync(string document, RecordKind kind, string department, DateOnly day)
    {
        var fields = kind == RecordKind.Penalty
            ? new Dictionary<string, string> { ["CF_WSH"] = document, ["CF_XDR_MC"] = "交换导出测试有限公司", ["CF_CFJGDM"] = department }
            : new Dictionary<string, string> { ["XK_WSH"] = document, ["XK_XDR_MC"] = "交换导出测试有限公司", ["XK_XKJGDM"] = department };
        var entry = new PublicEntry($"{department}-{document}", kind, department, Rows.DepartmentCode(760), "交换导出测试有限公司", document, day, day.AddDays(7), null, fields);
        await new PublicStore(storage).PublishAsync([entry], day, BeijingTime.StartOf(day).AddHours(10), CancellationToken.None);
    }

    async Task<string> ReadAsync(string name) => (await storage.Container(StorageNames.ExchangeContainer).GetBlobClient(name).DownloadContentAsync()).Value.Content.ToString();

    async Task AcknowledgeAsync(string name, string content) =>
        await storage.Container(StorageNames.ExchangeContainer).GetBlobClient($"ack/{Target}/{name}").UploadAsync(BinaryData.FromString(content), overwrite: true);

    [Fact]
    public async Task Each_day_exports_what_changed_with_a_manifest_that_checks_and_what_is_not_acknowledged_in_time_goes_again()
    {
        // Monday 2026-11-02: two penalties and a licence published, a black-list entry created, a repair approved.
        var monday = new DateOnly(2026, 11, 2);
        await PublishAsync("京导出罚〔2026〕1号", RecordKind.Penalty, PenaltyDepartment, monday);
        await PublishAsync("京导出罚〔2026〕2号", RecordKind.Penalty, PenaltyDepartment, monday);
        await PublishAsync("京导出许〔2026〕1号", RecordKind.License, LicenceDepartment, monday);
        var keys = TestStorage.SubjectKeys(storage);
        var entry = new ListEntry(ListEntryId.For(PenaltyDepartment, ListType.Black, Rows.DepartmentCode(760), "京导出黑〔2026〕1号", keys), PenaltyDepartment, ListType.Black,
            Rows.DepartmentCode(760), Rows.DepartmentCode(760), "交换导出测试有限公司", SubjectKind.LegalPerson, "严重失信", "市场监管", "依据", "京导出黑〔2026〕1号", monday, 36, []);
        await new ListStore(storage, TestStorage.DataKeys(storage)).CreateAsync(entry, BeijingTime.StartOf(monday).AddHours(9));
        await new RemedyStore(storage, TestStorage.DataKeys(storage)).CreateAsync(new Remedy(
            "repair-export-1", RemedyKind.Repair, new ItemRef(ItemKind.Record, $"{PenaltyDepartment}-京导出罚〔2026〕1号"), Rows.DepartmentCode(760), "subject", PenaltyDepartment,
            "已整改", null, null, BeijingTime.StartOf(monday), monday.AddDays(10), RemedyState.Approved, false, "已履行", PenaltyDepartment, BeijingTime.StartOf(monday).AddHours(15), false));

        // Tuesday's export: Monday's changes, every file named in the manifest with its count and SHA-256.
        var first = Assert.Single(await Run(On(11, 3)).RunAsync(CancellationToken.None));
        Assert.Equal((1L, 3, 1, 1), (first.Sequence, first.Records, first.ListEntries, first.Remedies));
        var manifest = JsonDocument.Parse(await ReadAsync("out/NATIONAL/2026-11-03/manifest.json")).RootElement;
        Assert.Equal((1, "2026-11-02", "2026-11-02"), (manifest.GetProperty("sequence").GetInt32(), manifest.GetProperty("changesFrom").GetString(), manifest.GetProperty("changesTo").GetString()));
        foreach (var file in manifest.GetProperty("files").EnumerateArray())
        {
            var content = (await storage.Container(StorageNames.ExchangeContainer).GetBlobClient("out/NATIONAL/2026-11-03/" + file.GetProperty("name").GetString()).DownloadContentAsync()).Value.Content.ToArray();
            Assert.Equal(file.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(content)));
        }

        // The records in the national template's column codes; the list entry and the repair's outcome as lines.
        var penalties = (await ReadAsync("out/NATIONAL/2026-11-03/penalties.csv")).Split("\r\n");
        Assert.StartsWith("\uFEFFRECORD_ID,PUBLISHED_ON,", penalties[0], StringComparison.Ordinal);
        Assert.Contains("CF_WSH", penalties[0], StringComparison.Ordinal);
        Assert.Contains(penalties, l => l.Contains("京导出罚〔2026〕2号", StringComparison.Ordinal) && l.Contains("2026-11-02", StringComparison.Ordinal));
        Assert.Contains("\"status\":\"listed\"", await ReadAsync("out/NATIONAL/2026-11-03/list-entries.jsonl"), StringComparison.Ordinal);
        Assert.Contains("\"state\":\"Approved\"", await ReadAsync("out/NATIONAL/2026-11-03/remedies.jsonl"), StringComparison.Ordinal);

        // Run again on Tuesday (a retry): the same export, nothing new.
        Assert.Equal(1L, Assert.Single(await Run(On(11, 3)).RunAsync(CancellationToken.None)).Sequence);

        // Wednesday: Tuesday's one licence. The target acknowledges it, refusing one item.
        await PublishAsync("京导出许〔2026〕2号", RecordKind.License, LicenceDepartment, new DateOnly(2026, 11, 3));
        var second = Assert.Single(await Run(On(11, 4)).RunAsync(CancellationToken.None));
        Assert.Equal((2L, 1, 0), (second.Sequence, second.Records, second.Resent));
        await AcknowledgeAsync("ack-2.json", $"{{\"sequence\": 2, \"rejected\": [{{\"id\": \"{LicenceDepartment}-京导出许〔2026〕2号\", \"reason\": \"许可内容缺失\"}}]}}");
        await AcknowledgeAsync("broken.json", "{\"sequence\": ");
        await AcknowledgeAsync("unknown.json", "{\"sequence\": 99}");

        // A licence published on Wednesday, exported only next Monday: later than its 1 working day (late, counted so).
        await PublishAsync("京导出许〔2026〕3号", RecordKind.License, LicenceDepartment, new DateOnly(2026, 11, 4));

        // Monday 2026-11-09: export 1 was due an acknowledgement by Friday (3 working days) and goes again; 2 is acknowledged.
        var third = Assert.Single(await Run(On(11, 9)).RunAsync(CancellationToken.None));
        Assert.Equal((3L, 1, 1, 1), (third.Sequence, third.Records, third.Acknowledged, third.Resent));
        var store = new ExchangeExportStore(storage);
        var (one, two, three) = ((await store.GetAsync(Target, 1, CancellationToken.None))!, (await store.GetAsync(Target, 2, CancellationToken.None))!, (await store.GetAsync(Target, 3, CancellationToken.None))!);
        Assert.Equal(3L, one.ResentIn);
        Assert.Equal([1L], three.Resends);
        Assert.Contains(three.Files, f => f.Name == "resend-000001/penalties.csv" && f.ResentFrom == 1 && f.Count == 2);
        Assert.Equal("许可内容缺失", Assert.Single(two.Rejected!).Reason);
        var today = new DateOnly(2026, 11, 9);
        Assert.Equal(("resent", "acknowledged", "awaiting"), (
            ExchangeReconciliation.StatusOf(one, Run(On(11, 9)).AckDue(one), today), ExchangeReconciliation.StatusOf(two, Run(On(11, 9)).AckDue(two), today), ExchangeReconciliation.StatusOf(three, Run(On(11, 9)).AckDue(three), today)));

        // The bad acknowledgements: moved aside and quarantined, each with its reason; none left in the folder.
        var quarantined = await new Quarantine.QuarantineStore(storage, new Statistics.StatisticsLedger(storage), TimeProvider.System).ListAsync(CancellationToken.None);
        Assert.Contains(quarantined, q => q.Item == "ack/NATIONAL/broken.json" && q.Reason.StartsWith("ACK_MALFORMED_JSON", StringComparison.Ordinal));
        Assert.Contains(quarantined, q => q.Item == "ack/NATIONAL/unknown.json" && q.Reason.StartsWith("ACK_UNKNOWN_SEQUENCE", StringComparison.Ordinal));
        Assert.Equal("{\"sequence\": 99}", await ReadAsync("ack-refused/NATIONAL/unknown.json"));
        await foreach (var left in storage.Container(StorageNames.ExchangeContainer).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "ack/", CancellationToken.None))
        {
            Assert.Fail($"{left.Name} was left in the acknowledgement folder");
        }

        // An acknowledgement of export 3 acknowledges export 1, which it carried again.
        await AcknowledgeAsync("ack-3.json", "{\"sequence\": 3}");
        Assert.Equal(1, Assert.Single(await Run(On(11, 10)).RunAsync(CancellationToken.None)).Acknowledged);
        Assert.Contains("sent again in 3", (await store.GetAsync(Target, 1, CancellationToken.None))!.AcknowledgedBy, StringComparison.Ordinal);

        // 共享及时率: the penalty department's two records on time; the licence department's first two on time, the third late.
        var facts = new List<Statistics.StatisticEvent>();
        await foreach (var fact in new ShareFacts(store).FactsAsync(BeijingTime.StartOf(new DateOnly(2026, 11, 1)), BeijingTime.StartOf(new DateOnly(2026, 12, 1)), CancellationToken.None))
        {
            facts.Add(fact);
        }

        long Count(string department, string kind) => facts.Where(f => f.Department == department && f.Kind == kind).Sum(f => f.Count);
        Assert.Equal((2L, 0L, 2L, 1L), (Count(PenaltyDepartment, Statistics.StatisticKinds.SharedOnTime), Count(PenaltyDepartment, Statistics.StatisticKinds.SharedLate),
            Count(LicenceDepartment, Statistics.StatisticKinds.SharedOnTime), Count(LicenceDepartment, Statistics.StatisticKinds.SharedLate)));
        var figures = Statistics.DepartmentStatistics.FromEvents("2026-11", LicenceDepartment, facts.Where(f => f.Department == LicenceDepartment), 0, DateTimeOffset.UtcNow);
        Assert.Equal(0.6667, figures.Sharing!.OnTimeShare);

        // Below the supervising office's 95 %: the month's notice names the licence department for it, and not the penalty one.
        await new Statistics.StatisticsStore(storage).SaveAsync(figures, CancellationToken.None);
        var notice = await new Statistics.MonthlyNotices(new Statistics.StatisticsStore(storage), new Statistics.StatisticsLedger(storage),
            new Departments.DepartmentRegistry(storage, new Departments.ApiKeys(storage, TimeProvider.System), TimeProvider.System), new JointCases.CaseStore(storage), storage,
            Microsoft.Extensions.Options.Options.Create(new Statistics.SupervisionOptions()), On(11, 10)).BuildAsync("2026-11", CancellationToken.None);
        var named = Assert.Single(notice.Named);
        Assert.Equal((LicenceDepartment, "SHARING_ON_TIME"), (named.Department, Assert.Single(named.Shortfalls).Code));
        Assert.Contains("共享及时率66.7%", named.Shortfalls[0].MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_that_fails_is_quarantined_and_the_other_targets_export_all_the_same()
    {
        // A target that is no source code (an app setting typed wrong) fails alone, set aside with the reason.
        var results = await TestStorage.ExchangeExportRun(storage, On(11, 3), "TIANJIN,bad/../target,HEBEI").RunAsync(CancellationToken.None);
        Assert.Equal(["TIANJIN", "HEBEI"], results.Select(r => r.Target));
        var quarantined = await new Quarantine.QuarantineStore(storage, new Statistics.StatisticsLedger(storage), TimeProvider.System).ListAsync(CancellationToken.None);
        Assert.Contains(quarantined, q => q.Item == "export|bad/../target" && q.Reason.Contains("Exchange__Targets", StringComparison.Ordinal));
    }
}
