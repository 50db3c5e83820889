using System.Net;
using System.Text.Json;
using Credit.Departments;
using Credit.Storage;
using Credit.Testing;

namespace Credit.Tests.EndToEnd;

/// <summary>
/// 政府违约失信投诉 on the real runtime (issue 20, item 3 in part): a company complains of a government body's breach of
/// contract; the office is reminded before the decision day, the complaint is marked overdue after it, and the office's
/// decision after it is marked late; the filer and the body complained of read it, no one else. The upheld complaint is
/// the body's public 政务失信 record; a civil servant's 纪律处分 recorded by another department is not public. An Azurite of its own.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class GovernmentComplaintEndToEndTests : IAsyncLifetime
{
    static readonly string Bureau = Rows.DepartmentCode(741);
    static readonly string OtherBureau = Rows.DepartmentCode(742);
    static readonly string Company = Rows.DepartmentCode(841);
    static readonly string OtherCompany = Rows.DepartmentCode(842);

    readonly AzuriteProcess azurite = new();
    readonly Dictionary<string, string> keys = [];
    string supervisorKey = null!;

    public async Task InitializeAsync()
    {
        await azurite.StartAsync();
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        keys[Bureau] = await TestStorage.RegisterDepartmentAsync(storage, Bureau, "北京市示例区住房和城乡建设委员会");
        keys[OtherBureau] = await TestStorage.RegisterDepartmentAsync(storage, OtherBureau, "北京市财政局");
        var apiKeys = new ApiKeys(storage, TimeProvider.System);
        keys[Company] = await apiKeys.IssueAsync(Caller.ForSubject(Company));
        keys[OtherCompany] = await apiKeys.IssueAsync(Caller.ForSubject(OtherCompany));
        supervisorKey = await apiKeys.IssueAsync(new Caller(CallerRole.Supervisor, null));
    }

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    Task<RuntimeProcess> StartAsync(string beijingDay) =>
        RuntimeProcess.StartAsync(azurite.ConnectionString, "ComplaintHub", FreePort.Next(), new Dictionary<string, string>
        {
            ["Credit__Clock__Start"] = $"{beijingDay}T04:00:00Z",
            ["DeadlineSchedule"] = "*/2 * * * * *",
        });

    ProductApi As(RuntimeProcess runtime, string who) => new(runtime.BaseAddress, who == "office" ? supervisorKey : keys[who]);

    static object Complaint(string respondent) => new
    {
        respondentCode = respondent, respondentName = "北京市示例区住房和城乡建设委员会", kind = "政府违约", reference = "京示住建合〔2025〕12号",
        description = "工程已于2025年10月竣工验收，合同约定的工程款至今未支付", complainantName = "北京投诉示例建筑有限公司",
    };

    static (HttpStatusCode, string?) Code((HttpStatusCode Status, JsonElement Body) answer) =>
        (answer.Status, answer.Body.ValueKind == JsonValueKind.Object && answer.Body.TryGetProperty("error", out var error) ? error.GetProperty("code").GetString() : null);

    [Fact]
    public async Task A_complaint_is_reminded_marked_overdue_and_decided_late_and_only_its_parties_read_it()
    {
        string id;
        await using (var runtime = await StartAsync("2026-03-02"))
        {
            using var company = As(runtime, Company);
            var (filed, complaint) = await company.PostJsonAsync("api/government-complaints", Complaint(Bureau));
            Assert.True(filed == HttpStatusCode.Created, complaint.ToString());
            id = complaint.GetProperty("id").GetString()!;
            Assert.Equal(("UnderReview", "BreachOfContract", "2026-03-23"),
                (complaint.GetProperty("state").GetString(), complaint.GetProperty("kind").GetString(), complaint.GetProperty("decisionDue").GetString()));
            var (again, same) = await company.PostJsonAsync("api/government-complaints", Complaint(Bureau));
            Assert.Equal((HttpStatusCode.OK, id), (again, same.GetProperty("id").GetString()));

            // A company is no government body; a missing kind is named.
            var (refused, problems) = await company.PostJsonAsync("api/government-complaints", Complaint(Rows.Company));
            Assert.Equal((HttpStatusCode.BadRequest, "NOT_A_GOVERNMENT_BODY"), (refused, Assert.Single(problems.GetProperty("problems").EnumerateArray()).GetProperty("code").GetString()));
            var (noKind, why) = await company.PostJsonAsync("api/government-complaints", new { respondentCode = Bureau, respondentName = "某委", description = "未付款", complainantName = "某公司" });
            Assert.Equal((HttpStatusCode.BadRequest, "INVALID_KIND"), (noKind, Assert.Single(why.GetProperty("problems").EnumerateArray()).GetProperty("code").GetString()));

            // The filer adds evidence; the filer, the body complained of and the office read it; another company or department is told it does not exist.
            using (var file = new ByteArrayContent("验收报告"u8.ToArray()))
            {
                Assert.Equal(HttpStatusCode.Created, (await company.Http.PutAsync(new Uri($"api/government-complaints/{id}/evidence/acceptance.pdf", UriKind.Relative), file)).StatusCode);
            }

            foreach (var reader in new[] { Company, Bureau, "office" })
            {
                Assert.Equal(HttpStatusCode.OK, (await As(runtime, reader).GetJsonAsync($"api/government-complaints/{id}")).Status);
            }

            foreach (var outsider in new[] { OtherCompany, OtherBureau })
            {
                Assert.Equal((HttpStatusCode.NotFound, "COMPLAINT_NOT_FOUND"), Code(await As(runtime, outsider).GetJsonAsync($"api/government-complaints/{id}")));
            }

            Assert.Equal(0, (await As(runtime, OtherCompany).GetJsonAsync("api/government-complaints")).Body.GetProperty("count").GetInt32());
            Assert.Equal(1, (await As(runtime, "office").GetJsonAsync("api/government-complaints")).Body.GetProperty("count").GetInt32());
            Assert.Equal((HttpStatusCode.Forbidden, "ROLE_NOT_ALLOWED"), Code(await As(runtime, Bureau).GetJsonAsync($"api/government-complaints/{id}/audit")));
        }

        // After the decision day: the deadline run has reminded the office and marked the complaint overdue; decided now, it is late.
        await using (var runtime = await StartAsync("2026-03-24"))
        {
            using var office = As(runtime, "office");
            var deadline = DateTime.UtcNow.AddSeconds(60);
            List<string> actions;
            do
            {
                await Task.Delay(500);
                actions = [.. (await office.GetJsonAsync($"api/government-complaints/{id}/audit")).Body.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("action").GetString()!)];
            }
            while (!actions.Contains("overdue since 2026-03-23") && DateTime.UtcNow < deadline);
            Assert.Contains("reminder: decide by 2026-03-23", actions);
            Assert.Contains("overdue since 2026-03-23", actions);
            Assert.True((await office.GetJsonAsync($"api/government-complaints/{id}")).Body.GetProperty("overdue").GetBoolean());

            Assert.Equal((HttpStatusCode.Forbidden, "SUPERVISOR_ONLY"), Code(await As(runtime, Bureau).PostJsonAsync($"api/government-complaints/{id}/decision", new { finding = "rejected", reply = "已支付" })));
            var (decided, decision) = await office.PostJsonAsync($"api/government-complaints/{id}/decision", new { finding = "成立", reply = "经核查，区住建委违约事实成立，已督促限期支付并记入政务失信记录" });
            Assert.True(decided == HttpStatusCode.OK, decision.ToString());
            Assert.Equal(("Decided", "Upheld", true, false),
                (decision.GetProperty("state").GetString(), decision.GetProperty("finding").GetString(), decision.GetProperty("decidedLate").GetBoolean(), decision.GetProperty("overdue").GetBoolean()));
            Assert.Equal((HttpStatusCode.Conflict, "COMPLAINT_DECIDED"), Code(await office.PostJsonAsync($"api/government-complaints/{id}/decision", new { finding = "rejected", reply = "不成立" })));

            var seen = (await As(runtime, Company).GetJsonAsync($"api/government-complaints/{id}")).Body;
            Assert.Equal("Upheld", seen.GetProperty("finding").GetString());
            var audit = (await As(runtime, Company).GetJsonAsync($"api/government-complaints/{id}/audit")).Body.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
            Assert.Contains("decided Upheld late (due 2026-03-23)", audit);

            // The upheld complaint is the body's 政务失信 record, public; the decision sent again records nothing more.
            Assert.Equal(HttpStatusCode.OK, (await office.PostJsonAsync($"api/government-complaints/{id}/decision", new { finding = "成立", reply = "经核查，区住建委违约事实成立，已督促限期支付并记入政务失信记录" })).Status);
            var breach = Assert.Single((await office.GetJsonAsync("api/government-records")).Body.GetProperty("records").EnumerateArray());
            Assert.Equal(("Breach", "Body", Bureau, id, true, "京示住建合〔2025〕12号"),
                (breach.GetProperty("source").GetString(), breach.GetProperty("subject").GetString(), breach.GetProperty("bodyCode").GetString(),
                    breach.GetProperty("complaintId").GetString(), breach.GetProperty("public").GetBoolean(), breach.GetProperty("document").GetString()));

            // Another department records a 纪律处分 of one of the body's civil servants: kept by name and masked number, never public.
            using var finance = As(runtime, OtherBureau);
            var discipline = new
            {
                source = "纪律处分", bodyCode = Bureau, bodyName = "北京市示例区住房和城乡建设委员会", personName = "李四", personIdNumber = Rows.Person,
                conduct = "在工程款支付中不作为，致使政府违约", document = "京示纪处〔2026〕3号", decisionDate = "2026-03-20", authority = "北京市示例区监察委员会",
            };
            var (recorded, record) = await finance.PostJsonAsync("api/government-records", discipline);
            Assert.True(recorded == HttpStatusCode.Created, record.ToString());
            Assert.Equal(("Discipline", "CivilServant", "110105********0016", false),
                (record.GetProperty("source").GetString(), record.GetProperty("subject").GetString(), record.GetProperty("personIdNumber").GetString(), record.GetProperty("public").GetBoolean()));
            var (again, same) = await finance.PostJsonAsync("api/government-records", discipline);
            Assert.Equal((HttpStatusCode.OK, record.GetProperty("id").GetString()), (again, same.GetProperty("id").GetString()));

            // The department checking the civil servant sees the record; the person sees it in its own data.
            var check = (await finance.GetJsonAsync($"api/subjects/{Rows.Person}/credit-check?department={OtherBureau}")).Body;
            Assert.Equal(record.GetProperty("id").GetString(), Assert.Single(check.GetProperty("governmentRecords").EnumerateArray()).GetProperty("id").GetString());
            var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
            using (var person = new ProductApi(runtime.BaseAddress, await new ApiKeys(storage, TimeProvider.System).IssueAsync(Caller.ForSubject(TestStorage.SubjectKeys(storage).ForPerson(Rows.Person)))))
            {
                var own = (await person.GetJsonAsync("api/me")).Body;
                Assert.Equal("京示纪处〔2026〕3号", Assert.Single(own.GetProperty("governmentRecords").EnumerateArray()).GetProperty("document").GetString());
            }

            // Every problem named at once; a wrong ID number is never echoed.
            var (bad, problems) = await finance.PostJsonAsync("api/government-records", new
            {
                source = "纪律处分", bodyCode = Rows.Company, bodyName = "某公司", personName = "李四", personIdNumber = "110105198001010017",
                conduct = "不作为", document = "京示纪处〔2026〕4号", decisionDate = "2099-01-01", authority = "某监察委",
            });
            Assert.Equal(HttpStatusCode.BadRequest, bad);
            var fields = problems.GetProperty("problems").EnumerateArray().ToDictionary(p => p.GetProperty("field").GetString()!, p => p.GetProperty("code").GetString());
            Assert.Equal(("NOT_A_GOVERNMENT_BODY", "RESIDENT_ID_CHECK_CHARACTER", "FUTURE_DATE"), (fields["bodyCode"], fields["personIdNumber"], fields["decisionDate"]));
            Assert.DoesNotContain("110105198001010017", problems.ToString(), StringComparison.Ordinal);
            var (bodyDiscipline, refusal) = await finance.PostJsonAsync("api/government-records", new
            {
                source = "discipline", bodyCode = Bureau, bodyName = "北京市示例区住房和城乡建设委员会", conduct = "不作为", document = "京示纪处〔2026〕5号", decisionDate = "2026-03-20", authority = "某监察委",
            });
            Assert.Equal((HttpStatusCode.BadRequest, "SOURCE_SUBJECT"), (bodyDiscipline, Assert.Single(refusal.GetProperty("problems").EnumerateArray()).GetProperty("code").GetString()));

            // The public reads the body's breach, not its civil servant's discipline; the body reads both, the recorder its own.
            using var anyone = new ProductApi(runtime.BaseAddress, null);
            var published = (await anyone.GetJsonAsync($"api/public/government-records/{Bureau}")).Body;
            Assert.Equal(breach.GetProperty("id").GetString(), Assert.Single(published.GetProperty("records").EnumerateArray()).GetProperty("id").GetString());
            Assert.DoesNotContain("李四", published.ToString(), StringComparison.Ordinal);
            Assert.Equal((HttpStatusCode.BadRequest, "NOT_A_GOVERNMENT_BODY"), Code(await anyone.GetJsonAsync($"api/public/government-records/{Rows.Company}")));
            Assert.Equal(2, (await As(runtime, Bureau).GetJsonAsync("api/government-records")).Body.GetProperty("count").GetInt32());
            Assert.Equal(1, (await finance.GetJsonAsync("api/government-records")).Body.GetProperty("count").GetInt32());

            // 政务诚信 figures of the body complained of, and the month's notice names it.
            Assert.Equal(HttpStatusCode.OK, (await office.PostJsonAsync("api/statistics/runs", new { })).Status);
            var integrity = Assert.Single((await office.GetJsonAsync($"api/statistics?month=2026-03&department={Bureau}")).Body.GetProperty("figures").EnumerateArray()).GetProperty("integrity");
            Assert.Equal((1, 1, 2), (integrity.GetProperty("complaintsReceived").GetInt32(), integrity.GetProperty("complaintsUpheld").GetInt32(), integrity.GetProperty("governmentRecords").GetInt32()));
            var handling = integrity.GetProperty("complaintHandling");
            Assert.Equal((0, 0, 1), (handling.GetProperty("onTime").GetInt32(), handling.GetProperty("late").GetInt32(), handling.GetProperty("overdue").GetInt32()));
            var notice = (await office.GetJsonAsync("api/reports/2026-03")).Body;
            var named = Assert.Single(notice.GetProperty("named").EnumerateArray(), n => n.GetProperty("department").GetString() == Bureau);
            Assert.Contains("COMPLAINTS_UPHELD", named.GetProperty("shortfalls").EnumerateArray().Select(s => s.GetProperty("code").GetString()));
            Assert.Equal(1, notice.GetProperty("complaintHandling").GetProperty("overdue").GetInt32());
            var printable = await office.Http.GetStringAsync(new Uri("api/reports/2026-03?format=html", UriKind.Relative));
            Assert.Contains("政务诚信：被投诉1件，投诉成立1件，新增政务失信记录2条。", printable, StringComparison.Ordinal);
            Assert.Contains("本办本月按期办结0件，逾期办结0件，超期未办结1件，按期办结率0%。", printable, StringComparison.Ordinal);
        }
    }
}
