using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Credit.Storage;
using Credit.Testing;

namespace Credit.Tests.EndToEnd;

/// <summary>
/// The disclosure timer on the real runtime, the clock put on the day each scenario needs (Credit:Clock:Start),
/// each scenario on an Azurite of its own so that their days never meet.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class DisclosureEndToEndTests : IAsyncLifetime
{
    const string Person = "110105198001010016";
    const string Representative = "360426199101010071";
    static readonly string Department = Rows.DepartmentCode(601);
    readonly AzuriteProcess azurite = new();
    StorageClients storage = null!;
    string key = null!;

    public async Task InitializeAsync()
    {
        await azurite.StartAsync();
        storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        key = await TestStorage.RegisterDepartmentAsync(storage, Department, "北京市披露测试局");
    }

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    Task<RuntimeProcess> StartAsync(string beijingNoon, string schedule = "*/2 * * * * *", int publicPermitsPerMinute = 60) =>
        RuntimeProcess.StartAsync(azurite.ConnectionString, "DisclosureHub", FreePort.Next(), new Dictionary<string, string>
        {
            ["Credit__Clock__Start"] = $"{beijingNoon}T04:00:00Z",
            ["DisclosureSchedule"] = schedule,
            ["PublicApi__PermitsPerMinute"] = publicPermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PublicApi__Burst"] = Math.Max(20, publicPermitsPerMinute / 6).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    static Dictionary<string, string> Penalty(string document, string decided, string? periodEnd = null)
    {
        var row = Rows.Penalty(document, department: Department);
        row["处罚决定日期"] = decided;
        row["公示截止期"] = periodEnd ?? "";
        row["法定代表人证件类型"] = "身份证";
        row["法定代表人证件号码"] = Representative;
        return row;
    }

    static Dictionary<string, string> PersonPenalty(string document, string decided)
    {
        var row = Penalty(document, decided);
        row["行政相对人名称"] = "李四";
        row["行政相对人类别"] = "自然人";
        row["统一社会信用代码"] = "";
        row["法定代表人"] = "";
        row["法定代表人证件类型"] = "";
        row["法定代表人证件号码"] = "";
        row["证件类型"] = "身份证";
        row["证件号码"] = Person;
        return row;
    }

    static async Task UploadAsync(ProductApi api, string name, params Dictionary<string, string>[] rows)
    {
        var content = Encoding.UTF8.GetBytes(Rows.Csv(rows));
        await api.UploadAsync(Department, name, content);
        var status = await api.WaitForUploadAsync(Department, name, TimeSpan.FromSeconds(60), content);
        Assert.True(rows.Length == status.GetProperty("summary").GetProperty("counts").GetProperty("accepted").GetInt32(),
            await api.Http.GetStringAsync(new Uri($"api/uploads/{Department}/{name}/report", UriKind.Relative)));
    }

    static async Task<JsonElement> ListingAsync(ProductApi api, string status) =>
        await api.Http.GetFromJsonAsync<JsonElement>(new Uri($"api/departments/{Department}/disclosure?status={status}", UriKind.Relative));

    static async Task<JsonElement> WaitForListingAsync(ProductApi api, string status, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var listing = await ListingAsync(api, status);
            if (listing.GetProperty("count").GetInt32() == count)
            {
                return listing;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{status}: expected {count}, got {listing}");
            await Task.Delay(250);
        }
    }

    async Task<string> PublicStoreTextAsync()
    {
        var text = new StringBuilder();
        await foreach (var blob in storage.Container(StorageNames.PublicContainer).GetBlobsAsync())
        {
            text.AppendLine((await storage.Container(StorageNames.PublicContainer).GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString());
        }

        await foreach (var entity in storage.Table(StorageNames.PublicRecordsTable).QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            text.AppendLine(entity.GetString("Json"));
        }

        return text.ToString();
    }

    [Fact]
    public async Task Published_on_time_masked_and_queryable_by_anyone()
    {
        await using var runtime = await StartAsync("2024-10-08");
        using var api = new ProductApi(runtime.BaseAddress, key);
        using var anyone = new ProductApi(runtime.BaseAddress, null);
        await UploadAsync(api, "on-time.csv", Penalty("披露〔2024〕1号", "2024-09-27"), PersonPenalty("披露〔2024〕2号", "2024-10-08"));

        var published = await WaitForListingAsync(api, "published", 2);
        Assert.All(published.GetProperty("items").EnumerateArray(), i => Assert.False(i.GetProperty("late").GetBoolean()));
        Assert.Equal(0, (await ListingAsync(api, "late")).GetProperty("count").GetInt32());

        var company = await anyone.Http.GetFromJsonAsync<JsonElement>(new Uri($"api/public/subjects/{Rows.Company}", UriKind.Relative));
        var record = Assert.Single(company.GetProperty("records").EnumerateArray());
        Assert.Equal("披露〔2024〕1号", record.GetProperty("documentNumber").GetString());
        Assert.False(record.GetProperty("fields").TryGetProperty("CF_FR_ZJHM", out _), "the legal representative's ID is never public");

        var person = await anyone.Http.GetFromJsonAsync<JsonElement>(new Uri($"api/public/subjects/{Person}", UriKind.Relative));
        var personRecord = Assert.Single(person.GetProperty("records").EnumerateArray());
        Assert.Equal("李*", personRecord.GetProperty("subjectName").GetString());
        Assert.Equal("110105********0016", personRecord.GetProperty("fields").GetProperty("CF_XDR_ZJHM").GetString());

        var search = await anyone.Http.GetStringAsync(new Uri("api/public/search?name=北京示例", UriKind.Relative));
        Assert.Contains(Rows.Company, search, StringComparison.Ordinal);

        var day = await storage.Container(StorageNames.PublicContainer).GetBlobClient("daily/2024-10-08/penalty.csv").DownloadContentAsync();
        Assert.Contains("披露〔2024〕1号", day.Value.Content.ToString(), StringComparison.Ordinal);

        var everything = await PublicStoreTextAsync() + company + person + search;
        Assert.DoesNotContain(Person, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Representative, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("李四", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unpublished_past_its_deadline_is_overdue_and_then_published_late()
    {
        await using (var idle = await StartAsync("2024-10-20", schedule: "0 0 0 1 1 *"))
        {
            using var api = new ProductApi(idle.BaseAddress, key);
            await UploadAsync(api, "late.csv", Penalty("披露〔2024〕3号", "2024-09-27"));
            var overdue = await WaitForListingAsync(api, "overdue", 1);
            Assert.Equal(8, overdue.GetProperty("items")[0].GetProperty("daysOverdue").GetInt32());
        }

        await using var running = await StartAsync("2024-10-20");
        using var again = new ProductApi(running.BaseAddress, key);
        var late = await WaitForListingAsync(again, "late", 1);
        Assert.Equal("2024-10-12", late.GetProperty("items")[0].GetProperty("deadline").GetString());
        Assert.Equal(0, (await ListingAsync(again, "overdue")).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_penalty_leaves_public_view_when_its_period_ends()
    {
        await using (var before = await StartAsync("2024-04-08"))
        {
            using var api = new ProductApi(before.BaseAddress, key);
            await UploadAsync(api, "period.csv", Penalty("披露〔2024〕4号", "2024-01-02", periodEnd: "2024-04-10"));
            var published = await WaitForListingAsync(api, "published", 1);
            Assert.Equal("2024-04-10", published.GetProperty("items")[0].GetProperty("withdrawOn").GetString());
        }

        await using var after = await StartAsync("2024-04-11");
        using var later = new ProductApi(after.BaseAddress, key);
        await WaitForListingAsync(later, "withdrawn", 1);
        using var anyone = new ProductApi(after.BaseAddress, null);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.Http.GetAsync(new Uri($"api/public/subjects/{Rows.Company}", UriKind.Relative))).StatusCode);
        Assert.False(await storage.Container(StorageNames.PublicContainer).GetBlobClient("daily/2024-04-08/penalty.jsonl").ExistsAsync());
    }

    [Fact]
    public async Task A_publicity_period_beyond_the_maximum_is_cut_to_it_and_the_report_names_the_row()
    {
        await using var runtime = await StartAsync("2024-10-08");
        using var api = new ProductApi(runtime.BaseAddress, key);
        await UploadAsync(api, "too-long.csv", Penalty("披露〔2024〕7号", "2024-10-08", periodEnd: "2027-10-08"), Penalty("披露〔2024〕8号", "2024-10-08", periodEnd: "2025-03-31"));
        var report = (await api.GetJsonAsync($"api/uploads/{Department}/too-long.csv/report")).Body;
        Assert.Empty(report.GetProperty("rejectedRows").EnumerateArray());
        var warning = Assert.Single(report.GetProperty("rowWarnings").EnumerateArray());
        Assert.Equal((2, "公示截止期", "2027-10-08", "PUBLICITY_PERIOD_CAPPED"),
            (warning.GetProperty("row").GetInt32(), warning.GetProperty("column").GetString(), warning.GetProperty("value").GetString(), warning.GetProperty("code").GetString()));
        Assert.Contains("2025-10-08", warning.GetProperty("messageZh").GetString(), StringComparison.Ordinal);

        var published = (await WaitForListingAsync(api, "published", 2)).GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("documentNumber").GetString()!, i => i.GetProperty("withdrawOn").GetString());
        Assert.Equal("2025-10-08", published["披露〔2024〕7号"]);
        Assert.Equal("2025-03-31", published["披露〔2024〕8号"]);
    }

    [Fact]
    public async Task A_revoked_decision_leaves_public_view_with_its_reason()
    {
        await using var runtime = await StartAsync("2024-10-08");
        using var api = new ProductApi(runtime.BaseAddress, key);
        await UploadAsync(api, "revoke.csv", Penalty("披露〔2024〕5号", "2024-10-08"), Penalty("披露〔2024〕6号", "2024-10-08"));
        var published = await WaitForListingAsync(api, "published", 2);
        var id = published.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("documentNumber").GetString() == "披露〔2024〕5号").GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.BadRequest, (await api.Http.PostAsJsonAsync(new Uri($"api/records/{id}/revocation", UriKind.Relative), new { reason = "复议撤销" })).StatusCode);
        var revoked = await api.Http.PostAsJsonAsync(new Uri($"api/records/{id}/revocation", UriKind.Relative), new { reason = "经行政复议撤销", document = "京复决〔2024〕9号" });
        Assert.Equal(HttpStatusCode.Accepted, revoked.StatusCode);
        await WaitForListingAsync(api, "withdrawn", 1);

        using var anyone = new ProductApi(runtime.BaseAddress, null);
        var subject = await anyone.Http.GetStringAsync(new Uri($"api/public/subjects/{Rows.Company}", UriKind.Relative));
        Assert.Contains("经行政复议撤销", subject, StringComparison.Ordinal);
        Assert.Contains("京复决〔2024〕9号", subject, StringComparison.Ordinal);
        var day = (await storage.Container(StorageNames.PublicContainer).GetBlobClient("daily/2024-10-08/penalty.jsonl").DownloadContentAsync()).Value.Content.ToString();
        Assert.DoesNotContain("披露〔2024〕5号", day, StringComparison.Ordinal);
        Assert.Contains("披露〔2024〕6号", day, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_licence_uploaded_as_revoked_leaves_public_view()
    {
        await using var runtime = await StartAsync("2024-10-08");
        using var api = new ProductApi(runtime.BaseAddress, key);
        var licence = new Dictionary<string, string>
        {
            ["行政相对人名称"] = "北京示例食品有限公司", ["行政相对人类别"] = "法人及非法人组织", ["统一社会信用代码"] = Rows.Company,
            ["行政许可决定文书名称"] = "食品经营许可决定书", ["行政许可决定文书号"] = "京食许〔2024〕7号", ["许可类别"] = "普通", ["许可内容"] = "预包装食品销售",
            ["许可决定日期"] = "2024-10-08", ["有效期自"] = "2024-10-08", ["有效期至"] = "2029-10-07", ["许可机关"] = "北京市披露测试局",
            ["许可机关统一社会信用代码"] = Department, ["当前状态"] = "有效", ["数据来源单位"] = "北京市披露测试局", ["数据来源单位统一社会信用代码"] = Department,
        };
        await UploadAsync(api, "licence.csv", licence);
        await WaitForListingAsync(api, "published", 1);

        licence["当前状态"] = "已撤销";
        var content = Encoding.UTF8.GetBytes(Rows.Csv([licence]));
        await api.UploadAsync(Department, "licence.csv", content);
        await api.WaitForUploadAsync(Department, "licence.csv", TimeSpan.FromSeconds(60), content);
        await WaitForListingAsync(api, "withdrawn", 1);
        using var anyone = new ProductApi(runtime.BaseAddress, null);
        Assert.Contains("当前状态：已撤销", await anyone.Http.GetStringAsync(new Uri($"api/public/subjects/{Rows.Company}", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_public_API_says_what_is_wrong_and_limits_its_rate()
    {
        await using var runtime = await StartAsync("2024-10-08", schedule: "0 0 0 1 1 *");
        using var anyone = new ProductApi(runtime.BaseAddress, null);
        var malformed = await anyone.Http.GetAsync(new Uri("api/public/subjects/91110000600037341M", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("USCC_CHECK_CHARACTER", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.Http.GetAsync(new Uri("api/public/subjects/91110000600037341L", UriKind.Relative))).StatusCode);

        HttpResponseMessage? limited = null;
        for (var i = 0; i < 40 && limited is null; i++)
        {
            var response = await anyone.Http.GetAsync(new Uri("api/public/search?name=北京", UriKind.Relative));
            limited = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.NotNull(limited);
        Assert.True(limited.Headers.RetryAfter is not null, "429 carries Retry-After");

        // A client that sends X-Forwarded-For of its own choosing is still the address it connects from (no proxy is
        // trusted by default): its forged values share its exhausted bucket, and no answer repeats them. A bucket per
        // forged value would let all 20 through; the one bucket lets through at most what one replenishment (10
        // tokens every 10 s) adds while the loop runs.
        var limitedForged = 0;
        for (var i = 0; i < 20; i++)
        {
            using var forged = new HttpRequestMessage(HttpMethod.Get, new Uri("api/public/search?name=北京", UriKind.Relative));
            var pretended = $"198.51.100.{i}, <script>x{i}</script>";
            forged.Headers.TryAddWithoutValidation("X-Forwarded-For", pretended);
            var response = await anyone.Http.SendAsync(forged);
            limitedForged += response.StatusCode == HttpStatusCode.TooManyRequests ? 1 : 0;
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("198.51.100.", body, StringComparison.Ordinal);
            Assert.DoesNotContain("script", body, StringComparison.Ordinal);
        }

        Assert.InRange(limitedForged, 10, 20);
    }

    [Fact]
    public async Task A_black_list_entry_is_published_by_the_run_and_leaves_a_notice_when_its_objection_is_upheld()
    {
        // Polled until the runs have done their part: the public limit is raised for this one client.
        await using var runtime = await StartAsync("2025-03-05", publicPermitsPerMinute: 6000);
        using var api = new ProductApi(runtime.BaseAddress, key);
        using var anyone = new ProductApi(runtime.BaseAddress, null);
        var (created, entry) = await api.PostJsonAsync("api/lists/black/entries", new
        {
            subjectCode = Rows.Company, subjectName = "北京示例食品有限公司", category = "食品安全严重失信", field = "食品药品",
            legalBasis = "《北京市社会信用条例》第二十九条", decisionDocument = "京披黑〔2025〕1号", startDate = "2025-03-03", periodMonths = 36,
            responsiblePersons = new[] { new { role = "法定代表人", name = "王五", idNumber = Representative } },
        });
        Assert.True(created == HttpStatusCode.Created, entry.ToString());
        var entryId = entry.GetProperty("entryId").GetString()!;

        // The case's opening queues the public copy; the next run publishes it, masked as 双公示 is.
        var listed = await WaitForPublicAsync(anyone, "api/public/lists/black", entryId);
        Assert.Equal(("京披黑〔2025〕1号", "北京市披露测试局", "2028-03-03"), (listed.GetProperty("decisionDocument").GetString(), listed.GetProperty("initiatingDepartmentName").GetString(), listed.GetProperty("endDate").GetString()));
        var person = Assert.Single(listed.GetProperty("responsiblePersons").EnumerateArray());
        Assert.Equal(("法定代表人", "王五"), (person.GetProperty("roleZh").GetString(), person.GetProperty("name").GetString()));
        Assert.Contains(entryId, await anyone.Http.GetStringAsync(new Uri("api/public/lists/black?field=" + Uri.EscapeDataString("食品药品"), UriKind.Relative)), StringComparison.Ordinal);
        Assert.DoesNotContain(entryId, await anyone.Http.GetStringAsync(new Uri("api/public/lists/black?field=" + Uri.EscapeDataString("安全生产"), UriKind.Relative)), StringComparison.Ordinal);
        Assert.DoesNotContain(entryId, await anyone.Http.GetStringAsync(new Uri("api/public/lists/red", UriKind.Relative)), StringComparison.Ordinal);
        foreach (var (path, code) in new[] { ("api/public/lists/watch", "INVALID_LIST_TYPE"), ("api/public/lists/black?field=x", "INVALID_FIELD"), ("api/public/lists/black?status=all", "INVALID_STATUS") })
        {
            var (status, refusal) = await anyone.GetJsonAsync(path);
            Assert.True(status == HttpStatusCode.BadRequest && refusal.GetProperty("error").GetProperty("code").GetString() == code, $"{path}: {status} {refusal}");
        }

        var page = await anyone.Http.GetFromJsonAsync<JsonElement>(new Uri($"api/public/subjects/{Rows.Company}", UriKind.Relative));
        Assert.Equal(entryId, Assert.Single(page.GetProperty("lists").EnumerateArray()).GetProperty("entryId").GetString());

        // The objection upheld ends the case; the next run replaces the entry by a notice with the reason.
        var (_, objection) = await api.PostJsonAsync("api/objections", new { item = new { kind = "listEntry", id = entryId }, reason = "列入主体有误" });
        var objectionId = objection.GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await api.PostJsonAsync($"api/objections/{objectionId}/decision", new { upheld = true, reason = "经核查，列入主体有误" })).Status);
        var notice = await WaitForPublicAsync(anyone, "api/public/lists/black?status=removed", entryId);
        Assert.Equal(("removed", "ObjectionUpheld", "异议成立"), (notice.GetProperty("status").GetString(), notice.GetProperty("reason").GetString(), notice.GetProperty("reasonZh").GetString()));
        Assert.DoesNotContain(entryId, await anyone.Http.GetStringAsync(new Uri("api/public/lists/black", UriKind.Relative)), StringComparison.Ordinal);
        page = await anyone.Http.GetFromJsonAsync<JsonElement>(new Uri($"api/public/subjects/{Rows.Company}", UriKind.Relative));
        Assert.Equal("removed", Assert.Single(page.GetProperty("lists").EnumerateArray()).GetProperty("status").GetString());
        Assert.DoesNotContain(Representative, await PublicStoreTextAsync() + page + listed, StringComparison.Ordinal);
    }

    static async Task<JsonElement> WaitForPublicAsync(ProductApi anyone, string path, string entryId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var (status, body) = await anyone.GetJsonAsync(path);
            if (status == HttpStatusCode.OK && body.GetProperty("entries").EnumerateArray().FirstOrDefault(e => e.GetProperty("entryId").GetString() == entryId) is { ValueKind: JsonValueKind.Object } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path}: {entryId} not shown; last {status} {body}");
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers_and_names_no_server()
    {
        await using var runtime = await StartAsync("2024-10-08", schedule: "0 0 0 1 1 *");
        using var anyone = new ProductApi(runtime.BaseAddress, null);
        (string Path, string Policy)[] responses =
        [
            ("dashboard/", Credit.Functions.Hosting.SecurityHeaders.HtmlPolicy),
            ("dashboard/api-docs/", Credit.Functions.Hosting.SecurityHeaders.HtmlPolicy),
            ("api/public/subjects/91110000600037341M", Credit.Functions.Hosting.SecurityHeaders.DataPolicy),
            ("api/openapi.json", Credit.Functions.Hosting.SecurityHeaders.DataPolicy),
            ("api/cases", Credit.Functions.Hosting.SecurityHeaders.DataPolicy),
            // Answered by the server itself, no function ran.
            ("api/no-such-endpoint", Credit.Functions.Hosting.SecurityHeaders.DataPolicy),
        ];
        foreach (var (path, policy) in responses)
        {
            var response = await anyone.Http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(policy == Credit.Functions.Hosting.SecurityHeaders.HtmlPolicy, response.Content.Headers.ContentType?.MediaType == "text/html");
            Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), $"{path}: no Content-Security-Policy");
            Assert.Equal(policy, Assert.Single(csp));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.False(response.Headers.Contains("Server"), $"{path}: names its server");
        }
    }
}
