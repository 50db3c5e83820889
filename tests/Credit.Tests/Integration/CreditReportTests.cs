using Credit.Catalogue;
using Credit.Commitments;
using Credit.CreditReports;
using Credit.Disclosure;
using Credit.Lists;
using Credit.Records;
using Credit.Remedies;
using Credit.Storage;
using Credit.Testing;
using UglyToad.PdfPig;

namespace Credit.Tests.Integration;

/// <summary>
/// 信用报告: what a report of a test subject holds (read back from its PDF), by the rules of docs/credit-reports.md; a
/// genuine report verifies, a changed one does not. On an Azurite of its own.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class CreditReportTests : IAsyncLifetime
{
    static readonly string Other = Rows.DepartmentCode(621);
    static readonly DateOnly Today = new(2025, 3, 5);
    static readonly DateTimeOffset IssuedAt = new(2025, 3, 5, 4, 0, 0, TimeSpan.Zero);
    readonly AzuriteProcess azurite = new();
    readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider clock = new(IssuedAt);
    StorageClients storage = null!;

    public async Task InitializeAsync()
    {
        await azurite.StartAsync();
        storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        await TestStorage.RegisterDepartmentAsync(storage, Rows.Department, "北京市市场监督管理局");
        await TestStorage.RegisterDepartmentAsync(storage, Other, "北京市应急管理局");
    }

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    static DisclosureRecord Penalty(string document, string decided, string categories = "罚款;没收违法所得")
    {
        var row = Rows.Penalty(document);
        row["处罚决定日期"] = decided;
        row["处罚类别"] = categories;
        row["处罚有效期"] = "长期";
        return Rows.Record(row, Rows.Department, Today);
    }

    static Remedy Remedy(string id, RemedyKind kind, string item, RemedyState state, DateTimeOffset? decidedAt = null) => new(
        id, kind, new ItemRef(ItemKind.Record, item), Rows.Company, Rows.Company, Rows.Department, "说明", null, null, IssuedAt.AddDays(-3), Today.AddDays(5), state, false, null, null, decidedAt, false);

    static Commitment Promise(string reference, CommitmentKind kind, string takenOn) => new(
        $"{Rows.Company}-c{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(reference)))[..24]}", Rows.Department, Rows.Company, Rows.Company,
        "北京示例食品有限公司", SubjectKind.LegalPerson, kind, reference, "本单位承诺所报材料真实有效", false, DateOnly.Parse(takenOn, System.Globalization.CultureInfo.InvariantCulture), [], null);

    static CreditReportComposer Composer(StorageClients storage) => TestStorage.CreditReportComposer(storage, TimeProvider.System);

    static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().Select(p => p.Text));
    }

    [Fact]
    public void A_report_holds_the_five_years_as_the_rules_let_them_be_shown_and_its_pdf_says_so()
    {
        var current = Penalty("报告罚〔2024〕1号", "2024-09-27");
        var ended = Penalty("报告罚〔2023〕2号", "2023-01-10");
        var repaired = Penalty("报告罚〔2024〕3号", "2024-12-02");
        var revoked = Penalty("报告罚〔2024〕4号", "2024-11-01");
        var serious = Penalty("报告罚〔2022〕5号", "2022-06-01", "吊销许可证件");
        var licence = Rows.LicenceRecord(Rows.Licence("报告许〔2024〕1号", Rows.Company, Rows.Department, "2024-06-03"), Rows.Department, Today);
        var old = Rows.LicenceRecord(Rows.Licence("报告许〔2019〕2号", Rows.Company, Rows.Department, "2019-06-03"), Rows.Department, Today);
        var black = new ListEntryValidator(Rows.SubjectKeys).Validate(Rows.Department, new ListEntryDraft("black", Rows.Company, "北京示例食品有限公司", "严重失信", "食品药品",
            "《北京市社会信用条例》第二十九条", "报告黑〔2025〕1号", "2025-01-06", "24", []), CatalogueSnapshot.Seeded).Entry!;
        var order = new CreditReportOrder("CR" + new string('a', 24), Rows.Company, CreditReportKind.Special, ["食品药品", "安全生产"], [Rows.Department, Other], IssuedAt, "https://credit.example/api/public/reports/CRaaa/verification");

        var report = Composer(storage).Compose(order,
            [Rows.Stored(current), Rows.Stored(ended), Rows.Stored(repaired, "信用修复：已整改"), Rows.Stored(revoked, "异议成立"), Rows.Stored(serious), Rows.Stored(licence), Rows.Stored(old)],
            [Remedy("O1", RemedyKind.Objection, current.Key.Id, RemedyState.UnderReview), Remedy("R1", RemedyKind.Repair, repaired.Key.Id, RemedyState.Approved, new DateTimeOffset(2025, 2, 20, 2, 0, 0, TimeSpan.Zero))],
            [(black, new ListEntryStatus(true, null, null), null)],
            new Dictionary<string, string> { [Rows.Department] = "北京市市场监督管理局", [Other] = "北京市应急管理局" },
            [
                Promise("报告诺〔2024〕1号", CommitmentKind.Notification, "2024-05-06") with { Status = CommitmentStatus.Breached, OutcomeOn = new DateOnly(2024, 8, 1) },
                Promise("报告诺〔2025〕2号", CommitmentKind.Deficiency, "2025-02-03") with { MissingItems = ["环评批复"], DueDate = new DateOnly(2025, 2, 17) },
                Promise("报告诺〔2025〕3号", CommitmentKind.SelfDeclaration, "2025-03-01"),
                Promise("报告诺〔2019〕4号", CommitmentKind.Industry, "2019-06-03"),
            ],
            [new ReportImportedEntry("全国信用信息共享平台", "失信被执行人", ListType.Black, "北京市第一中级人民法院", "（2024）京01执88号", new DateOnly(2024, 10, 8), null)]);

        Assert.Equal((new DateOnly(2020, 3, 5), Today), (report.From, report.To));
        Assert.Equal(("北京示例食品有限公司", Rows.Company), (report.Subject.Name, report.Subject.Code));
        Assert.Equal(["报告许〔2024〕1号"], report.Licences.Select(l => l.DocumentNumber));
        Assert.Equal(["报告罚〔2024〕3号", "报告罚〔2024〕1号", "报告罚〔2022〕5号"], report.Penalties.Select(p => p.DocumentNumber));
        Assert.Equal(new DateOnly(2025, 2, 20), report.Penalties[0].RepairedOn);
        Assert.Equal(new DateOnly(2025, 6, 1), report.Penalties[2].PublicUntil);
        Assert.Equal("O1", Assert.Single(report.PendingObjections).Id);
        Assert.Equal([("食品药品", false), ("安全生产", true), ("北京市市场监督管理局", false), ("北京市应急管理局", true)], report.Statements.Select(s => (s.Name, s.Clean)));

        // The commitments of the 5 years, a breach and an overdue 容缺 item among them; the older one is out.
        Assert.Equal(
            [("报告诺〔2025〕3号", "履行中"), ("报告诺〔2025〕2号", "逾期未补交（补交期限 2025-02-17）"), ("报告诺〔2024〕1号", "违约 2024-08-01")],
            report.Commitments!.Select(c => (c.Reference, c.Status)));

        var text = Text(CreditReportPdf.Render(report));
        foreach (var expected in (string[])["专项信用报告", order.Id, "2025-03-05 12:00:00", "北京示例食品有限公司", Rows.Company, "报告许〔2024〕1号", "报告罚〔2024〕1号",
            "已修复 2025-02-20", "报告罚〔2022〕5号", "黑名单", "报告黑〔2025〕1号", "五、信用承诺", "告知承诺", "违约 2024-08-01", "六、其他名单", "北京市第一中级人民法院", "（2024）京01执88号", "O1", "无违法违规记录", "有失信记录"])
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        foreach (var absent in (string[])["报告罚〔2023〕2号", "报告罚〔2024〕4号", "报告许〔2019〕2号", "报告诺〔2019〕4号", "尚未"])
        {
            Assert.DoesNotContain(absent, text, StringComparison.Ordinal);
        }

        // The HTML holds the same text.
        var html = CreditReportHtml.Render(report);
        Assert.Contains("已修复 2025-02-20", html, StringComparison.Ordinal);
        Assert.DoesNotContain("报告罚〔2024〕4号", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_natural_persons_report_masks_the_id_number_and_a_report_without_records_says_none()
    {
        var keys = TestStorage.SubjectKeys(storage);
        var person = keys.For(Rows.Person)!;
        var row = Rows.PersonPenalty("报告个罚〔2024〕1号");
        var record = Rows.Record(row, Rows.Department, Today) with { SubjectKey = person };
        var order = new CreditReportOrder("CR" + new string('b', 24), person, CreditReportKind.Full, [], [], IssuedAt, "https://credit.example/v");

        var report = Composer(storage).Compose(order, [Rows.Stored(record)], [], [], new Dictionary<string, string>());
        Assert.Equal(("欧阳娜娜", "110105********0016", SubjectKind.NaturalPerson), (report.Subject.Name, report.Subject.Code, report.Subject.Kind));
        var text = Text(CreditReportPdf.Render(report)) + CreditReportHtml.Render(report);
        Assert.DoesNotContain(Rows.Person, text, StringComparison.Ordinal);

        var empty = Composer(storage).Compose(order with { SubjectKey = Rows.DepartmentCode(622) }, [], [], [], new Dictionary<string, string>());
        Assert.True(empty.Licences.Count == 0 && empty.Penalties.Count == 0 && empty.Lists.Count == 0);
        var emptyText = Text(CreditReportPdf.Render(empty));
        Assert.Contains("未列入 None", emptyText, StringComparison.Ordinal);
        Assert.Contains("五、信用承诺 Commitments", emptyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_genuine_report_verifies_and_a_changed_one_does_not()
    {
        var keys = TestStorage.SubjectKeys(storage);
        // A report holds what is (or was) public: the record is stored and published.
        var record = Penalty("核验罚〔2024〕1号", "2024-09-27");
        await TestStorage.Records(storage, clock).SaveAsync([record], "report-test", CancellationToken.None);
        await new PublicStore(storage).PublishAsync([PublicEntry.From(record, new DisclosureOptions())], new DateOnly(2024, 9, 30), IssuedAt.AddDays(-150), CancellationToken.None);
        var signingKey = new ReportSigningKey(storage, new Credit.PersonalData.KeyEncryptionKey(Repository.LocalPersonalDataKey));
        var store = new CreditReportStore(storage);
        var service = new CreditReportService(store, Composer(storage), signingKey, keys, clock);

        var (ordered, created) = await service.OrderAsync(Rows.Company, CreditReportKind.Full, [], [], "order-1", "https://credit.example/public", CancellationToken.None);
        Assert.True(created);
        Assert.Equal(ordered.Id, (await service.OrderAsync(Rows.Company, CreditReportKind.Full, [], [], "order-1", "https://credit.example/public", CancellationToken.None)).Report.Id);
        Assert.Null(await service.VerifyAsync(ordered.Id, null, CancellationToken.None));
        await service.IssueAsync(ordered.Id, CancellationToken.None);
        await service.IssueAsync(ordered.Id, CancellationToken.None);

        var pdf = (await store.FileAsync(ordered.Id, CreditReportStore.PdfFile, CancellationToken.None))!.ToArray();
        Assert.Contains("核验罚〔2024〕1号", Text(pdf), StringComparison.Ordinal);
        Assert.Contains($"https://credit.example/public/reports/{ordered.Id}/verification", Text(pdf), StringComparison.Ordinal);
        var genuine = (await service.VerifyAsync(ordered.Id, CreditReportService.Sha256(pdf), CancellationToken.None))!;
        Assert.True(genuine.Authentic && genuine.Matches == true, genuine.ToString());
        Assert.Equal(IssuedAt, genuine.IssuedAt);
        Assert.DoesNotContain("核验罚", System.Text.Json.JsonSerializer.Serialize(genuine), StringComparison.Ordinal);

        // A copy changed in one byte does not match; the stored file changed after issue is no longer authentic.
        var forged = (byte[])pdf.Clone();
        forged[^20] ^= 1;
        Assert.False((await service.VerifyAsync(ordered.Id, CreditReportService.Sha256(forged), CancellationToken.None))!.Matches);
        await storage.Container(StorageNames.CreditReportsContainer).GetBlobClient($"{ordered.Id}/{CreditReportStore.PdfFile}").UploadAsync(BinaryData.FromBytes(forged), overwrite: true);
        Assert.False((await service.VerifyAsync(ordered.Id, null, CancellationToken.None))!.Authentic);

        // A signature made for other content does not hold under the published key.
        Assert.False(await signingKey.VerifyAsync(genuine.SignedText.Replace(genuine.PdfSha256, CreditReportService.Sha256(forged), StringComparison.Ordinal), genuine.Signature, CancellationToken.None));
        Assert.Contains("BEGIN PUBLIC KEY", (await signingKey.PublicKeyAsync(CancellationToken.None)).Pem, StringComparison.Ordinal);
    }
}
