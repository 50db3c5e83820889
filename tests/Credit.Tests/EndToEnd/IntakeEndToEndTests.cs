using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Credit.Storage;
using Credit.Testing;
using Credit.Tests.Support;

namespace Credit.Tests.EndToEnd;

/// <summary>Uploads through the local runtime: blob trigger → orchestration → report and records, read back through the HTTP API.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class IntakeEndToEndTests(RuntimeFixture fixture) : IClassFixture<RuntimeFixture>
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    async Task<JsonElement> ReportAsync(string department, string name)
    {
        var blob = fixture.Storage.Container(StorageNames.ResultsContainer).GetBlobClient($"{department}/{name}.report.json");
        return JsonDocument.Parse((await blob.DownloadContentAsync()).Value.Content.ToString()).RootElement;
    }

    static byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(Repository.Samples, name));

    [Fact]
    public async Task A_commitments_file_is_the_fourth_kind_of_upload_its_good_rows_in_and_each_bad_one_named_where_it_is()
    {
        using var api = fixture.Api(fixture.DepartmentKey);
        Assert.Equal(HttpStatusCode.Accepted, (await api.UploadAsync(Rows.Department, "sample-commitments.csv", Sample("commitments.csv"))).StatusCode);
        var status = await api.WaitForUploadAsync(Rows.Department, "sample-commitments.csv", Timeout);
        Assert.Equal("completed", status.GetProperty("state").GetString());

        var report = await api.Http.GetFromJsonAsync<JsonElement>(new Uri($"api/uploads/{Rows.Department}/sample-commitments.csv/report", UriKind.Relative));
        var counts = report.GetProperty("counts");
        Assert.Equal((6, 3, 3), (counts.GetProperty("received").GetInt32(), counts.GetProperty("accepted").GetInt32() + counts.GetProperty("unchanged").GetInt32(), counts.GetProperty("rejected").GetInt32()));
        var rejected = report.GetProperty("rejectedRows").EnumerateArray().Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("column").GetString(), r.GetProperty("code").GetString())).ToList();
        Assert.Equal(
            [(5, "主体代码", "USCC_CHECK_CHARACTER"), (5, "承诺类型", "INVALID_KIND"), (6, "容缺材料", "MISSING_ITEMS"), (6, "补交期限", "DUE_BEFORE_TAKEN"), (7, "承诺日期", "DATE_IN_FUTURE"), (7, "是否公开", "INVALID_YES_NO")],
            rejected.Order());
        Assert.All(report.GetProperty("rejectedRows").EnumerateArray(), r => Assert.False(string.IsNullOrEmpty(r.GetProperty("messageZh").GetString()) || string.IsNullOrEmpty(r.GetProperty("messageEn").GetString())));

        // The good rows are the department's commitments: the 容缺 one in the subject's credit check with its two missing items.
        var (_, check) = await api.GetJsonAsync($"api/subjects/91110000600037341L/credit-check?department={Rows.Department}");
        var taken = Assert.Single(check.GetProperty("commitments").EnumerateArray(), c => c.GetProperty("reference").GetString() == "京建许〔2025〕31号");
        Assert.Equal(["消防验收意见书", "环评批复"], taken.GetProperty("missingItems").EnumerateArray().Select(i => i.GetString()));

        // The same file again changes nothing.
        var again = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(Sample("commitments.csv")) + "\r\n");
        await api.UploadAsync(Rows.Department, "sample-commitments.csv", again);
        var repeated = (await api.WaitForUploadAsync(Rows.Department, "sample-commitments.csv", Timeout, again)).GetProperty("summary").GetProperty("counts");
        Assert.Equal((0, 3), (repeated.GetProperty("accepted").GetInt32(), repeated.GetProperty("unchanged").GetInt32()));
    }

    [Fact]
    public async Task A_penalty_file_yields_its_report_and_its_records()
    {
        using var api = fixture.Api(fixture.DepartmentKey);
        Assert.Equal(HttpStatusCode.Accepted, (await api.UploadAsync(Rows.Department, "sample-penalties.csv", Sample("penalties.csv"))).StatusCode);
        var status = await api.WaitForUploadAsync(Rows.Department, "sample-penalties.csv", Timeout);
        Assert.Equal("completed", status.GetProperty("state").GetString());

        var report = await api.Http.GetFromJsonAsync<JsonElement>(new Uri($"api/uploads/{Rows.Department}/sample-penalties.csv/report", UriKind.Relative));
        Assert.Equal((await ReportAsync(Rows.Department, "sample-penalties.csv")).ToString(), report.ToString());
        var counts = report.GetProperty("counts");
        Assert.Equal((6, 3, 3), (counts.GetProperty("received").GetInt32(), counts.GetProperty("accepted").GetInt32() + counts.GetProperty("unchanged").GetInt32(), counts.GetProperty("rejected").GetInt32()));
        var rejected = report.GetProperty("rejectedRows").EnumerateArray().ToList();
        Assert.Contains(rejected, r => r.GetProperty("row").GetInt32() == 5 && r.GetProperty("code").GetString() == "USCC_CHECK_CHARACTER" && r.GetProperty("column").GetString() == "统一社会信用代码");
        Assert.Contains(rejected, r => r.GetProperty("row").GetInt32() == 5 && r.GetProperty("code").GetString() == "INVALID_AMOUNT");
        Assert.Contains(rejected, r => r.GetProperty("row").GetInt32() == 6 && r.GetProperty("code").GetString() == "DECISION_DATE_IN_FUTURE");
        Assert.Contains(rejected, r => r.GetProperty("row").GetInt32() == 6 && r.GetProperty("code").GetString() == "NEGATIVE_AMOUNT");
        Assert.Contains(rejected, r => r.GetProperty("row").GetInt32() == 7 && r.GetProperty("code").GetString() == "INVALID_PENALTY_CATEGORY");
        Assert.Contains(rejected, r => r.GetProperty("row").GetInt32() == 7 && r.GetProperty("code").GetString() == "NATURAL_PERSON_ID_REQUIRED");
        Assert.All(rejected, r => Assert.False(string.IsNullOrEmpty(r.GetProperty("messageZh").GetString())));

        var key = Credit.Records.RecordKey.For(Rows.Department, Credit.Records.RecordKind.Penalty, "京市监罚〔2024〕101号", Rows.Company, TestStorage.SubjectKeys(fixture.Storage));
        var record = await api.Http.GetFromJsonAsync<JsonElement>(new Uri($"api/records/{key.Id}", UriKind.Relative));
        Assert.Equal(("北京示例食品有限公司", "2024-09-27", "2024-10-12"), (record.GetProperty("SubjectName").GetString(), record.GetProperty("DecisionDate").GetString(), record.GetProperty("DisclosureDeadline").GetString()));
    }

    [Fact]
    public async Task A_GBK_licensing_file_dropped_straight_into_the_container_is_ingested()
    {
        await fixture.Storage.Container(StorageNames.UploadsContainer).GetBlobClient($"{Rows.Department}/sample-licenses.csv").UploadAsync(BinaryData.FromBytes(Sample("licenses-gbk.csv")), overwrite: true);
        using var api = fixture.Api(fixture.DepartmentKey);
        await api.WaitForUploadAsync(Rows.Department, "sample-licenses.csv", Timeout);
        var report = await ReportAsync(Rows.Department, "sample-licenses.csv");
        Assert.Equal(("License", "gb18030"), (report.GetProperty("kind").GetString(), report.GetProperty("encoding").GetString()));
        var error = Assert.Single(report.GetProperty("rejectedRows").EnumerateArray());
        Assert.Equal(("SOURCE_DEPARTMENT_MISMATCH", 4), (error.GetProperty("code").GetString(), error.GetProperty("row").GetInt32()));
    }

    [Fact]
    public async Task A_changed_row_updates_its_record_and_a_repeated_upload_changes_nothing()
    {
        using var api = fixture.Api(fixture.DepartmentKey);
        var rows = Enumerable.Range(1, 3).Select(i => Rows.Penalty($"京市监罚〔2024〕U{i}号")).ToList();
        await api.UploadAsync(Rows.Department, "changes.csv", Encoding.UTF8.GetBytes(Rows.Csv(rows)));
        var first = (await api.WaitForUploadAsync(Rows.Department, "changes.csv", Timeout)).GetProperty("summary").GetProperty("counts");
        Assert.Equal(3, first.GetProperty("accepted").GetInt32());

        rows[1]["罚款金额(万元)"] = "8";
        var changed = Encoding.UTF8.GetBytes(Rows.Csv(rows));
        await api.UploadAsync(Rows.Department, "changes.csv", changed);
        var second = (await api.WaitForUploadAsync(Rows.Department, "changes.csv", Timeout, changed)).GetProperty("summary").GetProperty("counts");
        Assert.Equal((0, 1, 2), (second.GetProperty("accepted").GetInt32(), second.GetProperty("updated").GetInt32(), second.GetProperty("unchanged").GetInt32()));

        var key = Credit.Records.RecordKey.For(Rows.Department, Credit.Records.RecordKind.Penalty, "京市监罚〔2024〕U2号", Rows.Company, TestStorage.SubjectKeys(fixture.Storage));
        var record = await api.Http.GetFromJsonAsync<JsonElement>(new Uri($"api/records/{key.Id}", UriKind.Relative));
        Assert.Equal(("8", 2), (record.GetProperty("CF_NR_FK").GetString(), record.GetProperty("Version").GetInt32()));
    }

    [Fact]
    public async Task An_upload_under_an_unregistered_department_gets_a_report_saying_so()
    {
        var unregistered = Rows.DepartmentCode(401);
        await fixture.Storage.Container(StorageNames.UploadsContainer).GetBlobClient($"{unregistered}/stray.csv").UploadAsync(BinaryData.FromBytes(Sample("penalties.csv")), overwrite: true);
        using var api = fixture.Api(fixture.SupervisorKey);
        await api.WaitForUploadAsync(unregistered, "stray.csv", Timeout);
        var report = await ReportAsync(unregistered, "stray.csv");
        Assert.Equal("UNREGISTERED_DEPARTMENT", Assert.Single(report.GetProperty("fileErrors").EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal("rejected", report.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Credentials_are_required_and_bound_to_their_department()
    {
        using var anonymous = fixture.Api(null);
        using var other = fixture.Api(fixture.OtherDepartmentKey);
        using var supervisor = fixture.Api(fixture.SupervisorKey);
        var content = Sample("penalties.csv");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.UploadAsync(Rows.Department, "x.csv", content)).StatusCode);
        var forbidden = await other.UploadAsync(Rows.Department, "x.csv", content);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("FORBIDDEN_DEPARTMENT", await forbidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.Http.GetAsync(new Uri($"api/uploads/{Rows.Department}/never.csv", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.Http.GetAsync(new Uri($"api/uploads/{Rows.Department}/never.csv/report", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Http.GetAsync(new Uri($"api/uploads/{Rows.Department}/never.csv/report", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.Http.GetAsync(new Uri("api/records/not-an-id", UriKind.Relative))).StatusCode);
        using var department = fixture.Api(fixture.DepartmentKey);
        Assert.Equal(HttpStatusCode.BadRequest, (await department.UploadAsync(Rows.Department, "x.xlsx", content)).StatusCode);
    }

    [Fact]
    public async Task Each_operation_takes_only_the_keys_it_declares_and_the_office_never_acts_as_a_department()
    {
        using var supervisor = fixture.Api(fixture.SupervisorKey);
        using var subject = fixture.Api(fixture.SubjectKey);
        using var invalid = fixture.Api("not-a-key");
        var content = Sample("penalties.csv");

        // The office reads every department's data but writes none of it: no upload, credit check, list entry, amendment, revocation or notice read in a department's name.
        (string Method, string Path)[] departmentOnly =
        [
            ("PUT", $"api/uploads/{Rows.Department}/by-the-office.csv"),
            ("GET", $"api/subjects/{Rows.Company}/credit-check?department={Rows.Department}"),
            ("POST", "api/lists/black/entries"),
            ("POST", "api/lists/entries/any-entry/amendments"),
            ("POST", "api/records/any-record/revocation"),
            ("GET", $"api/departments/{Rows.Department}/notices"),
        ];
        foreach (var (method, path) in departmentOnly)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(content) };
            var response = await supervisor.Http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} as the office: {response.StatusCode}");
            Assert.Contains("ROLE_NOT_ALLOWED", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A subject's key does not list the cases of everyone, nor look a person up through ?subject=.
        var cases = await subject.Http.GetAsync(new Uri($"api/cases?subject={Rows.Company}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, cases.StatusCode);
        Assert.Contains("ROLE_NOT_ALLOWED", await cases.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // A key that is no key is 401 before anything else is looked at; what the office may do, it still does.
        Assert.Equal(HttpStatusCode.Unauthorized, (await invalid.Http.GetAsync(new Uri("api/cases", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.Http.GetAsync(new Uri("api/cases", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await subject.Http.GetAsync(new Uri("api/measures", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("from=2024-09-27&workingDays=7", HttpStatusCode.OK, "2024-10-12")]
    [InlineData("from=2026-02-12&workingDays=7", HttpStatusCode.OK, "2026-02-28")]
    [InlineData("from=2024-02-30&workingDays=7", HttpStatusCode.BadRequest, "INVALID_FROM")]
    [InlineData("from=2024-09-27&workingDays=-1", HttpStatusCode.BadRequest, "INVALID_WORKING_DAYS")]
    [InlineData("workingDays=7", HttpStatusCode.BadRequest, "INVALID_FROM")]
    public async Task Calendar_deadline(string query, HttpStatusCode status, string expected)
    {
        using var api = fixture.Api(null);
        using var response = await api.Http.GetAsync(new Uri($"api/calendar/deadline?{query}", UriKind.Relative));
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
