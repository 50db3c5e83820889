using System.Text;
using System.Text.Json;
using Credit.Calendar;
using Credit.Exchange;
using Credit.Storage;
using Credit.Testing;
using Credit.Tests.Support;

namespace Credit.Tests.Integration;

/// <summary>
/// Importing exchange files (issue 19) on the storage: every bad row named where it is, the good rows in; hostile
/// source ids kept exactly or refused; a file read twice at once stores each entry once.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class ExchangeImportTests(Azurite azurite)
{
    readonly StorageClients storage = StorageClients.FromConnectionString(azurite.ConnectionString);
    static readonly TimeProvider Clock = new ShiftedClock(new DateTimeOffset(2026, 12, 1, 4, 0, 0, TimeSpan.Zero));

    ExchangeImport Import(TimeProvider? clock = null) => TestStorage.ExchangeImport(storage, clock ?? Clock, chunkRows: 2);

    static ExchangeSource Source(string code) =>
        new(code, 1, "测试来源", "Test source", [new ExchangeListKind("HEI", "严重失信主体名单", Credit.Lists.ListType.Black, true, ["S17"])], false);

    async Task<ExchangeReport> ImportAsync(ExchangeSource source, string name, byte[] content, TimeProvider? clock = null)
    {
        await storage.EnsureCreatedAsync();
        var blob = storage.Container(StorageNames.ExchangeContainer).GetBlobClient($"in/{source.Code}/{name}");
        await blob.UploadAsync(new BinaryData(content), overwrite: true);
        return await Import(clock).ImportAsync(source, blob, name, CancellationToken.None);
    }

    static string Row(string id, string code = "91110105MA01EXCH7T", string name = "交换集成测试有限公司", string start = "2026-01-10") =>
        $"{id},HEI,{name},{code},测试认定单位,{start}";

    const string Header = "来源编号,名单种类,主体名称,主体代码,认定单位,列入日期";

    [Fact]
    public async Task Hostile_source_ids_are_kept_exactly_as_sent_or_refused_with_their_row_and_column()
    {
        var source = Source("IT-HOSTILE");
        string[] kept = ["a/b", "c#d", "e?f", "g\\h", "100%", "名单·一", "🙂-1", new string('x', 64)];
        string[] refused = ["bell\u0007", new string('y', 65)];
        var rows = kept.Concat(refused).Select((id, i) => new Dictionary<string, string>
        {
            ["WB_ID"] = id, ["MD_ZL"] = "HEI", ["ZTMC"] = "恶意输入测试公司", ["ZTDM"] = "91110105MA01EXCH7T", ["RDDW"] = "测试认定单位", ["LRRQ"] = "2026-01-10",
        });
        var report = await ImportAsync(source, "hostile.json", JsonSerializer.SerializeToUtf8Bytes(rows));

        Assert.Equal((10, kept.Length, 2), (report.Received, report.Created, report.Rejected));
        // In a JSON file a row is the object's place in the array, from 1.
        Assert.Equal([("WB_ID", 9L), ("WB_ID", 10L)], report.Errors.Select(e => (e.Column!, e.Row)));
        var store = new ImportedEntryStore(storage);
        foreach (var id in kept)
        {
            Assert.Equal(id, (await store.GetAsync(source.Code, id, CancellationToken.None))?.SourceId);
        }

        Assert.Null(await store.GetAsync(source.Code, "a", CancellationToken.None));
    }

    [Fact]
    public async Task Every_subject_an_import_stores_is_marked_for_evaluation_in_every_chunk()
    {
        // Chunks of 2 rows: the marks of the second chunk are its own, written before its rows.
        var source = Source("IT-MARKS");
        var text = string.Join("\r\n", Header, Row("M-1"), Row("M-2", code: "91110105MA01EXCH6P"), Row("M-3", code: "91110108MA01REXP39")) + "\r\n";
        var report = await ImportAsync(source, "marks.csv", Encoding.UTF8.GetBytes(text));

        Assert.Equal((3, 3), (report.Received, report.Created));
        var store = new ImportedEntryStore(storage);
        var subjects = new List<string>();
        foreach (var id in new[] { "M-1", "M-2", "M-3" })
        {
            subjects.Add((await store.GetAsync(source.Code, id, CancellationToken.None))!.SubjectKey);
        }

        var due = (await new Credit.Evaluation.EvaluationMarks(storage).DueAsync(BeijingTime.Today(Clock), CancellationToken.None)).Select(m => m.SubjectKey).ToHashSet();
        Assert.Equal(3, subjects.Distinct().Count());
        Assert.All(subjects, subject => Assert.Contains(subject, due));
    }

    [Fact]
    public async Task A_file_that_is_no_exchange_list_is_refused_as_a_whole_with_the_reason()
    {
        var source = Source("IT-FILES");
        Assert.Equal("NOT_AN_EXCHANGE_FILE", Assert.Single((await ImportAsync(source, "penalties.csv", File.ReadAllBytes(Path.Combine(Repository.Samples, "penalties.csv")))).FileErrors).Code);
        Assert.Equal("SPREADSHEET_NOT_SUPPORTED", Assert.Single((await ImportAsync(source, "list.csv", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3])).FileErrors).Code);
        Assert.Equal("EMPTY_FILE", Assert.Single((await ImportAsync(source, "empty.csv", [])).FileErrors).Code);
        Assert.Equal("UNSUPPORTED_FORMAT", Assert.Single((await ImportAsync(source, "list.xlsx", Encoding.UTF8.GetBytes(Header))).FileErrors).Code);
        Assert.Equal("MALFORMED_JSON", Assert.Single((await ImportAsync(source, "broken.json", Encoding.UTF8.GetBytes("[{\"WB_ID\": \"1\","))).FileErrors).Code);
    }

    [Fact]
    public async Task A_GB18030_file_reads_as_Chinese_and_a_repeated_source_id_keeps_its_first_row()
    {
        var source = Source("IT-GBK");
        var text = string.Join("\r\n", Header, Row("G-1", name: "国标编码测试有限公司"), Row("G-2", code: "91110105MA01EXCH6P"), Row("G-1", name: "重复行")) + "\r\n";
        var report = await ImportAsync(source, "gbk.csv", Credit.Intake.FileEncodings.Gb18030.GetBytes(text));

        Assert.Equal((3, 2, 1), (report.Received, report.Created, report.Rejected));
        var duplicate = Assert.Single(report.Errors);
        Assert.Equal(("DUPLICATE_SOURCE_ID", 4L, "来源编号"), (duplicate.Code, duplicate.Row, duplicate.Column));
        Assert.Contains("第2行", duplicate.MessageZh, StringComparison.Ordinal);
        Assert.Equal("国标编码测试有限公司", (await new ImportedEntryStore(storage).GetAsync(source.Code, "G-1", CancellationToken.None))!.SubjectName);
    }

    [Fact]
    public async Task The_Tianjin_and_Hebei_samples_go_in_under_their_seeded_sources()
    {
        byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(Repository.Samples, "exchange", name));
        var tianjin = await ImportAsync(ExchangeSources.Seed.Single(s => s.Code == "TIANJIN"), "tianjin.json", Sample("tianjin.json"));
        Assert.Equal((3, 2, 1), (tianjin.Received, tianjin.Created, tianjin.Rejected));
        Assert.Equal((3L, "ZTMC", "REQUIRED"), (tianjin.Errors[0].Row, tianjin.Errors[0].Column!, tianjin.Errors[0].Code));
        var red = (await new ImportedEntryStore(storage).GetAsync("TIANJIN", "TJ-R-0001", CancellationToken.None))!;
        Assert.Equal((Credit.Lists.ListType.Red, "天津市发展和改革委员会", new DateOnly(2029, 5, 20)), (red.ListType, red.ListingAuthority, red.EndDate!.Value));

        var hebei = await ImportAsync(ExchangeSources.Seed.Single(s => s.Code == "HEBEI"), "full-hebei.csv", Sample("full-hebei.csv"));
        Assert.Equal((true, 1L, 0L), (hebei.Full, hebei.Created, hebei.Rejected));
    }

    [Fact]
    public async Task Each_wrong_date_or_state_is_named_with_its_row_and_the_good_rows_go_in()
    {
        var source = Source("IT-DATES");
        var report = await ImportAsync(source, "dates.csv", Encoding.UTF8.GetBytes(string.Join("\r\n",
            "来源编号,名单种类,主体名称,主体代码,认定单位,列入日期,移出日期,状态",
            "D-1,HEI,日期测试甲公司,91110105MA01EXCH7T,测试认定单位,2026-03-01,2026-02-01,有效",
            "D-2,HEI,日期测试乙公司,91110105MA01EXCH7T,测试认定单位,2026-03-01,,撤销",
            "D-3,HEI,日期测试丙公司,91110105MA01EXCH7T,测试认定单位,2026-03-01,2027-03-01,有效",
            "D-4,HEI,日期测试丁公司,91110105MA01EXCH7T,测试认定单位,,,") + "\r\n"));

        Assert.Equal((4, 1, 3), (report.Received, report.Created, report.Rejected));
        Assert.Equal([(2L, "移出日期", "END_BEFORE_START"), (3L, "状态", "INVALID_STATE"), (5L, "列入日期", "REQUIRED")], report.Errors.Select(e => (e.Row, e.Column!, e.Code)));
        Assert.All(report.Errors, e => Assert.False(string.IsNullOrEmpty(e.MessageZh) || string.IsNullOrEmpty(e.MessageEn)));
    }

    [Fact]
    public async Task A_removal_re_sent_on_a_later_day_changes_nothing_and_an_empty_full_file_removes_nothing()
    {
        var source = Source("IT-REMOVAL");
        var file = Encoding.UTF8.GetBytes("来源编号,名单种类,主体名称,主体代码,认定单位,列入日期,状态\r\nR-1,HEI,移出测试公司,91110105MA01EXCH7T,测试认定单位,2026-01-10,已移出\r\nR-2,HEI,保留测试公司,91110105MA01EXCH7T,测试认定单位,2026-01-10,有效\r\n");
        Assert.Equal(2, (await ImportAsync(source, "removal.csv", file)).Created);
        var nextDay = new ShiftedClock(new DateTimeOffset(2026, 12, 2, 4, 0, 0, TimeSpan.Zero));
        Assert.Equal(2, (await ImportAsync(source, "removal.csv", file, nextDay)).Unchanged);
        var store = new ImportedEntryStore(storage);
        Assert.Equal(new DateOnly(2026, 12, 1), (await store.GetAsync(source.Code, "R-1", CancellationToken.None))!.RemovedOn);

        var empty = await ImportAsync(source, "full-empty.csv", Encoding.UTF8.GetBytes(Header + "\r\n"), nextDay);
        Assert.Equal(("EMPTY_FULL_FILE", 0L), (Assert.Single(empty.FileErrors).Code, empty.Removed));
        Assert.Null((await store.GetAsync(source.Code, "R-2", CancellationToken.None))!.RemovedOn);
    }

    [Fact]
    public async Task A_file_read_twice_at_once_stores_each_entry_once()
    {
        var source = Source("IT-TWICE");
        var content = Encoding.UTF8.GetBytes(string.Join("\r\n", [Header, .. Enumerable.Range(1, 20).Select(i => Row($"T-{i}"))]) + "\r\n");
        await storage.EnsureCreatedAsync();
        var blob = storage.Container(StorageNames.ExchangeContainer).GetBlobClient($"in/{source.Code}/twice.csv");
        await blob.UploadAsync(new BinaryData(content), overwrite: true);

        var reports = await Task.WhenAll(Import().ImportAsync(source, blob, "twice.csv", CancellationToken.None), Import().ImportAsync(source, blob, "twice.csv", CancellationToken.None));

        Assert.Equal(20, reports.Sum(r => r.Created));
        Assert.Equal(0, reports.Sum(r => r.Updated));
        var store = new ImportedEntryStore(storage);
        for (var i = 1; i <= 20; i++)
        {
            Assert.Empty(await store.VersionsAsync(source.Code, $"T-{i}", CancellationToken.None));
        }
    }

    [Fact]
    public async Task A_natural_person_is_kept_by_the_key_of_the_ID_number_which_is_stored_nowhere()
    {
        var source = Source("IT-PERSON");
        var report = await ImportAsync(source, "person.csv", Encoding.UTF8.GetBytes(Header + "\r\n" + Row("P-1", code: "120102197505054563", name: "王交换") + "\r\n"));
        Assert.Equal(1, report.Created);

        var entry = (await new ImportedEntryStore(storage).GetAsync(source.Code, "P-1", CancellationToken.None))!;
        Assert.Equal((Credit.Lists.SubjectKind.NaturalPerson, TestStorage.SubjectKeys(storage).ForPerson("120102197505054563")), (entry.SubjectKind, entry.SubjectKey));
        Assert.DoesNotContain("120102197505054563", JsonSerializer.Serialize(entry), StringComparison.Ordinal);
        Assert.DoesNotContain("交换", entry.SubjectName, StringComparison.Ordinal);
        Assert.Single(await new ImportedEntryStore(storage).OfSubjectAsync(entry.SubjectKey, [source.Code], CancellationToken.None));
    }

    [Fact]
    public async Task A_response_follows_its_imported_entry_a_corrected_subject_moves_it_and_an_ended_entry_gets_none()
    {
        await storage.EnsureCreatedAsync();
        await new Credit.Catalogue.ConductCatalogue(storage).SeedAsync();
        const string Responder = "91110108MA01REXP26";
        var source = Source("IT-RESPOND") is var plain
            ? plain with { ListKinds = [plain.ListKinds[0] with { Response = new ExchangeResponse(Responder, "BL-GENERAL", new Dictionary<string, string>()) }] }
            : plain;
        const string WithEnd = "来源编号,名单种类,主体名称,主体代码,认定单位,列入日期,移出日期";
        var lists = new Credit.Lists.ListStore(storage, TestStorage.DataKeys(storage));
        var marks = new Credit.JointCases.SignalMarks(storage, Clock);

        // P-1 ended at its source before today: nothing to respond to. P-2 stands until 2027-02-15: 13 months from its listing, rounded up.
        var first = await ImportAsync(source, "respond-1.csv", Encoding.UTF8.GetBytes(string.Join("\r\n", WithEnd,
            "P-1,HEI,响应甲有限公司,91110105MA01REXP1P,测试认定单位,2026-01-10,2026-07-15",
            "P-2,HEI,响应甲有限公司,91110105MA01REXP1P,测试认定单位,2026-02-01,2027-02-15") + "\r\n"));
        var caseId = Assert.Single(first.ResponseCasesStarted);
        var (entry, status) = (await lists.GetAsync(caseId))!.Value;
        Assert.Equal((Responder, "91110105MA01REXP1P", "IT-RESPOND/P-2", 13, "BL-GENERAL", true), (entry.InitiatingDepartment, entry.SubjectCode, entry.ImportedFrom, entry.PeriodMonths, entry.CatalogueCode, status.Active));
        // Marked before it was stored: a runtime's signal drain starts its case if the importer dies before starting it.
        Assert.Contains(await marks.DueAsync(TimeSpan.Zero), m => m.Id == caseId);

        // The source corrects P-2's subject: the response to the first subject ends (removed at the source), one for the second starts.
        var corrected = await ImportAsync(source, "respond-2.csv", Encoding.UTF8.GetBytes(string.Join("\r\n", WithEnd,
            "P-2,HEI,响应乙有限公司,91110108MA01REXP39,测试认定单位,2026-02-01,2027-02-15") + "\r\n"));
        Assert.Equal([caseId], corrected.ResponseCasesEnded);
        var moved = Assert.Single(corrected.ResponseCasesStarted);
        Assert.NotEqual(caseId, moved);
        Assert.Equal((new DateOnly(2026, 12, 1), Credit.JointCases.CaseEndReason.RemovedAtSource), ((await lists.GetAsync(caseId))!.Value.Status.RemovedAtSource, (await lists.GetAsync(caseId))!.Value.Status.Ending));
        Assert.Equal("91110108MA01REXP39", (await lists.GetAsync(moved))!.Value.Entry.SubjectCode);
        Assert.Equal(moved, (await new ImportedEntryStore(storage).GetAsync(source.Code, "P-2", CancellationToken.None))!.ResponseCase);

        // The marks are this test's: no runtime sharing the storage is to open these cases.
        foreach (var mark in (await marks.DueAsync(TimeSpan.Zero)).Where(m => m.Id == caseId || m.Id == moved))
        {
            await marks.ClearAsync(mark);
        }
    }

    [Fact]
    public async Task The_public_copy_follows_the_entry_to_a_corrected_subject_and_a_kind_its_source_keeps_back_is_never_shown()
    {
        var shown = new ExchangeListKind("HEI", "严重失信主体名单", Credit.Lists.ListType.Black, true, ["S17"]);
        var kept = new ExchangeListKind("NEIBU", "内部名单", Credit.Lists.ListType.Black, false, ["S17"]);
        var source = new ExchangeSource("IT-PUBLIC", 1, "公示测试来源", "Publication test source", [shown, kept], false);
        await storage.EnsureCreatedAsync();
        await new ExchangeSources(storage).AddAsync(source);
        var publication = TestStorage.ImportedEntryPublication(storage);
        var page = new Credit.Disclosure.PublicStore(storage);
        const string First = "91110105MA01REXP1P";
        const string Second = "91110108MA01REXP39";
        const string Header = "来源编号,名单种类,主体名称,主体代码,认定单位,列入日期";

        await ImportAsync(source, "public-1.csv", Encoding.UTF8.GetBytes($"{Header}\r\nQ-1,HEI,公示甲有限公司,{First},测试认定单位,2026-01-10\r\nQ-2,NEIBU,公示甲有限公司,{First},测试认定单位,2026-01-10\r\n"));
        // Not on the page before the run: the import only marks what is due.
        Assert.DoesNotContain((await page.SubjectAsync(First, 0, 20, CancellationToken.None)).Lists, l => l.TryGetProperty("source", out var s) && s.GetString() == "IT-PUBLIC");
        Assert.True(await publication.RunAsync(CancellationToken.None) >= 2);
        var listed = Assert.Single((await page.SubjectAsync(First, 0, 20, CancellationToken.None)).Lists, l => l.TryGetProperty("source", out var s) && s.GetString() == "IT-PUBLIC");
        Assert.Equal("IT-PUBLIC/Q-1", listed.GetProperty("entryId").GetString());

        // The source corrects Q-1's subject: the next run moves the copy; a run with nothing due changes nothing.
        await ImportAsync(source, "public-2.csv", Encoding.UTF8.GetBytes($"{Header}\r\nQ-1,HEI,公示乙有限公司,{Second},测试认定单位,2026-01-10\r\n"));
        await publication.RunAsync(CancellationToken.None);
        Assert.DoesNotContain((await page.SubjectAsync(First, 0, 20, CancellationToken.None)).Lists, l => l.TryGetProperty("source", out var s) && s.GetString() == "IT-PUBLIC");
        Assert.Equal("公示乙有限公司", Assert.Single((await page.SubjectAsync(Second, 0, 20, CancellationToken.None)).Lists, l => l.TryGetProperty("source", out var s) && s.GetString() == "IT-PUBLIC").GetProperty("subjectName").GetString());
        Assert.Equal(0, await publication.RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_one_megabyte_cell_and_a_year_9999_are_refused_where_they_are_without_echoing_the_cell_and_the_good_row_goes_in()
    {
        var source = Source("IT-HUGE");
        var huge = new string('事', 1 << 20);
        var report = await ImportAsync(source, "huge.csv", Encoding.UTF8.GetBytes(string.Join("\r\n",
            "来源编号,名单种类,主体名称,主体代码,认定单位,列入事由,列入日期",
            $"H-1,HEI,超长测试公司,91110105MA01EXCH7T,测试认定单位,{huge},2026-01-10",
            "H-2,HEI,远年测试公司,91110105MA01EXCH7T,测试认定单位,事由,9999-01-10",
            "H-3,HEI,正常测试公司,91110105MA01EXCH7T,测试认定单位,事由,2026-01-10") + "\r\n"));

        Assert.Equal((3, 1, 2), (report.Received, report.Created, report.Rejected));
        Assert.Equal([(2L, "列入事由"), (3L, "列入日期")], report.Errors.Select(e => (e.Row, e.Column!)));
        Assert.All(report.Errors, e => Assert.True(!string.IsNullOrEmpty(e.MessageZh) && !string.IsNullOrEmpty(e.MessageEn) && (e.Value?.Length ?? 0) <= 100, $"{e.Code}: {e.Value?.Length} characters echoed"));
        Assert.NotNull(await new ImportedEntryStore(storage).GetAsync(source.Code, "H-3", CancellationToken.None));
    }
}
