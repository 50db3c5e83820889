using System.Diagnostics;
using System.Text.Json;
using Credit.Catalogue;
using Credit.CreditReports;
using Credit.Disclosure;
using Credit.Lists;
using Credit.PersonalData;
using Credit.Records;
using Credit.Remedies;
using Credit.Storage;
using Credit.Testing;

// The credit report benchmark (README: "Benchmark"): a 5-year report of a subject with 500 records (300 licences,
// 200 penalties of which 40 repaired), 3 list entries and 2 pending objections, rendered on every core for 15 s —
// content composed, PDF and HTML drawn, both hashed, the hashes signed — beside the same content serialized as JSON
// (the cheapest rendering of it); then the whole issue (gathered from Azurite, rendered, signed, stored) one at a time.
const int Records = 500;
var duration = TimeSpan.FromSeconds(15);
var issuedAt = new DateTimeOffset(2025, 3, 5, 4, 0, 0, TimeSpan.Zero);
var today = new DateOnly(2025, 3, 5);
var company = Rows.Company;

var rows = new List<DisclosureRecord>();
for (var i = 0; i < Records; i++)
{
    // Licences over the 5 years; penalties within the year, so that every one is in its publicity period and in the report.
    var decided = today.AddDays(i < 300 ? -(i * 6 % 1800) - 1 : -(i % 350) - 1);
    var day = decided.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    if (i < 300)
    {
        rows.Add(Rows.LicenceRecord(Rows.Licence($"基准许〔{decided.Year}〕{i}号", company, Rows.Department, day), Rows.Department, today, i + 2));
    }
    else
    {
        var row = Rows.Penalty($"基准罚〔{decided.Year}〕{i}号");
        row["处罚决定日期"] = day;
        row["处罚有效期"] = "长期";
        row["处罚类别"] = i % 5 == 0 ? "吊销许可证件" : "罚款;没收违法所得";
        rows.Add(Rows.Record(row, Rows.Department, today, i + 2));
    }
}

var stored = rows.Select(r => Rows.Stored(r)).ToList();
var remedies = rows.Where(r => r.Kind == RecordKind.Penalty).Take(40).Select((r, i) => new Remedy($"R{i}", RemedyKind.Repair, new ItemRef(ItemKind.Record, r.Key.Id), company, company, Rows.Department,
        "说明", null, null, issuedAt.AddDays(-30), today, RemedyState.Approved, false, null, null, issuedAt.AddDays(-10), false))
    .Concat(Enumerable.Range(0, 2).Select(i => new Remedy($"O{i}", RemedyKind.Objection, new ItemRef(ItemKind.Record, rows[rows.Count - 1 - i].Key.Id), company, company, Rows.Department,
        "说明", null, null, issuedAt.AddDays(-2), today.AddDays(5), RemedyState.UnderReview, false, null, null, null, false)))
    .ToList();
var entries = Enumerable.Range(0, 3).Select(i => (new ListEntryValidator(Rows.SubjectKeys).Validate(Rows.Department, new ListEntryDraft(i == 0 ? "red" : "black", company, "北京示例食品有限公司",
        i == 0 ? "守信激励对象" : "严重失信", "食品药品", "《北京市社会信用条例》第二十九条", $"基准名单〔2025〕{i}号", "2025-01-06", "24", []), CatalogueSnapshot.Seeded).Entry!, new ListEntryStatus(true, null, null), (ResponsibleRole?)null))
    .ToList();
var names = new Dictionary<string, string> { [Rows.Department] = "北京市市场监督管理局" };

await using var azurite = new AzuriteProcess();
await azurite.StartAsync();
var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
await storage.EnsureCreatedAsync();
var clock = new Credit.Calendar.ShiftedClock(issuedAt);
var composer = TestStorage.CreditReportComposer(storage, clock);
var signingKey = new ReportSigningKey(storage, new KeyEncryptionKey(Repository.LocalPersonalDataKey));
var order = new CreditReportOrder("CR" + new string('0', 24), company, CreditReportKind.Full, [], [], issuedAt, "https://credit.example/api/public/reports/CR000/verification");

var sample = composer.Compose(order, stored, remedies, entries, names);
var samplePdf = CreditReportPdf.Render(sample);
Console.WriteLine($"Credit report benchmark: {Records} records ({sample.Licences.Count} licences and {sample.Penalties.Count} penalties in the report), {Environment.ProcessorCount} cores; PDF {samplePdf.Length / 1024.0:F0} KiB");

var json = await RateAsync(() => JsonSerializer.SerializeToUtf8Bytes(composer.Compose(order, stored, remedies, entries, names)).Length);
var rendered = await RateAsync(() =>
{
    var report = composer.Compose(order, stored, remedies, entries, names);
    var pdf = CreditReportPdf.Render(report);
    var html = System.Text.Encoding.UTF8.GetBytes(CreditReportHtml.Render(report));
    var signed = $"{CreditReportService.Sha256(pdf)}|{CreditReportService.Sha256(html)}";
    return signingKey.SignAsync(signed, CancellationToken.None).GetAwaiter().GetResult().Length;
});
Console.WriteLine($"JSON of the same content: {json:F1} reports/s (baseline)");
Console.WriteLine($"rendered (PDF + HTML + SHA-256 + signature): {rendered:F1} reports/s (target ≥ 20); {rendered / json:P1} of the JSON baseline");

// The whole issue, one at a time: gathered from storage, rendered, signed and stored.
await TestStorage.Records(storage, clock).SaveAsync(rows, "benchmark", CancellationToken.None);
await new PublicStore(storage).PublishAsync([.. rows.Select(r => PublicEntry.From(r, new DisclosureOptions()))], today, issuedAt, CancellationToken.None);
var service = new CreditReportService(new CreditReportStore(storage), composer, signingKey, TestStorage.SubjectKeys(storage), clock);
var issued = 0;
var watch = Stopwatch.StartNew();
while (watch.Elapsed < TimeSpan.FromSeconds(10))
{
    var (report, _) = await service.OrderAsync(company, CreditReportKind.Full, [], [], null, "https://credit.example/public", CancellationToken.None);
    await service.IssueAsync(report.Id, CancellationToken.None);
    issued++;
}

Console.WriteLine($"issued end to end (Azurite, one at a time): {issued / watch.Elapsed.TotalSeconds:F1} reports/s");

// Reports per second with one worker per core for the benchmark's duration.
async Task<double> RateAsync(Func<int> render)
{
    render();
    var done = 0L;
    var timer = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(() =>
    {
        while (timer.Elapsed < duration)
        {
            render();
            Interlocked.Increment(ref done);
        }
    })));
    return done / timer.Elapsed.TotalSeconds;
}
