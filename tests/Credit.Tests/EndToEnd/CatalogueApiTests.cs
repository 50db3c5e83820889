using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Credit.Testing;
using Credit.Tests.Support;

namespace Credit.Tests.EndToEnd;

/// <summary>The catalogue of acts over HTTP: read by every key, kept by the supervising office, named by list entries with the facts it asks for.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class CatalogueApiTests(RuntimeFixture fixture) : IClassFixture<RuntimeFixture>
{
    static readonly string Debtor = Rows.DepartmentCode(761);

    static object Item(string code = "BL-PILOT", string[]? when = null, string measure = "S12", string? criteria = "试点认定标准") => new
    {
        code,
        name = "试点失信行为",
        listType = "Black",
        field = "司法诉讼",
        criteria,
        legalBasis = "京政发〔2017〕15号 二（四）",
        defaultPeriodMonths = 12,
        maximumPeriodMonths = 24,
        minimumRepairMonths = 6,
        facts = new[] { new { key = "ableButRefuses", name = "有履行能力但拒不履行", kind = "YesNo" } },
        measures = new[] { new { measureCode = measure, subjectKinds = new[] { "NaturalPerson" }, roles = new[] { "LegalRepresentative" }, when = when ?? ["ableButRefuses"] } },
        derivedFrom = (object?)null,
    };

    static object Entry(string document, object? facts, string catalogueCode = "BL-COURT") => new
    {
        subjectCode = Debtor, subjectName = "北京示例被执行有限公司", legalBasis = "法释〔2017〕7号第一条", decisionDocument = document,
        startDate = "2025-03-03", catalogueCode, facts,
    };

    static IEnumerable<string> Fields(JsonElement refusal) => refusal.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("field").GetString()!);

    [Fact]
    public async Task Everyone_with_a_key_reads_the_catalogue_and_only_the_office_changes_it_in_versions()
    {
        using var supervisor = fixture.Api(fixture.SupervisorKey);
        using var department = fixture.Api(fixture.DepartmentKey);
        using var nobody = fixture.Api(null);

        var all = (await department.GetJsonAsync("api/catalogue")).Body.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(all, i => i.GetProperty("code").GetString() == "BL-COURT" && i.GetProperty("criteria").GetString()!.Contains("有履行能力而拒不履行", StringComparison.Ordinal));
        var watch = (await department.GetJsonAsync("api/catalogue?listType=watch")).Body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["WL-GENERAL", "WL-PROMISE"], watch.Select(i => i.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await department.GetJsonAsync("api/catalogue?listType=grey")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await nobody.GetJsonAsync("api/catalogue")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await department.GetJsonAsync("api/catalogue/BL-NONE")).Status);

        Assert.Equal(HttpStatusCode.Forbidden, (await department.PostJsonAsync("api/catalogue", Item())).Status);
        var (invalid, refusal) = await supervisor.PostJsonAsync("api/catalogue", Item(when: ["mood"], criteria: null));
        Assert.Equal(HttpStatusCode.BadRequest, invalid);
        Assert.Equal(["criteria", "measures"], Fields(refusal));
        Assert.Equal(["measures", "measures"], Fields((await supervisor.PostJsonAsync("api/catalogue", Item(measure: "R01"))).Body));

        var (created, added) = await supervisor.PostJsonAsync("api/catalogue", Item());
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(1, added.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostJsonAsync("api/catalogue", Item())).Status);
        using (var change = await supervisor.Http.PutAsJsonAsync(new Uri("api/catalogue/BL-PILOT", UriKind.Relative), Item(criteria: "修订后的认定标准")))
        {
            Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        }

        using (var retire = await supervisor.Http.DeleteAsync(new Uri("api/catalogue/BL-PILOT", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, retire.StatusCode);
        }

        var current = (await department.GetJsonAsync("api/catalogue/BL-PILOT")).Body;
        Assert.Equal((3, true), (current.GetProperty("version").GetInt32(), current.GetProperty("retired").GetBoolean()));
        Assert.Equal("试点认定标准", (await department.GetJsonAsync("api/catalogue/BL-PILOT?version=1")).Body.GetProperty("criteria").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await department.GetJsonAsync("api/catalogue/BL-PILOT?version=x")).Status);

        // A retired item lists no one new.
        var (retiredStatus, retired) = await department.PostJsonAsync("api/lists/black/entries", Entry("(2025)京0105执900号", new { ableButRefuses = true }, "BL-PILOT"));
        Assert.Equal(HttpStatusCode.BadRequest, retiredStatus);
        Assert.Contains("catalogueCode", Fields(retired));
    }

    [Fact]
    public async Task A_list_entry_names_its_item_and_the_facts_it_needs_or_is_told_which_it_lacks()
    {
        using var department = fixture.Api(fixture.DepartmentKey);
        var (missing, refusal) = await department.PostJsonAsync("api/lists/black/entries", Entry("(2025)京0105执901号", new { enforcementCaseNumber = "(2025)京0105执901号" }));
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        var problem = Assert.Single(refusal.GetProperty("problems").EnumerateArray());
        Assert.Equal(("facts.ableButRefuses", "FACT_REQUIRED"), (problem.GetProperty("field").GetString(), problem.GetProperty("code").GetString()));
        Assert.Contains("有履行能力但拒不履行", problem.GetProperty("messageZh").GetString(), StringComparison.Ordinal);

        var (created, entry) = await department.PostJsonAsync("api/lists/black/entries", Entry("(2025)京0105执901号", new { enforcementCaseNumber = "(2025)京0105执901号", 有履行能力但拒不履行 = "是" }));
        Assert.True(created == HttpStatusCode.Created, entry.ToString());
        Assert.Equal(("BL-COURT", "司法诉讼", "失信被执行人", 24), (entry.GetProperty("catalogueCode").GetString(), entry.GetProperty("field").GetString(),
            entry.GetProperty("category").GetString(), entry.GetProperty("periodMonths").GetInt32()));
        Assert.Equal("是", entry.GetProperty("facts").GetProperty("ableButRefuses").GetString());

        // The same entry again is the same entry; the same identity with other facts is another content.
        Assert.Equal(HttpStatusCode.OK, (await department.PostJsonAsync("api/lists/black/entries", Entry("(2025)京0105执901号", new { enforcementCaseNumber = "(2025)京0105执901号", ableButRefuses = true }))).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await department.PostJsonAsync("api/lists/black/entries", Entry("(2025)京0105执901号", new { enforcementCaseNumber = "(2025)京0105执901号", ableButRefuses = false }))).Status);
    }

    [Fact]
    public async Task A_subject_on_the_watch_list_gets_no_red_entry()
    {
        using var department = fixture.Api(fixture.DepartmentKey);
        var subject = Rows.DepartmentCode(762);
        var (watched, entry) = await department.PostJsonAsync("api/lists/watch/entries", new
        {
            subjectCode = subject, subjectName = "北京重点关注示例有限公司", category = "列入经营异常名录", field = "产品质量",
            legalBasis = "发改财金规〔2017〕1798号", decisionDocument = "京市监关〔2025〕1号", startDate = "2025-03-03",
        });
        Assert.True(watched == HttpStatusCode.Created, entry.ToString());
        Assert.Equal(("Watch", "WL-GENERAL", 12), (entry.GetProperty("listType").GetString(), entry.GetProperty("catalogueCode").GetString(), entry.GetProperty("periodMonths").GetInt32()));

        var (refused, refusal) = await department.PostJsonAsync("api/lists/red/entries", new
        {
            subjectCode = subject, subjectName = "北京重点关注示例有限公司", category = "守信激励对象", field = "产品质量",
            legalBasis = "京政发〔2017〕15号", decisionDocument = "京市监红〔2025〕9号", startDate = "2025-03-03", periodMonths = 12,
        });
        Assert.Equal(HttpStatusCode.Conflict, refused);
        Assert.Contains("重点关注名单", refusal.GetProperty("error").GetProperty("messageZh").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mandatory_measure_nobody_registered_implements_is_flagged_and_pushed_once_its_department_registers()
    {
        using var department = fixture.Api(fixture.DepartmentKey);
        using var supervisor = fixture.Api(fixture.SupervisorKey);
        var (created, entry) = await department.PostJsonAsync("api/lists/black/entries", new
        {
            subjectCode = "110105197505050033", subjectName = "王五", catalogueCode = "BL-COURT", legalBasis = "法释〔2017〕7号第一条",
            decisionDocument = "(2025)京0105执902号", startDate = "2025-03-03", facts = new { enforcementCaseNumber = "(2025)京0105执902号", ableButRefuses = true },
        });
        Assert.True(created == HttpStatusCode.Created, entry.ToString());
        var caseId = entry.GetProperty("caseId").GetString()!;

        // Neither the police (S12) nor the court (S14, S15) is registered here: the case says so, and so does the office's report.
        var opened = await department.WaitForCaseAsync(caseId, c => c.GetProperty("state").GetString() is "AwaitingFeedback" or "InEffect", "opened", TimeSpan.FromSeconds(60));
        Assert.Equal(["S12", "S14", "S15"], opened.GetProperty("unimplementedMeasures").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains(opened.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "unimplemented");
        var overdue = (await supervisor.GetJsonAsync("api/statistics/overdue")).Body;
        Assert.Contains(overdue.GetProperty("unimplemented").EnumerateArray(), c => c.GetProperty("caseId").GetString() == caseId);

        var police = Rows.DepartmentCode(763);
        await TestStorage.RegisterDepartmentAsync(fixture.Storage, police, "北京市公安局");
        Assert.Equal(HttpStatusCode.Forbidden, (await department.GetJsonAsync($"api/departments/{police}/missed-measures")).Status);
        var missed = (await supervisor.GetJsonAsync($"api/departments/{police}/missed-measures")).Body;
        var mine = Assert.Single(missed.GetProperty("cases").EnumerateArray(), c => c.GetProperty("caseId").GetString() == caseId);
        // 限制出境, and 从严审核行政许可 which every department applies.
        Assert.Equal(["S12", "S17"], mine.GetProperty("measures").EnumerateArray().Select(m => m.GetString()));

        var (pushed, answer) = await supervisor.PostJsonAsync($"api/departments/{police}/missed-measures", new { });
        Assert.Equal(HttpStatusCode.Accepted, pushed);
        Assert.True(answer.GetProperty("pushed").GetInt32() >= 1);
        await department.WaitForCaseAsync(caseId, c => c.GetProperty("assignments").EnumerateArray().Any(a => a.GetProperty("department").GetString() == police
            && a.GetProperty("measure").GetProperty("code").GetString() == "S12"), "pushed to the police", TimeSpan.FromSeconds(60));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await supervisor.GetJsonAsync($"api/departments/{police}/missed-measures")).Body.GetProperty("count").GetInt32() > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "missed measures left after the push");
            await Task.Delay(500);
        }

        Assert.Equal(0, (await supervisor.PostJsonAsync($"api/departments/{police}/missed-measures", new { })).Body.GetProperty("pushed").GetInt32());
    }
}
