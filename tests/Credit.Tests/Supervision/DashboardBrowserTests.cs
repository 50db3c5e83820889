using System.Globalization;
using System.Text.Json;
using Credit.Testing;
using Credit.Tests.Support;
using Microsoft.Playwright;
using static Credit.Tests.Supervision.SupervisionFixture;

namespace Credit.Tests.Supervision;

/// <summary>
/// The dashboard in headless chromium (Debian's, which scripts/test.sh installs where missing) against the fixture's
/// running product: the figures it shows are the API's, filtering, drill-down to an overdue case's timeline, the
/// language toggle, the notice's download, and an accessibility scan of each view. Screenshots go to
/// TestResults/screenshots.
/// </summary>
[Collection(SupervisionGroup.Name)]
public sealed class DashboardBrowserTests(SupervisionFixture fixture) : IAsyncLifetime
{
    IPlaywright playwright = null!;
    IBrowser browser = null!;
    // Waits are Playwright's assertions, not page functions: the pages run under the product's Content-Security-Policy, which forbids eval.
    IPage page = null!;

    public async Task InitializeAsync()
    {
        (playwright, browser) = await Browser.LaunchAsync();
        page = await browser.NewPageAsync(new() { BaseURL = fixture.Runtime.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 }, AcceptDownloads = true });
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    async Task SignInAsync(string key)
    {
        await page.GotoAsync("/dashboard");
        await page.FillAsync("#api-key", key);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("#month");
        await page.FillAsync("#month", Month);
        await page.Locator("#month").DispatchEventAsync("change");
        await page.WaitForSelectorAsync($"#app[data-month='{Month}'] #departments tbody tr");
    }

    Task ScreenshotAsync(string name) => Browser.ScreenshotAsync(page, name);

    Task AssertAccessibleAsync(string view) => Browser.AssertAccessibleAsync(page, view);

    async Task<string> KpiAsync(string key) => (await page.Locator($"[data-kpi={key}] .value").InnerTextAsync()).Trim();

    async Task<string> CellAsync(string department, string column) =>
        (await page.Locator($"#departments tr[data-department='{department}'] td[data-column={column}]").InnerTextAsync()).Trim();

