using Credit.Testing;
using Credit.Tests.Support;
using Microsoft.Playwright;

namespace Credit.Tests.Portal;

/// <summary>
/// The public portal in headless chromium (Debian's, as the dashboard's tests) against a running product: search by
/// name and by code, a subject's page with its list status and its records newest first in pages, an ID number never
/// shown whole, the empty and the malformed search explained, the language toggle, a phone's 375 px without sideways
/// scrolling, the daily files downloaded, and an accessibility scan of each view. Screenshots go to TestResults/screenshots.
/// </summary>
public sealed class PortalBrowserTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    IPlaywright playwright = null!;
    IBrowser browser = null!;

    public async Task InitializeAsync() => (playwright, browser) = await Browser.LaunchAsync();

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    async Task<IPage> OpenAsync(int width = 1280, int height = 900)
    {
        var page = await browser.NewPageAsync(new() { BaseURL = fixture.Runtime.BaseAddress.ToString(), ViewportSize = new() { Width = width, Height = height }, AcceptDownloads = true });
        await page.GotoAsync("/portal/");
        await page.WaitForSelectorAsync("#query");
        return page;
    }

    static async Task SearchAsync(IPage page, string query)
    {
        await page.FillAsync("#query", query);
        await page.ClickAsync("button[type=submit]");
    }

    static Task AssertAccessibleAsync(IPage page, string view) => Browser.AssertAccessibleAsync(page, view);

    static Task ScreenshotAsync(IPage page, string name) => Browser.ScreenshotAsync(page, $"portal-{name}");

    static Task<IReadOnlyList<string>> ColumnAsync(IPage page, int column) =>
        page.Locator($"#records tbody tr td:nth-child({column})").AllInnerTextsAsync();

    [Fact]
    public async Task A_name_search_opens_the_subject_page_with_its_list_status_and_its_records_newest_first_in_pages()
    {
        var page = await OpenAsync();
        await AssertAccessibleAsync(page, "home");
        await SearchAsync(page, "北京门户");
        await page.ClickAsync($"#results a:has-text('{PortalFixture.CompanyName}')");
        await Assertions.Expect(page.Locator("#subject-name")).ToHaveTextAsync(PortalFixture.CompanyName);
        Assert.Equal(PortalFixture.Company, await page.Locator("#subject-code").InnerTextAsync());

        await Assertions.Expect(page.Locator("#lists tbody tr")).ToHaveCountAsync(1);
        var listed = await page.Locator("#lists tbody tr").InnerTextAsync();
        Assert.Contains("黑名单", listed, StringComparison.Ordinal);
        Assert.Contains(PortalFixture.BlackListDocument, listed, StringComparison.Ordinal);
        Assert.Contains("北京市门户测试局", listed, StringComparison.Ordinal);

        // 25 penalties decided 2025-02-01 .. 2025-02-25 and one of 2024: the newest first, 20 a page; the newest under
        // objection, the one of 2024 repaired (已修复 with the day of the decision).
        await Assertions.Expect(page.Locator("#records tbody tr")).ToHaveCountAsync(20);
        var days = await ColumnAsync(page, 3);
        Assert.Equal("2025-02-25", days[0]);
        Assert.Equal(days.OrderByDescending(d => d, StringComparer.Ordinal), days);
        Assert.Equal("异议处理中", (await ColumnAsync(page, 6))[0]);
        Assert.Contains("共 26 条", await page.Locator("#page-of").InnerTextAsync(), StringComparison.Ordinal);
        await ScreenshotAsync(page, "subject");
        await AssertAccessibleAsync(page, "subject page");

        await page.ClickAsync("#next");
        await Assertions.Expect(page.Locator("#records tbody tr")).ToHaveCountAsync(6);
        Assert.Equal(["2025-02-05", "2025-02-04", "2025-02-03", "2025-02-02", "2025-02-01", "2024-06-03"], await ColumnAsync(page, 3));
        Assert.Equal("已修复 2025-03-05", (await ColumnAsync(page, 6))[5]);
        Assert.Equal(PortalFixture.Repaired, (await ColumnAsync(page, 2))[5]);
        Assert.True(await page.Locator("#next").IsDisabledAsync());
        await page.ClickAsync("#previous");
        await Assertions.Expect(page.Locator("#records tbody tr")).ToHaveCountAsync(20);
    }

    [Fact]
    public async Task A_public_self_declaration_shows_on_the_subject_page_in_both_languages()
    {
        var page = await OpenAsync();
        await SearchAsync(page, PortalFixture.Company);
        await Assertions.Expect(page.Locator("#commitments tbody tr")).ToHaveCountAsync(1);
        var shown = await page.Locator("#commitments tbody tr").InnerTextAsync();
        foreach (var expected in new[] { "主动公开承诺", "北京市门户测试局", PortalFixture.CommitmentReference, "本企业承诺所售食品来源合法、质量合格", "2025-03-04", "履行中" })
        {
            Assert.Contains(expected, shown, StringComparison.Ordinal);
        }

        await AssertAccessibleAsync(page, "commitments");
        await page.ClickAsync("#language");
        await Assertions.Expect(page.Locator("#commitments tbody tr")).ToContainTextAsync("Public self-declaration");
    }

    [Fact]
    public async Task An_organisations_grade_shows_on_its_page_as_its_credit_check_gives_it_in_both_languages_and_a_persons_never()
    {
        using var department = new ProductApi(fixture.Runtime.BaseAddress, fixture.DepartmentKey);
        var checkedGrade = (await department.GetJsonAsync($"api/subjects/{PortalFixture.Company}/credit-check?department={PortalFixture.Department}")).Body.GetProperty("evaluation").GetProperty("grade").GetString();
        var page = await OpenAsync();
        await SearchAsync(page, PortalFixture.Company);
        await Assertions.Expect(page.Locator("#grade")).ToHaveAttributeAsync("data-grade", checkedGrade!);
        await Assertions.Expect(page.Locator("#grade")).ToContainTextAsync($"{checkedGrade}级（信用评价模型第1版");
        await AssertAccessibleAsync(page, "grade");
        await page.ClickAsync("#language");
        await Assertions.Expect(page.Locator("#grade")).ToContainTextAsync($"Grade {checkedGrade} (evaluation model version 1, evaluated ");

        using var anyone = new ProductApi(fixture.Runtime.BaseAddress, null);
        var (status, person) = await anyone.GetJsonAsync($"api/public/subjects/{PortalFixture.Person}");
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.False(person.TryGetProperty("grade", out var grade) && grade.ValueKind != System.Text.Json.JsonValueKind.Null, person.ToString());
        var personPage = await OpenAsync();
        await SearchAsync(personPage, PortalFixture.Person);
        await Assertions.Expect(personPage.Locator("#subject-code")).ToHaveTextAsync("110105********0016");
        await Assertions.Expect(personPage.Locator("#grade")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_subject_another_platform_lists_shows_that_entry_named_with_the_platform_in_both_languages()
    {
        var page = await OpenAsync();
        await SearchAsync(page, PortalFixture.ImportedCompany);
        await Assertions.Expect(page.Locator("#lists tbody tr")).ToHaveCountAsync(1);
        var listed = await page.Locator("#lists tbody tr").InnerTextAsync();
        foreach (var expected in new[] { "黑名单", "全国信用信息共享平台列入", "失信被执行人", "（2025）京门执1号", PortalFixture.ImportingAuthority, "2025-01-06" })
        {
            Assert.Contains(expected, listed, StringComparison.Ordinal);
        }

        await AssertAccessibleAsync(page, "imported entry");
        await page.ClickAsync("#language");
        await Assertions.Expect(page.Locator("#lists tbody tr")).ToContainTextAsync("Listed by National Credit Information Sharing Platform");
    }

    [Fact]
    public async Task A_government_bodys_dishonesty_record_shows_on_its_page_in_both_languages()
    {
        var page = await OpenAsync();
        await SearchAsync(page, PortalFixture.GovernmentBody);
        await Assertions.Expect(page.Locator("#government-records tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#subject-name")).ToHaveTextAsync(PortalFixture.GovernmentBodyName);
        var shown = await page.Locator("#government-records tbody tr").InnerTextAsync();
        foreach (var expected in new[] { "司法判决", PortalFixture.JudgmentDocument, "2025-02-10", "北京市门户区人民法院", "拒不履行生效判决确定的工程款支付义务" })
        {
            Assert.Contains(expected, shown, StringComparison.Ordinal);
        }

        await AssertAccessibleAsync(page, "government records");
        await page.ClickAsync("#language");
        await Assertions.Expect(page.Locator("#government-records tbody tr")).ToContainTextAsync("Court judgment");
    }

    [Fact]
    public async Task An_id_search_never_shows_the_number_whole_and_empty_or_malformed_searches_say_why()
    {
        var page = await OpenAsync();
        await SearchAsync(page, PortalFixture.Person);
        await Assertions.Expect(page.Locator("#subject-code")).ToHaveTextAsync("110105********0016");
        Assert.Equal("欧***", await page.Locator("#subject-name").InnerTextAsync());
        Assert.DoesNotContain(PortalFixture.Person, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(PortalFixture.Person, page.Url, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await page.InputValueAsync("#query"));
        await ScreenshotAsync(page, "person");
        await AssertAccessibleAsync(page, "person page");

        await SearchAsync(page, "北京不存在的名称");
        await Assertions.Expect(page.Locator("#empty")).ToContainTextAsync("查询范围");
        await SearchAsync(page, "91110000600037341M");
        var error = page.Locator("[role=alert]");
        await Assertions.Expect(error).ToContainTextAsync("校验");
        await ScreenshotAsync(page, "malformed");
        await AssertAccessibleAsync(page, "malformed code");
    }

    [Fact]
    public async Task The_language_toggle_switches_every_text_and_back()
    {
        var page = await OpenAsync();
        await page.GotoAsync($"/portal/#/subject/{PortalFixture.Company}");
        await Assertions.Expect(page.Locator("#records-title")).ToHaveTextAsync("行政许可和行政处罚");
        await page.ClickAsync("#language");
        await Assertions.Expect(page.Locator("#records-title")).ToHaveTextAsync("Licences and penalties");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("Black list", await page.Locator("#lists tbody").InnerTextAsync(), StringComparison.Ordinal);
        await ScreenshotAsync(page, "english");
        await AssertAccessibleAsync(page, "English");
        await page.ClickAsync("#language");
        await Assertions.Expect(page.Locator("#records-title")).ToHaveTextAsync("行政许可和行政处罚");
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
    }

    [Fact]
    public async Task A_report_of_dishonesty_is_sent_with_its_evidence_and_followed_by_its_number_and_token()
    {
        var page = await OpenAsync();
        await page.ClickAsync("a[href='#/tipoff']");
        await page.FillAsync("#reported-name", "北京门户被举报有限公司");
        await page.FillAsync("#conduct", "以次充好，虚假宣传");
        await AssertAccessibleAsync(page, "report of dishonesty");

        // Named, but with neither a name nor a contact: the API's reason is shown, in Chinese.
        await page.ClickAsync("#tipoff-form button[type=submit]");
        await Assertions.Expect(page.Locator("#tipoff-status .error")).ToContainTextAsync("实名举报须填写举报人姓名或联系方式");

        await page.FillAsync("#reporter-name", "门户举报人");
        await page.FillAsync("#reporter-contact", "13800138000");
        await page.SetInputFilesAsync("#evidence", new FilePayload { Name = "receipt.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4 收据"u8.ToArray() });
        await page.ClickAsync("#tipoff-form button[type=submit]");
        await Assertions.Expect(page.Locator("#tipoff-filed")).ToContainTextAsync("receipt.pdf");
        var id = await page.Locator("#tipoff-id").InnerTextAsync();
        var token = await page.Locator("#tipoff-token").InnerTextAsync();
        await ScreenshotAsync(page, "tipoff-filed");

        // The office sends it to the department, which decides; the reporter reads the finding and the reply.
        using (var office = new ProductApi(fixture.Runtime.BaseAddress, fixture.SupervisorKey))
        using (var department = new ProductApi(fixture.Runtime.BaseAddress, fixture.DepartmentKey))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await office.PostJsonAsync($"api/reports-of-dishonesty/{id}/assignment", new { department = PortalFixture.Department })).Status);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await department.PostJsonAsync($"api/reports-of-dishonesty/{id}/decision", new { finding = "substantiated", reply = "经核查举报属实，已立案查处", note = "内部说明" })).Status);
        }

        await page.FillAsync("#follow-id", id);
        await page.FillAsync("#follow-token", "wrong-token");
        await page.ClickAsync("#follow-form button[type=submit]");
        await Assertions.Expect(page.Locator("#follow-status")).ToContainTextAsync("未找到该举报");
        await page.FillAsync("#follow-token", token);
        await page.ClickAsync("#follow-form button[type=submit]");
        await Assertions.Expect(page.Locator("#follow-state")).ToHaveTextAsync("已办结");
        Assert.Equal(("举报属实", "经核查举报属实，已立案查处"), (await page.Locator("#follow-finding").InnerTextAsync(), await page.Locator("#follow-reply").InnerTextAsync()));
        Assert.DoesNotContain("内部说明", await page.Locator("#app").InnerTextAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(page, "a report followed");

        await page.ClickAsync("#language");
        await Assertions.Expect(page.Locator("#tipoff-title")).ToHaveTextAsync("Report dishonest conduct");
    }

    [Fact]
    public async Task On_a_375_pixel_phone_nothing_scrolls_sideways()
    {
        var page = await OpenAsync(375, 812);
        foreach (var (view, path, shown) in new[]
        {
            ("home", "/portal/", "#query"), ("subject", $"/portal/#/subject/{PortalFixture.Company}", "#records tbody tr"), ("files", "/portal/#/files/2025-03", "#files"),
            ("report of dishonesty", "/portal/#/tipoff", "#tipoff-form"),
        })
        {
            await page.GotoAsync(path);
            await page.WaitForSelectorAsync(shown);
            Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 375, $"{view} is wider than 375 px");
            await ScreenshotAsync(page, $"phone-{view}");
            await AssertAccessibleAsync(page, $"{view} at 375 px");
        }
    }

    [Fact]
    public async Task The_company_requests_its_credit_report_from_its_page_and_downloads_the_pdf()
    {
        var page = await OpenAsync();
        await page.GotoAsync($"/portal/#/subject/{PortalFixture.Company}");
        await page.ClickAsync("#report-link");
        await page.FillAsync("#subject-key", "ck_not-a-key");
        await page.ClickAsync("button[type=submit]:has-text('申请')");
        await Assertions.Expect(page.Locator("#report-status [role=alert]")).ToContainTextAsync("密钥无效");

        await page.FillAsync("#subject-key", fixture.CompanyKey);
        await page.ClickAsync("button[type=submit]:has-text('申请')");
        await Assertions.Expect(page.Locator("#report-ready")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var id = await page.Locator("#report-id").InnerTextAsync();
        Assert.Matches("^CR[0-9a-f]{24}$", id);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#report-pdf"));
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        await ScreenshotAsync(page, "report");
        await AssertAccessibleAsync(page, "report request");
    }

    [Fact]
    public async Task What_the_portal_reads_refuses_malformed_input_with_the_reason_and_echoes_nothing_whole()
    {
        using var anyone = new ProductApi(fixture.Runtime.BaseAddress, null);
        string[] injections = ["' or 1=1 --", "<script>alert(1)</script>", "../../etc/passwd", "%00", "\u202Eabc", "-1", "1e3", "9999999"];
        foreach (var injection in injections)
        {
            var value = Uri.EscapeDataString(injection);
            foreach (var (path, code) in new[]
            {
                ($"api/public/subjects/{PortalFixture.Company}?page={value}", "INVALID_PAGE"),
                ($"api/public/files?month={value}", "INVALID_MONTH"),
                ($"api/public/lists/black?field={value}", "INVALID_FIELD"),
                ($"api/public/lists/black?status={value}", "INVALID_STATUS"),
                ($"api/public/reports/CR{new string('0', 24)}/verification?sha256={value}", "INVALID_SHA256"),
            })
            {
                var (status, body) = await anyone.GetJsonAsync(path);
                Assert.True(status == System.Net.HttpStatusCode.BadRequest && body.GetProperty("error").GetProperty("code").GetString() == code, $"{path}: {status} {body}");
                // What is quoted back is printable: no bidi override or control character.
                Assert.DoesNotContain('\u202E', body.ToString());
            }
        }

        foreach (var (day, name) in new[] { ("2025-03-05", "secret.txt"), ("2025-03-05", "penalty.exe"), ("2025-13-01", "penalty.csv"), ("x", "penalty.csv") })
        {
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await anyone.GetJsonAsync($"api/public/files/daily/{day}/{name}")).Status);
        }

        foreach (var page in new[] { "%00", "%E2%80%AE1", "%E5%8C%97", new string('a', 513) })
        {
            var (status, body) = await anyone.GetJsonAsync($"api/public/lists/black?page={page}");
            Assert.True(status == System.Net.HttpStatusCode.BadRequest && body.GetProperty("error").GetProperty("code").GetString() == "INVALID_PAGE", $"list page {page}: {status} {body}");
        }

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await anyone.GetJsonAsync("api/public/files/daily/2025-03-04/penalty.csv")).Status);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await anyone.Http.GetAsync(new Uri("portal/../functions.metadata", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_daily_files_are_listed_and_downloaded_through_the_app()
    {
        var page = await OpenAsync();
        await page.GotoAsync("/portal/#/files/2025-03");
        var link = page.Locator("#files a[download]:has-text('csv')").First;
        await Assertions.Expect(link).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("京门户罚〔2025〕25号", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(PortalFixture.Person, csv, StringComparison.Ordinal);
        await ScreenshotAsync(page, "files");
        await AssertAccessibleAsync(page, "files");
    }
}
