using System.Net;
using System.Text.Json;
using Credit.Departments;
using Credit.Storage;
using Credit.Testing;

namespace Credit.Tests.EndToEnd;

/// <summary>
/// 信用承诺 on the real runtime (issue 20, items 1–2): a department records a 容缺受理 commitment, the subject and the
/// credit check see it, it turns overdue after its due day, and its breach bars incentives; an Azurite of its own.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class CommitmentEndToEndTests : IAsyncLifetime
{
    const string Person = "110105198001010016";
    static readonly string Regulator = Rows.DepartmentCode(721);
    static readonly string Finance = Rows.DepartmentCode(722);
    static readonly string Company = Rows.DepartmentCode(821);
    static readonly string OtherCompany = Rows.DepartmentCode(822);

    readonly AzuriteProcess azurite = new();
    readonly Dictionary<string, string> keys = [];
    string supervisorKey = null!;

    public async Task InitializeAsync()
    {
        await azurite.StartAsync();
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        keys[Regulator] = await TestStorage.RegisterDepartmentAsync(storage, Regulator, "北京市住房和城乡建设委员会");
        keys[Finance] = await TestStorage.RegisterDepartmentAsync(storage, Finance, "北京市财政局");
        var apiKeys = new ApiKeys(storage, TimeProvider.System);
        keys[Company] = await apiKeys.IssueAsync(Caller.ForSubject(Company));
        keys[OtherCompany] = await apiKeys.IssueAsync(Caller.ForSubject(OtherCompany));
        supervisorKey = await apiKeys.IssueAsync(new Caller(CallerRole.Supervisor, null));
    }

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    Task<RuntimeProcess> StartAsync(string beijingDay) =>
        RuntimeProcess.StartAsync(azurite.ConnectionString, "CommitmentHub", FreePort.Next(), new Dictionary<string, string>
        {
            ["Credit__Clock__Start"] = $"{beijingDay}T04:00:00Z",
            ["DeadlineSchedule"] = "*/2 * * * * *",
        });

    ProductApi As(RuntimeProcess runtime, string who) => new(runtime.BaseAddress, keys[who]);

    static object Deficiency(string text = "本单位承诺在期限内补交容缺材料，逾期未补交的自愿承担相应责任") => new
    {
        subjectCode = Company, subjectName = "北京承诺示例建筑有限公司", kind = "容缺受理", reference = "京建许〔2026〕88号", text, takenOn = "2026-03-02",
        missingItems = new[] { "消防验收意见书" }, dueDate = "2026-03-10",
    };

    static async Task<JsonElement> CheckAsync(ProductApi department, string departmentCode) =>
        (await department.GetJsonAsync($"api/subjects/{Company}/credit-check?department={departmentCode}")).Body;

    [Fact]
    public async Task A_deficiency_commitment_is_seen_turns_overdue_and_once_breached_bars_incentives()
    {
        string id;
        await using (var runtime = await StartAsync("2026-03-02"))
        {
            using var regulator = As(runtime, Regulator);
            var (created, taken) = await regulator.PostJsonAsync("api/commitments", Deficiency());
            Assert.True(created == HttpStatusCode.Created, taken.ToString());
            id = taken.GetProperty("id").GetString()!;
            Assert.Equal(("Deficiency", "Open", false, "2026-03-10"),
                (taken.GetProperty("kind").GetString(), taken.GetProperty("status").GetString(), taken.GetProperty("overdue").GetBoolean(), taken.GetProperty("dueDate").GetString()));

            // A retry is the same commitment; the same reference with other content is refused.
            var (again, same) = await regulator.PostJsonAsync("api/commitments", Deficiency());
            Assert.Equal((HttpStatusCode.OK, id), (again, same.GetProperty("id").GetString()));
            var (conflict, refused) = await regulator.PostJsonAsync("api/commitments", Deficiency("另一份承诺"));
            Assert.Equal((HttpStatusCode.Conflict, "COMMITMENT_EXISTS"), (conflict, refused.GetProperty("error").GetProperty("code").GetString()));

            // The subject, the taking department and the check see it; another subject or department does not.
            Assert.Equal(id, Assert.Single((await As(runtime, Company).GetJsonAsync("api/me")).Body.GetProperty("commitments").EnumerateArray()).GetProperty("id").GetString());
            Assert.Equal(HttpStatusCode.OK, (await As(runtime, Company).GetJsonAsync($"api/commitments/{id}")).Status);
            foreach (var outsider in new[] { OtherCompany, Finance })
            {
                var (status, body) = await As(runtime, outsider).GetJsonAsync($"api/commitments/{id}");
                Assert.Equal((HttpStatusCode.NotFound, "COMMITMENT_NOT_FOUND"), (status, body.GetProperty("error").GetProperty("code").GetString()));
            }

            var check = await CheckAsync(As(runtime, Finance), Finance);
            Assert.False(Assert.Single(check.GetProperty("commitments").EnumerateArray()).GetProperty("overdue").GetBoolean());
            Assert.True(check.GetProperty("incentives").GetProperty("eligible").GetBoolean());
        }

        await using (var runtime = await StartAsync("2026-03-11"))
        {
            using var regulator = As(runtime, Regulator);
            Assert.True(Assert.Single((await CheckAsync(As(runtime, Finance), Finance)).GetProperty("commitments").EnumerateArray()).GetProperty("overdue").GetBoolean());

            // The deadline run marks it overdue: the department's overdue items list it, linked to the commitment.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            JsonElement listed;
            do
            {
                await Task.Delay(500);
                listed = (await regulator.GetJsonAsync($"api/statistics/overdue?month=2026-03&department={Regulator}")).Body;
            }
            while (listed.GetProperty("count").GetInt32() == 0 && DateTime.UtcNow < deadline);
            var item = Assert.Single(listed.GetProperty("items").EnumerateArray());
            Assert.Equal(("deficiency-overdue", $"commitment:{id}"), (item.GetProperty("kind").GetString(), item.GetProperty("item").GetString()));

            // Only the taking department records the outcome, on a day from the taking to today.
            var (notOwner, _) = await As(runtime, Finance).PostJsonAsync($"api/commitments/{id}/outcome", new { outcome = "breached", date = "2026-03-11" });
            Assert.Equal(HttpStatusCode.NotFound, notOwner);
            foreach (var date in new[] { "2026-03-01", "2026-03-12", "2026-02-30" })
            {
                var (badDate, why) = await regulator.PostJsonAsync($"api/commitments/{id}/outcome", new { outcome = "breached", date });
                Assert.Equal((HttpStatusCode.BadRequest, "OUTCOME_DATE"), (badDate, why.GetProperty("error").GetProperty("code").GetString()));
            }

            var (recorded, breached) = await regulator.PostJsonAsync($"api/commitments/{id}/outcome", new { outcome = "违约", date = "2026-03-11", note = "逾期未补交消防验收意见书" });
            Assert.Equal((HttpStatusCode.OK, "Breached", false), (recorded, breached.GetProperty("status").GetString(), breached.GetProperty("overdue").GetBoolean()));
            Assert.Equal(HttpStatusCode.OK, (await regulator.PostJsonAsync($"api/commitments/{id}/outcome", new { outcome = "breached", date = "2026-03-11" })).Status);
            var (changed, refusal) = await regulator.PostJsonAsync($"api/commitments/{id}/outcome", new { outcome = "fulfilled", date = "2026-03-11" });
            Assert.Equal((HttpStatusCode.Conflict, "OUTCOME_RECORDED"), (changed, refusal.GetProperty("error").GetProperty("code").GetString()));

            var incentives = (await CheckAsync(As(runtime, Finance), Finance)).GetProperty("incentives");
            Assert.False(incentives.GetProperty("eligible").GetBoolean());
            var reason = Assert.Single(incentives.GetProperty("reasons").EnumerateArray());
            Assert.Equal(("BROKEN_COMMITMENT", "Commitment", id),
                (reason.GetProperty("code").GetString(), reason.GetProperty("item").GetProperty("kind").GetString(), reason.GetProperty("item").GetProperty("id").GetString()));
            Assert.Contains("京建许〔2026〕88号", reason.GetProperty("messageZh").GetString(), StringComparison.Ordinal);

            // The month's figures: taken, overdue (the breach after the mark is no second overdue), broken.
            using var supervisor = new ProductApi(runtime.BaseAddress, supervisorKey);
            Assert.Equal(HttpStatusCode.OK, (await supervisor.PostJsonAsync("api/statistics/runs", new { })).Status);
            var figures = Assert.Single((await supervisor.GetJsonAsync($"api/statistics?month=2026-03&department={Regulator}")).Body.GetProperty("figures").EnumerateArray());
            var commitments = figures.GetProperty("commitments");
            Assert.Equal((1L, 0L, 0L, 1L, 1L, 1L), (commitments.GetProperty("taken").GetInt64(), commitments.GetProperty("deficiencies").GetProperty("onTime").GetInt64(),
                commitments.GetProperty("deficiencies").GetProperty("late").GetInt64(), commitments.GetProperty("deficiencies").GetProperty("overdue").GetInt64(),
                commitments.GetProperty("breached").GetInt64(), figures.GetProperty("overdueItems").GetInt64()));

            // The breach leads to a watch-list entry through the catalogue (WL-PROMISE), naming the broken commitment.
            static object Listing(string subject, string? commitment) => new
            {
                subjectCode = subject, subjectName = "北京承诺示例建筑有限公司", category = "违背信用承诺", field = "工程建设", legalBasis = "京政发〔2017〕15号 二(二)2",
                decisionDocument = "京建关〔2026〕5号", startDate = "2026-03-11", periodMonths = 12, catalogueCode = "WL-PROMISE",
                facts = commitment is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["承诺编号"] = commitment },
            };
            var (_, open) = await regulator.PostJsonAsync("api/commitments", new
            {
                subjectCode = Company, subjectName = "北京承诺示例建筑有限公司", kind = "告知承诺", reference = "京建许〔2026〕89号", text = "本单位承诺符合施工许可条件", takenOn = "2026-03-02",
            });
            var kept = open.GetProperty("id").GetString()!;
            var (missing, noFact) = await regulator.PostJsonAsync("api/lists/watch/entries", Listing(Company, null));
            Assert.Equal((HttpStatusCode.BadRequest, "FACT_REQUIRED"), (missing, Assert.Single(noFact.GetProperty("problems").EnumerateArray()).GetProperty("code").GetString()));
            foreach (var (who, subject, commitment) in new[] { (Finance, Company, id), (Regulator, OtherCompany, id), (Regulator, Company, $"{Company}-c{new string('0', 24)}"), (Regulator, Company, kept) })
            {
                var (status, body) = await As(runtime, who).PostJsonAsync("api/lists/watch/entries", Listing(subject, commitment));
                Assert.True((HttpStatusCode.Conflict, "COMMITMENT_NOT_BREACHED") == (status, body.GetProperty("error").GetProperty("code").GetString()), $"{who} {subject} {commitment}: {body}");
            }

            var (onList, entry) = await regulator.PostJsonAsync("api/lists/watch/entries", Listing(Company, id));
            Assert.True(onList == HttpStatusCode.Created, entry.ToString());
            Assert.Equal(("WL-PROMISE", id), (entry.GetProperty("catalogueCode").GetString(), entry.GetProperty("facts").GetProperty("commitment").GetString()));
            var watched = await CheckAsync(As(runtime, Finance), Finance);
            Assert.True(watched.GetProperty("status").GetProperty("watch").GetBoolean());
            Assert.Equal(["BROKEN_COMMITMENT", "UNDER_SANCTION"], watched.GetProperty("incentives").GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()).Order());

            // 信用评价 (issue 21): the broken commitment and the watch entry are its factors, each linked to its item; the subject reads the same.
            static (int, int, string, string) Evaluation(JsonElement evaluation) => (
                evaluation.GetProperty("modelVersion").GetInt32(), evaluation.GetProperty("score").GetInt32(), evaluation.GetProperty("grade").GetString()!,
                string.Join("; ", evaluation.GetProperty("factors").EnumerateArray().Select(f => $"{f.GetProperty("code").GetString()} {f.GetProperty("itemKind").GetString()} {f.GetProperty("itemId").GetString()} {f.GetProperty("points").GetInt32()}")));
            var entryId = entry.GetProperty("entryId").GetString();
            var expected = (1, 45, "D", $"WATCH_LIST ListEntry {entryId} -20; BROKEN_COMMITMENT Commitment {id} -15");
            Assert.Equal(expected, Evaluation(watched.GetProperty("evaluation")));
            Assert.Equal(expected, Evaluation((await As(runtime, Company).GetJsonAsync("api/me")).Body.GetProperty("evaluation")));

            // The office adopts version 2, which weighs a watch entry less: the next check uses it; the same model again adopts nothing.
            var current = (await supervisor.GetJsonAsync("api/evaluation/model")).Body;
            var lighter = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(current.GetRawText())!;
            lighter["watchList"] = JsonSerializer.SerializeToElement(10);
            Assert.Equal(HttpStatusCode.Forbidden, (await regulator.PutJsonAsync("api/evaluation/model", lighter)).Status);
            var (adopted, v2) = await supervisor.PutJsonAsync("api/evaluation/model", lighter);
            Assert.Equal((HttpStatusCode.Created, 2), (adopted, v2.GetProperty("version").GetInt32()));
            var (again, same) = await supervisor.PutJsonAsync("api/evaluation/model", lighter);
            Assert.Equal((HttpStatusCode.OK, 2), (again, same.GetProperty("version").GetInt32()));
            Assert.Equal(20, (await regulator.GetJsonAsync("api/evaluation/model?version=1")).Body.GetProperty("watchList").GetInt32());
            Assert.Equal((2, 55, "C"), Evaluation((await CheckAsync(As(runtime, Finance), Finance)).GetProperty("evaluation")) is var (version, score, grade, _) ? (version, score, grade) : default);

            // The company objects to the breach (异议): only a breach or overdue mark can be objected to, only by its subject
            // or the department that took it, and only as an objection. The taking department upholds it: the factor and the
            // bar on incentives go, the record of the breach stays.
            using var company = As(runtime, Company);
            foreach (var (who, path, target, status) in new[]
            {
                (company, "api/objections", kept, HttpStatusCode.Conflict), (As(runtime, OtherCompany), "api/objections", id, HttpStatusCode.NotFound),
                (As(runtime, Finance), "api/objections", id, HttpStatusCode.NotFound), (company, "api/repairs", id, HttpStatusCode.BadRequest),
            })
            {
                var (refusedStatus, why) = await who.PostJsonAsync(path, new { item = new { kind = "commitment", id = target }, reason = "已按期补交材料", statement = "已按期补交材料" });
                Assert.True(status == refusedStatus, $"{path} {target}: {why}");
            }

            var (filed, objection) = await company.PostJsonAsync("api/objections", new { item = new { kind = "commitment", id }, reason = "消防验收意见书已于3月9日补交，系登记遗漏" });
            Assert.True(filed == HttpStatusCode.Created, objection.ToString());
            var objectionId = objection.GetProperty("id").GetString();
            Assert.Equal(HttpStatusCode.OK, (await regulator.PostJsonAsync($"api/objections/{objectionId}/decision", new { upheld = true, reason = "经核实材料已按期补交，违约记录有误" })).Status);
            var corrected = DateTime.UtcNow.AddSeconds(30);
            JsonElement after;
            while ((after = await CheckAsync(As(runtime, Finance), Finance)).GetProperty("evaluation").GetProperty("score").GetInt32() != 70)
            {
                Assert.True(DateTime.UtcNow < corrected, after.GetProperty("evaluation").ToString());
                await Task.Delay(300);
            }

            Assert.Equal((2, 70, "B", $"WATCH_LIST ListEntry {entryId} -10"), Evaluation(after.GetProperty("evaluation")));
            Assert.Equal(["UNDER_SANCTION"], after.GetProperty("incentives").GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()));
            var stands = (await regulator.GetJsonAsync($"api/commitments/{id}")).Body;
            Assert.Equal(("Breached", objectionId), (stands.GetProperty("status").GetString(), stands.GetProperty("foundWrongBy").GetString()));
            var (again2, repeated) = await company.PostJsonAsync("api/objections", new { item = new { kind = "commitment", id }, reason = "再次提出" });
            Assert.True(again2 == HttpStatusCode.Conflict, repeated.ToString());

            lighter["grades"] = JsonSerializer.SerializeToElement(new { a = 50, b = 70, c = 90 });
            lighter["baseScore"] = JsonSerializer.SerializeToElement(101);
            var (refused, problems) = await supervisor.PutJsonAsync("api/evaluation/model", lighter);
            Assert.Equal((HttpStatusCode.BadRequest, "INVALID_EVALUATION_MODEL"), (refused, problems.GetProperty("error").GetProperty("code").GetString()));
            Assert.Equal(["baseScore", "grades"], problems.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("field").GetString()));
        }
    }

    [Fact]
    public async Task Every_wrong_field_is_named_in_both_languages_and_a_persons_commitment_shows_the_person_masked()
    {
        await using var runtime = await StartAsync("2026-03-02");
        using var regulator = As(runtime, Regulator);

        var (status, refused) = await regulator.PostJsonAsync("api/commitments", new
        {
            subjectCode = "91110000600037341X", subjectName = "", kind = "promise", reference = "京建许〔2026〕1号", text = "承诺", takenOn = "2026-03-03",
            missingItems = new[] { "材料" }, dueDate = "2026-03-10",
        });
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_COMMITMENT"), (status, refused.GetProperty("error").GetProperty("code").GetString()));
        var problems = refused.GetProperty("problems").EnumerateArray().ToList();
        Assert.Equal(["subjectCode", "subjectName", "kind", "takenOn"], problems.Select(p => p.GetProperty("field").GetString()));
        Assert.All(problems, p => Assert.False(string.IsNullOrEmpty(p.GetProperty("message").GetString()) || string.IsNullOrEmpty(p.GetProperty("messageZh").GetString())));

        var (onlyDeficiency, why) = await regulator.PostJsonAsync("api/commitments", new
        {
            subjectCode = Company, subjectName = "北京承诺示例建筑有限公司", kind = "notification", reference = "京建许〔2026〕2号", text = "承诺", takenOn = "2026-03-02", dueDate = "2026-03-10",
        });
        Assert.Equal((HttpStatusCode.BadRequest, "ONLY_FOR_DEFICIENCY"), (onlyDeficiency, why.GetProperty("problems")[0].GetProperty("code").GetString()));
        var (noItems, missing) = await regulator.PostJsonAsync("api/commitments", new
        {
            subjectCode = Company, subjectName = "北京承诺示例建筑有限公司", kind = "deficiency", reference = "京建许〔2026〕3号", text = "承诺", takenOn = "2026-03-02", dueDate = "2026-03-01",
        });
        Assert.Equal(HttpStatusCode.BadRequest, noItems);
        Assert.Equal(["MISSING_ITEMS", "DUE_BEFORE_TAKEN"], missing.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await regulator.PostJsonAsync("api/commitments/not-a-commitment/outcome", new { outcome = "breached", date = "2026-03-02" })).Status);

        var (created, personal) = await regulator.PostJsonAsync("api/commitments", new
        {
            subjectCode = Person, subjectName = "张三", kind = "selfDeclaration", reference = "京建许〔2026〕4号", text = "本人承诺所填信息真实有效", takenOn = "2026-03-02",
        });
        Assert.True(created == HttpStatusCode.Created, personal.ToString());
        Assert.Equal(("110105********0016", "张*", true), (personal.GetProperty("subject").GetString(), personal.GetProperty("subjectName").GetString(), personal.GetProperty("public").GetBoolean()));
        Assert.DoesNotContain(Person, personal.GetProperty("id").GetString(), StringComparison.Ordinal);

        // A public commitment is on its subject's public page, the person masked and the id (keyed on the ID number) left out.
        using var anyone = new ProductApi(runtime.BaseAddress, null);
        var (found, page) = await anyone.GetJsonAsync($"api/public/subjects/{Person}");
        Assert.Equal(HttpStatusCode.OK, found);
        var shown = Assert.Single(page.GetProperty("commitments").EnumerateArray());
        Assert.Equal(("SelfDeclaration", "张*", "北京市住房和城乡建设委员会", "Open"),
            (shown.GetProperty("kind").GetString(), shown.GetProperty("subjectName").GetString(), shown.GetProperty("departmentName").GetString(), shown.GetProperty("status").GetString()));
        Assert.False(shown.TryGetProperty("id", out _) || shown.TryGetProperty("commitmentId", out _));
        Assert.Equal(0, page.GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task A_commitment_not_public_is_on_no_public_page()
    {
        await using var runtime = await StartAsync("2026-03-02");
        Assert.Equal(HttpStatusCode.Created, (await As(runtime, Regulator).PostJsonAsync("api/commitments", Deficiency())).Status);
        using var anyone = new ProductApi(runtime.BaseAddress, null);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetJsonAsync($"api/public/subjects/{Company}")).Status);
    }
}
