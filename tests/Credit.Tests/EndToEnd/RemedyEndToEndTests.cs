using System.Net;
using System.Text;
using System.Text.Json;
using Credit.Departments;
using Credit.Records;
using Credit.Storage;
using Credit.Testing;

namespace Credit.Tests.EndToEnd;

/// <summary>
/// Objections and credit repair on the real runtime, the clock put on the day each step needs (a restart per day),
/// the disclosure, expiry and deadline runs ticking every 2 seconds; an Azurite of its own per test.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class RemedyEndToEndTests : IAsyncLifetime
{
    static readonly string Regulator = Rows.DepartmentCode(711);
    static readonly string Initiator = Rows.DepartmentCode(712);
    static readonly string Finance = Rows.DepartmentCode(713);
    static readonly string Company = Rows.DepartmentCode(811);
    static readonly string OtherCompany = Rows.DepartmentCode(812);
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    readonly AzuriteProcess azurite = new();
    readonly Dictionary<string, string> keys = [];
    string supervisorKey = null!;

    public async Task InitializeAsync()
    {
        await azurite.StartAsync();
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        keys[Regulator] = await TestStorage.RegisterDepartmentAsync(storage, Regulator, "北京市市场监督管理局");
        keys[Initiator] = await TestStorage.RegisterDepartmentAsync(storage, Initiator, "北京市生态环境局");
        keys[Finance] = await TestStorage.RegisterDepartmentAsync(storage, Finance, "北京市财政局");
        var apiKeys = new ApiKeys(storage, TimeProvider.System);
        keys[Company] = await apiKeys.IssueAsync(Caller.ForSubject(Company));
        keys[OtherCompany] = await apiKeys.IssueAsync(Caller.ForSubject(OtherCompany));
        supervisorKey = await apiKeys.IssueAsync(new Caller(CallerRole.Supervisor, null));
    }

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    Task<RuntimeProcess> StartAsync(string beijingDay) =>
        RuntimeProcess.StartAsync(azurite.ConnectionString, "RemedyHub", FreePort.Next(), new Dictionary<string, string>
        {
            ["Credit__Clock__Start"] = $"{beijingDay}T04:00:00Z",
            ["DisclosureSchedule"] = "*/2 * * * * *",
            ["ExpirySchedule"] = "*/2 * * * * *",
            ["DeadlineSchedule"] = "*/2 * * * * *",
            // The test polls the public query: no rate limit in its way.
            ["PublicApi__PermitsPerMinute"] = "100000",
            ["PublicApi__Burst"] = "1000",
        });

    ProductApi As(RuntimeProcess runtime, string who) => new(runtime.BaseAddress, keys[who]);

    string RecordId(string document) => RecordKey.For(Regulator, RecordKind.Penalty, document, Company, TestStorage.SubjectKeys(StorageClients.FromConnectionString(azurite.ConnectionString))).Id;

    static async Task UploadPenaltiesAsync(ProductApi regulator, string name, string decided, params string[] documents)
    {
        var rows = documents.Select(d =>
        {
            var row = Rows.Penalty(d, subjectCode: Company, department: Regulator);
            row["处罚决定日期"] = decided;
            row["处罚有效期"] = "2027-12-31";
            return row;
        });
        var content = Encoding.UTF8.GetBytes(Rows.Csv(rows));
        await regulator.UploadAsync(Regulator, name, content);
        var status = await regulator.WaitForUploadAsync(Regulator, name, Patience, content);
        Assert.True(documents.Length == status.GetProperty("summary").GetProperty("counts").GetProperty("accepted").GetInt32(),
            (await regulator.GetJsonAsync($"api/uploads/{Regulator}/{name}/report")).Body.ToString());
    }

    static async Task<JsonElement> WaitAsync(ProductApi api, string path, Func<JsonElement, bool> until, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            var (status, body) = await api.GetJsonAsync(path);
            last = body;
            if (status == HttpStatusCode.OK && until(body))
            {
                return body;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{path}: not {what}; last: {last}");
    }

    static bool Timeline(JsonElement view, string kind) => view.GetProperty("timeline").EnumerateArray().Any(t => t.GetProperty("kind").GetString() == kind);

    static JsonElement? PublicRecord(JsonElement subject, string document) =>
        subject.TryGetProperty("records", out var records)
            ? records.EnumerateArray().Cast<JsonElement?>().FirstOrDefault(r => r!.Value.GetProperty("documentNumber").GetString() == document)
            : null;

    [Fact]
    public async Task A_subject_objects_the_department_upholds_and_the_record_leaves_public_view_an_objection_left_too_long_is_overdue_then_rejected()
    {
        string upheldId;
        string rejectedId;
        await using (var runtime = await StartAsync("2025-03-03"))
        {
            using var regulator = As(runtime, Regulator);
            using var subject = As(runtime, Company);
            using var anyone = new ProductApi(runtime.BaseAddress, null);
            await UploadPenaltiesAsync(regulator, "wrong.csv", "2025-02-28", "异议〔2025〕1号", "异议〔2025〕2号");
            await WaitAsync(anyone, $"api/public/subjects/{Company}", s => s.GetProperty("records").GetArrayLength() == 2, "published");

            var objection = new { item = new { kind = "record", id = RecordId("异议〔2025〕1号") }, reason = "处罚对象错误：该违法行为系他人所为" };
            // Another subject's objection to this record gets the answer a record that does not exist gets: no key tells whether a department holds a record about someone.
            var notTheirs = await As(runtime, OtherCompany).PostJsonAsync("api/objections", objection);
            var noSuchRecord = await As(runtime, OtherCompany).PostJsonAsync("api/objections", new { item = new { kind = "record", id = RecordId("异议〔2025〕999号") }, reason = "处罚对象错误" });
            Assert.Equal((HttpStatusCode.NotFound, "ITEM_NOT_FOUND"), (notTheirs.Status, notTheirs.Body.GetProperty("error").GetProperty("code").GetString()));
            Assert.Equal((notTheirs.Status, notTheirs.Body.GetProperty("error").GetProperty("code").GetString()), (noSuchRecord.Status, noSuchRecord.Body.GetProperty("error").GetProperty("code").GetString()));
            Assert.Equal(HttpStatusCode.BadRequest, (await subject.PostJsonAsync("api/objections", new { item = new { kind = "record", id = RecordId("异议〔2025〕1号") } })).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await subject.PostJsonAsync("api/objections", new { item = new { kind = "record", id = RecordId("异议〔2025〕9号") }, reason = "x" })).Status);
            var (filed, upheld) = await subject.PostJsonAsync("api/objections", objection);
            Assert.Equal(HttpStatusCode.Created, filed);
            upheldId = upheld.GetProperty("id").GetString()!;
            Assert.Equal(HttpStatusCode.OK, (await subject.PostJsonAsync("api/objections", objection)).Status);
            using (var evidence = await subject.Http.PutAsync(new Uri($"api/objections/{upheldId}/evidence/contract.pdf", UriKind.Relative), new ByteArrayContent([1, 2, 3])))
            {
                Assert.Equal(HttpStatusCode.Created, evidence.StatusCode);
            }

            var (_, second) = await subject.PostJsonAsync("api/objections", new { item = new { kind = "record", id = RecordId("异议〔2025〕2号") }, reason = "罚款金额有误" });
            rejectedId = second.GetProperty("id").GetString()!;

            // Marked "under objection" at once, visible to the public; forwarded to the providing department.
            var marked = await WaitAsync(subject, $"api/objections/{upheldId}", v => Timeline(v, "marked") && Timeline(v, "forwarded"), "marked and forwarded");
            Assert.Equal("2025-03-10", marked.GetProperty("remedy").GetProperty("deadline").GetString());
            Assert.Single(marked.GetProperty("evidence").EnumerateArray());
            await WaitAsync(anyone, $"api/public/subjects/{Company}", s => PublicRecord(s, "异议〔2025〕1号")?.TryGetProperty("underObjection", out _) == true, "under objection");
            Assert.Contains(((await regulator.GetJsonAsync($"api/departments/{Regulator}/notices")).Body.GetProperty("notices")).EnumerateArray(), n => n.GetProperty("kind").GetString() == "objection");

            Assert.Equal(HttpStatusCode.NotFound, (await As(runtime, Finance).PostJsonAsync($"api/objections/{upheldId}/decision", new { upheld = true, reason = "核实" })).Status);
            Assert.Equal(HttpStatusCode.BadRequest, (await regulator.PostJsonAsync($"api/objections/{upheldId}/decision", new { upheld = true })).Status);
            Assert.Equal(HttpStatusCode.OK, (await regulator.PostJsonAsync($"api/objections/{upheldId}/decision", new { upheld = true, reason = "经核实，处罚对象认定错误，予以撤销" })).Status);
            Assert.Equal(HttpStatusCode.Conflict, (await regulator.PostJsonAsync($"api/objections/{upheldId}/decision", new { upheld = false, reason = "改判" })).Status);
            // The same decision sent again (a client retrying) is taken as already made, and raises its signals again.
            var (repeated, repeatedBody) = await regulator.PostJsonAsync($"api/objections/{upheldId}/decision", new { upheld = true, reason = "经核实，处罚对象认定错误，予以撤销" });
            Assert.Equal(HttpStatusCode.OK, repeated);
            Assert.True(repeatedBody.GetProperty("alreadyTaken").GetBoolean());
            Assert.Equal("Upheld", repeatedBody.GetProperty("remedy").GetProperty("state").GetString());

            // At the next disclosure run the record gives way to a notice with the reason.
            var withdrawn = await WaitAsync(anyone, $"api/public/subjects/{Company}", s => PublicRecord(s, "异议〔2025〕1号")?.TryGetProperty("status", out _) == true, "withdrawn");
            var notice = PublicRecord(withdrawn, "异议〔2025〕1号")!.Value;
            Assert.Equal("revoked", notice.GetProperty("status").GetString());
            Assert.StartsWith("异议成立", notice.GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.False(notice.TryGetProperty("fields", out _));
            Assert.False(PublicRecord(withdrawn, "异议〔2025〕2号")!.Value.TryGetProperty("status", out _));
        }

        // After the 5-working-day limit (2025-03-10) the undecided objection is overdue; then rejected, with the reason shown to the objector.
        await using (var runtime = await StartAsync("2025-03-11"))
        {
            using var subject = As(runtime, Company);
            using var regulator = As(runtime, Regulator);
            var overdue = await WaitAsync(subject, $"api/objections/{rejectedId}", v => v.GetProperty("remedy").GetProperty("overdue").GetBoolean(), "overdue");
            Assert.True(Timeline(overdue, "reminder"));
            Assert.Equal(HttpStatusCode.OK, (await regulator.PostJsonAsync($"api/objections/{rejectedId}/decision", new { upheld = false, reason = "罚款金额与处罚决定书一致" })).Status);
            var rejected = await WaitAsync(subject, $"api/objections/{rejectedId}", v => v.GetProperty("remedy").GetProperty("state").GetString() == "Rejected", "rejected");
            Assert.Equal("罚款金额与处罚决定书一致", rejected.GetProperty("remedy").GetProperty("decisionReason").GetString());
            Assert.True(rejected.GetProperty("remedy").GetProperty("decidedLate").GetBoolean());
            using var anyone = new ProductApi(runtime.BaseAddress, null);
            await WaitAsync(anyone, $"api/public/subjects/{Company}", s => PublicRecord(s, "异议〔2025〕2号") is { } r && !r.TryGetProperty("underObjection", out _), "mark cleared");

            var audit = (await subject.GetJsonAsync("api/audit")).Body.GetProperty("audit").EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
            Assert.Contains("Objection.filed", audit);
            Assert.Contains("Objection.marked", audit);
            Assert.Contains("Objection.overdue", audit);
            Assert.Contains("Objection.decided", audit);
            Assert.Contains("Objection.withdrawn", audit);
            var supervised = (await new ProductApi(runtime.BaseAddress, supervisorKey).GetJsonAsync($"api/audit?subject={Company}")).Body.GetProperty("audit").GetArrayLength();
            Assert.Equal(audit.Count, supervised);
            Assert.Equal(HttpStatusCode.Forbidden, (await regulator.GetJsonAsync("api/audit")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await As(runtime, OtherCompany).GetJsonAsync($"api/objections/{rejectedId}")).Status);
        }
    }

    [Fact]
    public async Task B_repair_refused_while_ineligible_then_approved_after_a_kill_ends_the_case_with_lifts_and_a_refused_one_stays_refused()
    {
        string caseId;
        string repairId;
        await using (var runtime = await StartAsync("2025-03-03"))
        {
            using var initiator = As(runtime, Initiator);
            using var subject = As(runtime, Company);
            var (created, entry) = await initiator.PostJsonAsync("api/lists/black/entries", new
            {
                subjectCode = Company, subjectName = "北京示例化工有限公司", category = "环境违法失信", field = "环境保护",
                legalBasis = "《中华人民共和国环境保护法》第六十三条", decisionDocument = "京环罚〔2025〕31号", startDate = "2025-03-03", periodMonths = 36,
            });
            Assert.Equal(HttpStatusCode.Created, created);
            caseId = entry.GetProperty("caseId").GetString()!;
            await initiator.WaitForCaseAsync(caseId, "AwaitingFeedback", Patience);
            Assert.Equal(HttpStatusCode.OK, (await As(runtime, Finance).PostJsonAsync($"api/cases/{caseId}/feedback", new { measure = "S02", target = Company, outcome = "applied", date = "2025-03-03" })).Status);
            var sanctioned = (await As(runtime, Finance).GetJsonAsync($"api/subjects/{Company}/credit-check?department={Finance}")).Body.GetProperty("incentives");
            Assert.False(sanctioned.GetProperty("eligible").GetBoolean());
            var reason = Assert.Single(sanctioned.GetProperty("reasons").EnumerateArray());
            Assert.Equal(("UNDER_SANCTION", "ListEntry", caseId), (reason.GetProperty("code").GetString(), reason.GetProperty("item").GetProperty("kind").GetString(), reason.GetProperty("item").GetProperty("id").GetString()));

            // An objection to the entry shows in every credit check until it is decided.
            var (_, objection) = await subject.PostJsonAsync("api/objections", new { item = new { kind = "listEntry", id = caseId }, reason = "违法行为已在列入前整改完毕" });
            var objectionId = objection.GetProperty("id").GetString()!;
            using var finance = As(runtime, Finance);
            await WaitAsync(finance, $"api/subjects/{Company}/credit-check?department={Finance}", c => c.GetProperty("hits")[0].GetProperty("underObjection").GetBoolean(), "under objection");
            Assert.Equal(HttpStatusCode.OK, (await initiator.PostJsonAsync($"api/objections/{objectionId}/decision", new { upheld = false, reason = "整改完成晚于列入决定" })).Status);
            await WaitAsync(finance, $"api/subjects/{Company}/credit-check?department={Finance}", c => !c.GetProperty("hits")[0].GetProperty("underObjection").GetBoolean(), "mark cleared");
            Assert.Equal("Rejected", (await subject.GetJsonAsync($"api/objections/{objectionId}")).Body.GetProperty("remedy").GetProperty("state").GetString());

            var repair = new { item = new { kind = "listEntry", id = caseId }, statement = "已缴纳罚款并完成整改", proof = "缴款凭证 No.123", commitment = "信用承诺书" };
            var (early, refusal) = await subject.PostJsonAsync("api/repairs", repair);
            Assert.Equal((HttpStatusCode)422, early);
            Assert.Equal("NOT_YET_ELIGIBLE", refusal.GetProperty("error").GetProperty("code").GetString());
            Assert.Equal("2026-03-03", refusal.GetProperty("earliestDate").GetString());
            Assert.Equal(HttpStatusCode.NotFound, (await As(runtime, OtherCompany).PostJsonAsync("api/repairs", repair)).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await initiator.PostJsonAsync("api/repairs", repair)).Status);

            // A general penalty of 2024 has served its 3 months: eligible, and refused by its department.
            using var regulator = As(runtime, Regulator);
            await UploadPenaltiesAsync(regulator, "old.csv", "2024-06-03", "修复〔2024〕1号");
            var (filed, applied) = await subject.PostJsonAsync("api/repairs", new { item = new { kind = "record", id = RecordId("修复〔2024〕1号") }, statement = "已缴纳罚款", proof = "缴款凭证", commitment = "承诺书" });
            Assert.Equal(HttpStatusCode.Created, filed);
            var refusedId = applied.GetProperty("id").GetString()!;
            Assert.Equal("2025-03-17", applied.GetProperty("deadline").GetString());
            Assert.Equal(HttpStatusCode.OK, (await regulator.PostJsonAsync($"api/repairs/{refusedId}/decision", new { approved = false, reason = "尚未完成整改" })).Status);
            var refused = await WaitAsync(subject, $"api/repairs/{refusedId}", v => Timeline(v, "decided"), "decided");
            Assert.Equal("Refused", refused.GetProperty("remedy").GetProperty("state").GetString());
        }

        await using (var runtime = await StartAsync("2026-03-04"))
        {
            using var subject = As(runtime, Company);
            var (filed, applied) = await subject.PostJsonAsync("api/repairs", new { item = new { kind = "listEntry", id = caseId }, statement = "已缴纳罚款并完成整改", proof = "缴款凭证 No.123", commitment = "信用承诺书" });
            Assert.Equal(HttpStatusCode.Created, filed);
            repairId = applied.GetProperty("id").GetString()!;
            await WaitAsync(subject, $"api/repairs/{repairId}", v => Timeline(v, "forwarded"), "forwarded");
            var own = (await subject.GetJsonAsync("api/me")).Body;
            Assert.Equal(caseId, Assert.Single(own.GetProperty("listEntries").EnumerateArray()).GetProperty("entryId").GetString());

            // The decision is pending; the runtime dies.
            runtime.KillHard();
        }

        // Past the 10-working-day limit (2026-03-18): overdue all the same; then approved, and the case ends with lifts.
        await using (var runtime = await StartAsync("2026-03-19"))
        {
            using var subject = As(runtime, Company);
            using var initiator = As(runtime, Initiator);
            await WaitAsync(subject, $"api/repairs/{repairId}", v => v.GetProperty("remedy").GetProperty("overdue").GetBoolean(), "overdue");
            Assert.Equal(HttpStatusCode.OK, (await initiator.PostJsonAsync($"api/repairs/{repairId}/decision", new { approved = true, reason = "已履行法定义务并作出信用承诺" })).Status);
            var lifting = await initiator.WaitForCaseAsync(caseId, "Lifting", Patience);
            Assert.Equal("Repaired", lifting.GetProperty("endReason").GetString());
            await WaitAsync(subject, $"api/repairs/{repairId}", v => Timeline(v, "shared"), "shared");
            var notices = (await As(runtime, Finance).GetJsonAsync($"api/departments/{Finance}/notices")).Body.GetProperty("notices").EnumerateArray().Select(n => n.GetProperty("kind").GetString()).ToList();
            Assert.Contains("lift", notices);
            Assert.Contains("repair-result", notices);
            var check = (await As(runtime, Finance).GetJsonAsync($"api/subjects/{Company}/credit-check?department={Finance}")).Body;
            Assert.False(check.GetProperty("status").GetProperty("black").GetBoolean());
            // A repaired subject's credit is restored: the entry it left is no reason against incentives.
            Assert.True(check.GetProperty("incentives").GetProperty("eligible").GetBoolean(), check.ToString());
        }
    }
}
