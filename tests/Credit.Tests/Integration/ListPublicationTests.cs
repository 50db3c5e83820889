using System.Text.Json;
using Azure.Data.Tables;
using Credit.Calendar;
using Credit.Catalogue;
using Credit.Departments;
using Credit.Disclosure;
using Credit.Functions.Api;
using Credit.JointCases;
using Credit.Lists;
using Credit.Statistics;
using Credit.Storage;
using Credit.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Credit.Tests.Integration;

/// <summary>
/// Red and black list entries in public view: published by the disclosure run once in effect, masked, judged on time
/// or late as 双公示 is, withdrawn with a notice; the watch list never; one entry that cannot be published holds
/// back no other. On an Azurite of its own, so that the public lists hold only this test's entries.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class ListPublicationTests : IAsyncLifetime
{
    const string Person = "110105198001010016";
    const string Representative = "360426199101010071";
    static readonly string Department = Rows.DepartmentCode(611);
    static readonly string Company = Rows.DepartmentCode(612);
    static readonly string OtherCompany = Rows.DepartmentCode(613);
    readonly AzuriteProcess azurite = new();
    readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider clock = new(new DateTimeOffset(2025, 3, 5, 4, 0, 0, TimeSpan.Zero));
    StorageClients storage = null!;

    public async Task InitializeAsync()
    {
        await azurite.StartAsync();
        storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        await TestStorage.RegisterDepartmentAsync(storage, Department, "北京市名单公示局");
    }

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    DisclosureDeadlines Deadlines { get; } = new(WorkingDayCalendar.Default, Options.Create(new Credit.Intake.IntakeOptions()));

    ListDisclosureSchedule Schedule() => new(storage, new DepartmentRegistry(storage, new ApiKeys(storage, clock), clock), Deadlines);

    /// <summary>Stores the entry and queues its public copy, as the case's opening step does.</summary>
    async Task<ListEntry> ListAsync(string type, string subject, string name, string document, string startDate, string? catalogueCode = null, string category = "严重失信", string field = "食品药品", IReadOnlyList<ResponsiblePersonDraft>? persons = null)
    {
        var (entry, errors) = new ListEntryValidator(TestStorage.SubjectKeys(storage)).Validate(Department, new ListEntryDraft(
            type, subject, name, category, field, "《北京市社会信用条例》第二十九条", document, startDate, type == "watch" ? "12" : "24", persons ?? [], catalogueCode), CatalogueSnapshot.Seeded);
        Assert.True(entry is not null, string.Join("; ", errors.Select(e => e.MessageEn)));
        await new ListStore(storage, TestStorage.DataKeys(storage)).CreateAsync(entry!, clock.GetUtcNow());
        await Schedule().EnqueueAsync(entry!, CancellationToken.None);
        return entry!;
    }

    Task<DisclosureRunResult> RunAsync() => TestStorage.DisclosureRun(storage, clock).RunAsync(CancellationToken.None);

    async Task<JsonElement> ListPageAsync(string type, string query = "")
    {
        using var rateLimit = new PublicRateLimit(Options.Create(new PublicApiOptions()));
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query);
        var result = await new PublicListsApi(new PublicListStore(storage), rateLimit).GetPublicList(context.Request, type, CancellationToken.None);
        return JsonSerializer.SerializeToElement(Assert.IsType<OkObjectResult>(result).Value, PublicJson.Options);
    }

    static IEnumerable<string?> Ids(JsonElement page) => page.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("entryId").GetString());

    [Fact]
    public async Task Red_and_black_entries_are_published_masked_on_time_or_late_and_the_watch_list_never()
    {
        var black = await ListAsync("black", Company, "北京名单示例有限公司", "京名黑〔2025〕1号", "2025-03-03",
            persons: [new ResponsiblePersonDraft("法定代表人", "王五", Representative)]);
        var person = await ListAsync("black", Person, "李四", "京名黑〔2025〕2号", "2025-03-04", catalogueCode: "BL-GENERAL");
        // Started in January: 7 working days passed long before this run.
        var late = await ListAsync("black", OtherCompany, "北京迟公示有限公司", "京名黑〔2025〕3号", "2025-01-02", field: "安全生产");
        var red = await ListAsync("red", Rows.DepartmentCode(614), "北京守信示例有限公司", "京名红〔2025〕1号", "2025-03-05", category: "守信激励对象");
        var watch = await ListAsync("watch", Rows.DepartmentCode(615), "北京关注示例有限公司", "京名关〔2025〕1号", "2025-03-03", catalogueCode: "WL-GENERAL");
        var future = await ListAsync("black", Rows.DepartmentCode(616), "北京未生效示例有限公司", "京名黑〔2025〕4号", "2025-03-10");

        var run = await RunAsync();
        Assert.Equal(new ListDisclosureResult(4, 1, 0), run.Lists);
        var blackList = await ListPageAsync("black");
        Assert.Equal(new[] { black.Id, person.Id, late.Id }.Order(), Ids(blackList).Order());
        Assert.Equal([red.Id], Ids(await ListPageAsync("red")));
        Assert.Equal([late.Id], Ids(await ListPageAsync("black", "?field=" + Uri.EscapeDataString("安全生产"))));

        var masked = blackList.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("entryId").GetString() == person.Id);
        Assert.Equal(("李*", "110105********0016", "NaturalPerson"), (masked.GetProperty("subjectName").GetString(), masked.GetProperty("subjectCode").GetString(), masked.GetProperty("subjectKind").GetString()));
        var text = blackList.ToString() + await TableTextAsync(StorageNames.PublicRecordsTable) + await TableTextAsync(StorageNames.PublicListsTable);
        Assert.DoesNotContain(Person, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Representative, text, StringComparison.Ordinal);
        Assert.DoesNotContain("李四", text, StringComparison.Ordinal);
        Assert.DoesNotContain(watch.Id, text, StringComparison.Ordinal);
        Assert.Contains("王五", text, StringComparison.Ordinal);

        // Counted in the department's disclosure facts like a record: three on time, one late; rebuilt the same from the entries.
        var facts = new List<StatisticEvent>();
        await foreach (var fact in new PublicationFacts(storage).FactsAsync(clock.GetUtcNow().AddDays(-1), clock.GetUtcNow().AddDays(1), CancellationToken.None))
        {
            facts.Add(fact);
        }

        Assert.Equal((3, 1), (facts.Where(f => f.Kind == StatisticKinds.DisclosedOnTime).Sum(f => f.Count), facts.Where(f => f.Kind == StatisticKinds.DisclosedLate).Sum(f => f.Count)));
        var lateRow = (await storage.Table(StorageNames.ListEntriesTable).GetEntityAsync<TableEntity>(Department, late.Id)).Value;
        Assert.Equal((true, "2025-01-13"), (lateRow.GetBoolean(DisclosureState.Late), lateRow.GetString("DisclosureDeadline")));

        // A repeated run changes nothing; the entry starting on 2025-03-10 is published from that day.
        Assert.Equal(new ListDisclosureResult(0, 0, 0), (await RunAsync()).Lists);
        clock.Advance(TimeSpan.FromDays(5));
        Assert.Equal(new ListDisclosureResult(1, 0, 0), (await RunAsync()).Lists);
        Assert.Contains(future.Id, Ids(await ListPageAsync("black")));
    }

    [Fact]
    public async Task An_entry_that_leaves_its_list_leaves_a_notice_and_one_that_leaves_before_a_run_published_it_is_counted_and_withdrawn_by_that_run()
    {
        var repaired = await ListAsync("black", Company, "北京名单示例有限公司", "京名黑〔2025〕11号", "2025-03-03");
        await RunAsync();
        var quick = await ListAsync("black", OtherCompany, "北京撤销示例有限公司", "京名黑〔2025〕12号", "2025-03-03");
        var future = await ListAsync("black", Rows.DepartmentCode(617), "北京未生效撤销有限公司", "京名黑〔2025〕13号", "2025-03-10");

        // What the cases' closing steps write.
        await Schedule().ScheduleWithdrawalAsync(repaired, CaseEndReason.Repaired, new DateOnly(2025, 3, 5), CancellationToken.None);
        await Schedule().ScheduleWithdrawalAsync(quick, CaseEndReason.ObjectionUpheld, new DateOnly(2025, 3, 5), CancellationToken.None);
        await Schedule().ScheduleWithdrawalAsync(future, CaseEndReason.ObjectionUpheld, new DateOnly(2025, 3, 5), CancellationToken.None);
        Assert.Equal(new ListDisclosureResult(1, 0, 2), (await RunAsync()).Lists);

        Assert.Empty(Ids(await ListPageAsync("black")));
        var notices = (await ListPageAsync("black", "?status=removed")).GetProperty("entries").EnumerateArray().ToDictionary(n => n.GetProperty("entryId").GetString()!);
        Assert.Equal(new[] { quick.Id, repaired.Id }.Order(), notices.Keys.Order());
        Assert.Equal(("removed", "信用修复", "2025-03-05"), (notices[repaired.Id].GetProperty("status").GetString(), notices[repaired.Id].GetProperty("reasonZh").GetString(), notices[repaired.Id].GetProperty("removedOn").GetString()));
        Assert.Equal("异议成立", notices[quick.Id].GetProperty("reasonZh").GetString());
        var page = await new PublicStore(storage).SubjectAsync(repaired.SubjectKey, 0, 20, CancellationToken.None);
        Assert.Equal("removed", Assert.Single(page.Lists).GetProperty("status").GetString());
        Assert.Empty(page.Records);

        // Counted as published (the repaired one by the run before); the one whose start date had not come never enters view.
        Assert.NotNull((await storage.Table(StorageNames.ListEntriesTable).GetEntityAsync<TableEntity>(Department, quick.Id)).Value.GetDateTimeOffset(DisclosureState.PublishedAt));
        Assert.DoesNotContain(future.Id, await TableTextAsync(StorageNames.PublicRecordsTable) + await TableTextAsync(StorageNames.PublicListsTable), StringComparison.Ordinal);
        clock.Advance(TimeSpan.FromDays(5));
        Assert.Equal(new ListDisclosureResult(0, 0, 0), (await RunAsync()).Lists);
    }

    [Fact]
    public async Task One_entry_that_cannot_be_published_is_quarantined_while_the_others_are_published()
    {
        var good = await ListAsync("black", Company, "北京名单示例有限公司", "京名黑〔2025〕21号", "2025-03-03");
        var poisoned = await ListAsync("black", OtherCompany, "北京毒数据示例有限公司", "京名黑〔2025〕22号", "2025-03-03");
        await storage.Table(StorageNames.DisclosureQueueTable).UpdateEntityAsync(
            new TableEntity("publish-list", poisoned.Id) { ["Json"] = "{\"entryId\":" }, Azure.ETag.All, TableUpdateMode.Merge);

        Assert.Equal(1, (await RunAsync()).Lists.Published);
        Assert.Equal([good.Id], Ids(await ListPageAsync("black")));
        for (var run = 2; run <= Credit.Quarantine.QuarantineStore.MaxAttempts; run++)
        {
            await RunAsync();
        }

        var quarantined = Assert.Single(await new Credit.Quarantine.QuarantineStore(storage, new StatisticsLedger(storage), clock).ListAsync(CancellationToken.None));
        Assert.Equal(($"list|{poisoned.Id}", Department, true), (quarantined.Item, quarantined.Department, quarantined.Quarantined));
        Assert.Equal([good.Id], Ids(await ListPageAsync("black")));
    }

    async Task<string> TableTextAsync(string table)
    {
        var text = new System.Text.StringBuilder();
        await foreach (var row in storage.Table(table).QueryAsync<TableEntity>())
        {
            text.AppendLine(row.GetString("Json"));
        }

        return text.ToString();
    }
}