    static string Percent(double onTime, double due) => due == 0 ? "—" : (onTime / due * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    [Fact]
    public async Task The_overview_shows_the_figures_the_api_gives()
    {
        await SignInAsync(fixture.SupervisorKey);
        using var supervisor = fixture.AsSupervisor();
        var figures = (await supervisor.GetJsonAsync($"api/statistics?month={Month}")).Body.GetProperty("figures").EnumerateArray().ToList();
        long Sum(Func<JsonElement, long> pick) => figures.Sum(pick);
        long Part(JsonElement f, string part, string what) => f.GetProperty(part).GetProperty(what).GetInt64();

        Assert.Equal(Sum(f => f.GetProperty("uploads").GetInt64()).ToString(CultureInfo.InvariantCulture), await KpiAsync("uploads"));
        Assert.Equal(Sum(f => f.GetProperty("recordsAccepted").GetInt64()).ToString(CultureInfo.InvariantCulture), await KpiAsync("recordsAccepted"));
        Assert.Equal(Sum(f => f.GetProperty("recordsRejected").GetInt64()).ToString(CultureInfo.InvariantCulture), await KpiAsync("recordsRejected"));
        Assert.Equal(Sum(f => f.GetProperty("overdueItems").GetInt64()).ToString(CultureInfo.InvariantCulture), await KpiAsync("overdueItems"));
        Assert.Equal(Sum(f => f.GetProperty("pushesReceived").GetInt64()).ToString(CultureInfo.InvariantCulture), await KpiAsync("pushesReceived"));
        var feedbackOnTime = Sum(f => Part(f, "feedback", "onTime"));
        Assert.Equal(Percent(feedbackOnTime, feedbackOnTime + Sum(f => Part(f, "feedback", "late") + Part(f, "feedback", "overdue"))), await KpiAsync("feedbackOnTime"));
        Assert.Equal(Percent(Sum(f => f.GetProperty("licencesChecked").GetInt64()), Sum(f => f.GetProperty("licencesDecided").GetInt64())), await KpiAsync("checkCoverage"));
        var sharedOnTime = Sum(f => Part(f, "sharing", "onTime"));
        Assert.Equal(Percent(sharedOnTime, sharedOnTime + Sum(f => Part(f, "sharing", "late"))), await KpiAsync("sharingOnTime"));

        // The office's own handling of complaints of governments' breaches, summed over the bodies complained of.
        var handled = new[] { "onTime", "late", "overdue" }.Select(k => Sum(f => f.GetProperty("integrity").GetProperty("complaintHandling").GetProperty(k).GetInt64()));
        Assert.Contains(string.Join(" / ", handled), await page.Locator("#complaint-handling").InnerTextAsync(), StringComparison.Ordinal);

        Assert.Equal(figures.Count, await page.Locator("#departments tbody tr").CountAsync());
        foreach (var f in figures)
        {
            var code = f.GetProperty("department").GetString()!;
            Assert.Equal(f.GetProperty("overdueItems").GetInt64().ToString(CultureInfo.InvariantCulture), await CellAsync(code, "overdueItems"));
            Assert.Equal(f.GetProperty("recordsAccepted").GetInt64().ToString(CultureInfo.InvariantCulture), await CellAsync(code, "recordsAccepted"));
        }

        Assert.Equal("0.0%", await CellAsync(Court, "feedback"));
        Assert.Equal(1, await page.Locator("#run").CountAsync());
        // The departments the month's notice names are shown with why.
        var notice = (await supervisor.GetJsonAsync($"api/reports/{Month}")).Body.GetProperty("named").EnumerateArray().ToList();
        Assert.NotEmpty(notice);
        Assert.Equal(notice.Select(n => n.GetProperty("department").GetString()).Order(), (await page.Locator("#named li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.department)")).Order());
        foreach (var named in notice)
        {
            Assert.Contains(named.GetProperty("shortfalls")[0].GetProperty("messageZh").GetString()!, await page.Locator($"#named li[data-department='{named.GetProperty("department").GetString()}']").InnerTextAsync(), StringComparison.Ordinal);
        }

        // The overdue KPI is the overdue list: every item the figures count is listed, disclosures too, each by its department's name.
        var overdue = (await supervisor.GetJsonAsync($"api/statistics/overdue?month={Month}")).Body;
        var listed = overdue.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal((overdue.GetProperty("count").GetInt32().ToString(CultureInfo.InvariantCulture), listed.Count), (await KpiAsync("overdueItems"), await page.Locator("table.overdue tbody tr").CountAsync()));
        Assert.Equal(Sum(f => Part(f, "disclosure", "overdue")), listed.Count(i => i.GetProperty("kind").GetString() == "disclosure-overdue"));
        Assert.True(listed.Count >= 5);
        var court = figures.Single(f => f.GetProperty("department").GetString() == Court).GetProperty("name").GetString()!;
        Assert.Contains(court, await page.Locator("table.overdue").InnerTextAsync(), StringComparison.Ordinal);
        await ScreenshotAsync("overview");
        await AssertAccessibleAsync("overview");
    }

    [Fact]
    public async Task Filtering_sorting_and_drilling_down_to_an_overdue_case_timeline()
    {
        await SignInAsync(fixture.SupervisorKey);
        await page.FillAsync("#filter", "法院");
        await Assertions.Expect(page.Locator("#departments tbody tr")).ToHaveCountAsync(1);
        Assert.Equal(Court, await page.Locator("#departments tbody tr").GetAttributeAsync("data-department"));
        Assert.Equal("5", await KpiAsync("overdueItems"));

        await page.FillAsync("#filter", string.Empty);
        await Assertions.Expect(page.Locator("#departments tbody tr")).ToHaveCountAsync(4);
        await page.ClickAsync("button[data-sort=overdueItems]");
        await page.ClickAsync("button[data-sort=overdueItems]");
        Assert.Equal(Court, await page.Locator("#departments tbody tr").First.GetAttributeAsync("data-department"));
        Assert.Equal("descending", await page.Locator("th:has(button[data-sort=overdueItems])").GetAttributeAsync("aria-sort"));

        await page.ClickAsync($"#departments tr[data-department='{Court}'] a");
        await page.WaitForSelectorAsync("#department-figures");
        Assert.Contains(CourtName, await page.Locator("#department-title").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(5, await page.Locator("table.overdue tbody tr").CountAsync());

        // 分类监管: the department's population by grade is the API's, beside its chart.
        using (var office = fixture.AsSupervisor())
        {
            var grades = (await office.GetJsonAsync($"api/evaluation/grades?department={Court}")).Body;
            var expected = new[] { "A", "B", "C", "D" }.Select(g => grades.GetProperty("grades").GetProperty(g).GetInt32()).Append(grades.GetProperty("notYetEvaluated").GetInt32());
            Assert.Equal(expected.Select(n => n.ToString(CultureInfo.InvariantCulture)), (await page.Locator("#grades tbody td").AllInnerTextsAsync()).Select(c => c.Trim()));
            Assert.Equal((1, 1, 1), (await page.Locator("#chart-grades").CountAsync(), await page.Locator("#department-chart-shares").CountAsync(), await page.Locator("#department-chart-records").CountAsync()));
        }

        await ScreenshotAsync("department");
        await AssertAccessibleAsync("department");

        await page.Locator("table.overdue a").First.ClickAsync();
        await page.WaitForSelectorAsync("#timeline li");
        Assert.Equal(("InEffect", "措施实施中"), (await page.Locator("#case-state").GetAttributeAsync("data-state"), await page.Locator("#case-state").InnerTextAsync()));

        // The case page lists its assignments as the API gives them, the overdue ones marked, states in words.
        using (var office = fixture.AsSupervisor())
        {
            var caseId = page.Url[(page.Url.IndexOf("#case/", StringComparison.Ordinal) + "#case/".Length)..];
            var view = (await office.GetJsonAsync($"api/cases/{caseId}")).Body;
            var found = view.GetProperty("assignments").EnumerateArray().ToList();
            Assert.Equal(found.Count, await page.Locator("#assignments tbody tr").CountAsync());
            // Each department by its registered name, as the case names it.
            var names = view.GetProperty("departmentNames");
            Assert.Equal(
                found.Select(a => names.GetProperty(a.GetProperty("department").GetString()!).GetString()),
                (await page.Locator("#assignments tbody td[data-department]").AllInnerTextsAsync()).Select(n => n.Trim()));
            Assert.Equal(found.Count(a => a.GetProperty("overdue").GetBoolean()), await page.Locator("#assignments td.bad").CountAsync());
            Assert.DoesNotContain("Pending", await page.Locator("#assignments").InnerTextAsync(), StringComparison.Ordinal);
        }

        var kinds = await page.Locator("#timeline li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.kind)");
        Assert.Contains("push", kinds);
        Assert.Contains("feedback", kinds);
        Assert.Contains("overdue", kinds);
        Assert.Contains(CourtName[..2], await page.Locator("#timeline").InnerTextAsync(), StringComparison.Ordinal);
        await ScreenshotAsync("case-timeline");
        await AssertAccessibleAsync("case timeline");
    }

    [Fact]
    public async Task An_objection_page_shows_its_facts_decision_and_timeline_in_both_languages_as_the_api_gives_them()
    {
        await SignInAsync(fixture.SupervisorKey);
        using var office = fixture.AsSupervisor();
        var detail = (await office.GetJsonAsync($"api/objections/{fixture.ObjectionId}")).Body;
        await page.EvaluateAsync($"location.hash = '#objection/{fixture.ObjectionId}'");
        await Assertions.Expect(page.Locator("#remedy-state")).ToHaveAttributeAsync("data-state", "Rejected");
        await Assertions.Expect(page.Locator("#remedy-state")).ToHaveTextAsync("异议不成立");
        var facts = await page.Locator("#remedy-facts").InnerTextAsync();
        foreach (var expected in new[] { "经核实，金额与决定书一致", "处罚金额录入有误", "北京市生态环境局", detail.GetProperty("remedy").GetProperty("deadline").GetString()! })
        {
            Assert.Contains(expected, facts, StringComparison.Ordinal);
        }

        var kinds = detail.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(kinds, await page.Locator("#timeline li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.kind)"));
        Assert.Contains("decided", kinds);
        Assert.Equal($"#record/{detail.GetProperty("remedy").GetProperty("item").GetProperty("id").GetString()}", await page.Locator("#remedy-facts a").GetAttributeAsync("href"));
        await AssertAccessibleAsync("objection");

        await page.ClickAsync("#language");
        await Assertions.Expect(page.Locator("#remedy-state")).ToHaveTextAsync("Rejected");
        Assert.Contains("Deciding department", await page.Locator("#remedy-facts").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Null(await page.Locator("html").GetAttributeAsync("data-untranslated"));
        await page.ClickAsync("#language");
    }

    [Fact]
    public async Task Every_text_of_the_overview_a_department_and_a_case_is_translated_in_both_languages()
    {
        await SignInAsync(fixture.SupervisorKey);
        foreach (var language in new[] { "zh", "en" })
        {
            if (language == "en")
            {
                // Back to the overview in the same page (the month chosen is kept), then to English.
                await page.Locator("a[href='#']").First.ClickAsync();
                await page.WaitForSelectorAsync("#departments tbody tr");
                await page.ClickAsync("#language");
                await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
                await page.WaitForSelectorAsync("#departments tbody tr");
            }

            await page.ClickAsync($"#departments tr[data-department='{Court}'] a");
            await page.WaitForSelectorAsync("#department-figures");
            await page.Locator("table.overdue a").First.ClickAsync();
            await page.WaitForSelectorAsync("#timeline li");

            // The initiator's rejected row is counted under its reason, named in the language shown.
            await page.EvaluateAsync($"location.hash = '#department/{Initiator}'");
            await Assertions.Expect(page.Locator("#rejected-by-reason li[data-code=USCC_CHECK_CHARACTER]")).ToHaveTextAsync(
                (language == "zh" ? "统一社会信用代码校验位错误" : "the check character of the unified social credit code is wrong") + " (USCC_CHECK_CHARACTER): 1");
            Assert.Null(await page.Locator("html").GetAttributeAsync("data-untranslated"));
        }
    }

    [Fact]
    public async Task At_375_pixels_the_overview_a_department_and_a_case_need_no_horizontal_scrolling()
    {
        await page.SetViewportSizeAsync(375, 812);
        await SignInAsync(fixture.SupervisorKey);
        async Task AssertFitsAsync(string view)
        {
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 375, $"{view}: the page is {width} px wide at a 375 px viewport");
            await ScreenshotAsync($"narrow-{view}");
        }

        await AssertFitsAsync("overview");
        await page.ClickAsync($"#departments tr[data-department='{Court}'] a");
        await page.WaitForSelectorAsync("#department-figures");
        await AssertFitsAsync("department");
        await page.Locator("table.overdue a").First.ClickAsync();
        await page.WaitForSelectorAsync("#timeline li");
        await AssertFitsAsync("case");
    }

    [Fact]
    public async Task The_language_toggle_switches_to_english_and_back()
    {
        await SignInAsync(fixture.SupervisorKey);
        Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("本月总览", await page.Locator("#overview-title").InnerTextAsync());

        await page.ClickAsync("#language");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        Assert.Equal("This month", await page.Locator("#overview-title").InnerTextAsync());
        Assert.Equal("Overdue items", (await page.Locator("[data-kpi=overdueItems] .name").InnerTextAsync()).Trim());
        Assert.Equal("5", await KpiAsync("overdueItems"));
        await ScreenshotAsync("overview-english");
        await AssertAccessibleAsync("overview in English");

        await page.ClickAsync("#language");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        Assert.Equal("本月总览", await page.Locator("#overview-title").InnerTextAsync());
    }

    [Fact]
    public async Task The_months_notice_downloads_from_the_dashboard()
    {
        await SignInAsync(fixture.SupervisorKey);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#notice"));
        Assert.Equal($"notice-{Month}.html", download.SuggestedFilename);
        var saved = Path.Combine(Browser.Screenshots, download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        var notice = await File.ReadAllTextAsync(saved);
        Assert.Contains("信用联合奖惩工作情况通报", notice, StringComparison.Ordinal);
        Assert.Contains(CourtName, notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_reference_page_shows_every_operation_of_the_served_document()
    {
        using var anyone = new ProductApi(fixture.Runtime.BaseAddress, null);
        var (status, document) = await anyone.GetJsonAsync("api/openapi.json");
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        var operations = document.GetProperty("paths").EnumerateObject().Sum(p => p.Value.EnumerateObject().Count());
        Assert.Equal(Functions.OpenApi.OpenApiDocument.HttpFunctions(typeof(Functions.OpenApi.OpenApiFunction).Assembly).Where(f => f.Operation?.InDocument != false).Sum(f => f.Methods.Length), operations);

        await page.GotoAsync("/dashboard/api-docs/");
        await Assertions.Expect(page.Locator(".opblock")).ToHaveCountAsync(operations, new() { Timeout = 30_000 });
        await ScreenshotAsync("api-reference");
    }

    [Fact]
    public async Task The_reports_of_dishonesty_not_yet_decided_are_listed_for_the_office_and_for_the_department_they_were_sent_to()
    {
        using var anyone = new ProductApi(fixture.Runtime.BaseAddress, null);
        var (filed, report) = await anyone.PostJsonAsync("api/public/reports-of-dishonesty", new { subjectName = "北京看板被举报有限公司", conduct = "拒不履行生效判决", anonymous = true });
        Assert.True(filed == System.Net.HttpStatusCode.Created, report.ToString());
        var id = report.GetProperty("id").GetString()!;
        using (var supervisor = fixture.AsSupervisor())
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await supervisor.PostJsonAsync($"api/reports-of-dishonesty/{id}/assignment", new { department = Court })).Status);
        }

        await SignInAsync(fixture.SupervisorKey);
        var row = page.Locator($"#reports tr:has(a[href='#report/{id}'])");
        await Assertions.Expect(row).ToContainTextAsync("办理中");
        Assert.Contains(CourtName, await row.InnerTextAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync("reports of dishonesty");
        await row.Locator("a").ClickAsync();
        await Assertions.Expect(page.Locator("#item-title")).ToContainTextAsync(id);
        Assert.DoesNotContain("sealedReporter", await page.Locator("pre").InnerTextAsync(), StringComparison.Ordinal);

        await page.ClickAsync("#sign-out");
        await SignInAsync(fixture.KeyOf(Court));
        await Assertions.Expect(page.Locator($"#reports a[href='#report/{id}']")).ToHaveCountAsync(1);
        Assert.Equal((0, 0), (await page.Locator("#complaints").CountAsync(), await page.Locator("#complaint-handling").CountAsync()));
        await page.ClickAsync("#sign-out");
        await SignInAsync(fixture.KeyOf(Finance));
        Assert.Equal(0, await page.Locator($"#reports a[href='#report/{id}']").CountAsync());
    }

    [Fact]
    public async Task A_wrong_key_is_refused_and_a_department_sees_only_itself()
    {
        await page.GotoAsync("/dashboard");
        await page.FillAsync("#api-key", "ck_not-a-key");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("[role=alert]");
        Assert.Equal("密钥无效或已停用", (await page.Locator("[role=alert]").InnerTextAsync()).Trim());
        await AssertAccessibleAsync("sign-in");

        await SignInAsync(fixture.KeyOf(Finance));
        Assert.Equal([Finance], await page.Locator("#departments tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.department)"));
        Assert.Equal(0, await page.Locator("#run").CountAsync());
    }
}
