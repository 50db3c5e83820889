using System.Net;
using System.Text.Json;
using Credit.Catalogue;
using Credit.Lists;
using Credit.Testing;
using Credit.Tests.Support;

namespace Credit.Tests.EndToEnd;

/// <summary>
/// Red and black kept consistent on the running product: a subject a black-list entry names cannot be put on a red
/// list, and a red entry it had before gives it no incentive in any credit check and is suspended, its incentives lifted.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class RedAndBlackListTests(RuntimeFixture fixture) : IClassFixture<RuntimeFixture>
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    // A suspension ends the red case on the signal drain: every 30 s, for marks older than the 20 s settle time.
    static readonly TimeSpan SignalDrain = TimeSpan.FromSeconds(150);
    static readonly string Company = Rows.DepartmentCode(733);

    static object Entry(string document, string category, string field) => new
    {
        subjectCode = Company, subjectName = "北京红黑示例有限公司", category, field,
        legalBasis = "《北京市社会信用条例》第二十九条", decisionDocument = document, startDate = "2025-03-03", periodMonths = 24,
    };

    [Fact]
    public async Task A_black_listed_subject_gets_no_red_entry_and_its_earlier_red_entry_gives_no_incentive()
    {
        // The departments of the other incentives: 绿色通道, 容缺受理 and 信用加分 (R01, R02, R05), 优先安排财政性资金 (R03).
        var services = Rows.DepartmentCode(734);
        var finance = Rows.DepartmentCode(735);
        await TestStorage.RegisterDepartmentAsync(fixture.Storage, services, "北京市政务服务和数据管理局");
        await TestStorage.RegisterDepartmentAsync(fixture.Storage, finance, "北京市财政局");
        using var department = fixture.Api(fixture.DepartmentKey);
        var (created, red) = await department.PostJsonAsync("api/lists/red/entries", Entry("京市监红〔2025〕1号", "守信激励对象", "食品药品"));
        Assert.True(created == HttpStatusCode.Created, red.ToString());

        // The red case assigns R04 (优化检查方式) to this department (北京市市场监督管理局): its check offers it.
        var offered = await CheckUntilAsync(department, check => Measures(Hit(check, "Red")).Contains("R04"), "R04 offered");
        Assert.False(offered.GetProperty("status").GetProperty("black").GetBoolean());
        Assert.False(Hit(offered, "Red").GetProperty("incentivesWithheld").GetBoolean());

        var (blackCreated, black) = await department.PostJsonAsync("api/lists/black/entries", Entry("京市监黑〔2025〕1号", "食品安全严重失信", "食品药品"));
        Assert.True(blackCreated == HttpStatusCode.Created, black.ToString());
        var (_, check) = await department.GetJsonAsync($"api/subjects/{Company}/credit-check?department={Rows.Department}");
        Assert.True(check.GetProperty("status").GetProperty("black").GetBoolean() && check.GetProperty("status").GetProperty("red").GetBoolean(), check.ToString());
        var heldBack = Hit(check, "Red");
        Assert.True(heldBack.GetProperty("incentivesWithheld").GetBoolean());
        Assert.Empty(Measures(heldBack));

        // A new red entry is refused while the black one stands; the first one, sent again, answers as before.
        var (refused, refusal) = await department.PostJsonAsync("api/lists/red/entries", Entry("京市监红〔2025〕2号", "守信激励对象", "食品药品"));
        Assert.Equal(HttpStatusCode.Conflict, refused);
        Assert.Equal("SUBJECT_ON_BLACK_LIST", refusal.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains(black.GetProperty("entryId").GetString()!, refusal.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("黑名单", refusal.GetProperty("error").GetProperty("messageZh").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await department.PostJsonAsync("api/lists/red/entries", Entry("京市监红〔2025〕1号", "守信激励对象", "食品药品"))).Status);

        // The same in a list file: the row is rejected where it is, naming the column.
        var file = System.Text.Encoding.UTF8.GetBytes(
            "名单类型,主体名称,主体代码,列入类别,领域,列入依据,决定文书号,列入日期,期限（月）\n" +
            $"红名单,北京红黑示例有限公司,{Company},守信激励对象,食品药品,《北京市社会信用条例》第二十九条,京市监红〔2025〕3号,2025-03-03,24\n");
        await department.UploadAsync(Rows.Department, "red-after-black.csv", file);
        await department.WaitForUploadAsync(Rows.Department, "red-after-black.csv", Patience, file);
        var report = (await department.GetJsonAsync($"api/uploads/{Rows.Department}/red-after-black.csv/report")).Body;
        var row = Assert.Single(report.GetProperty("rejectedRows").EnumerateArray());
        Assert.Equal((2, "主体代码", "SUBJECT_ON_BLACK_LIST"), (row.GetProperty("row").GetInt32(), row.GetProperty("column").GetString(), row.GetProperty("code").GetString()));

        // The red entry is suspended: its case ends (Suspended), the department that had its incentive is told to lift it,
        // and the subject is on no red list any more.
        var suspended = await department.WaitForCaseAsync(red.GetProperty("caseId").GetString()!, c => c.GetProperty("endReason").GetString() == "Suspended", "suspended", SignalDrain);
        // R01–R05 were pushed, and every department that had one is told to lift it.
        Assert.Equal(["R01", "R02", "R03", "R04", "R05"], suspended.GetProperty("assignments").EnumerateArray()
            .Where(a => a.GetProperty("department").GetString() is var d && (d == Rows.Department || d == services || d == finance))
            .Select(a => a.GetProperty("measure").GetProperty("code").GetString()).Distinct().Order());
        Assert.Superset(new HashSet<string?> { Rows.Department, services, finance }, suspended.GetProperty("lifts").EnumerateArray().Select(l => l.GetProperty("department").GetString()).ToHashSet());
        Assert.Contains(suspended.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "suspended"
            && t.GetProperty("text").GetString()!.Contains(black.GetProperty("entryId").GetString()!, StringComparison.Ordinal));
        var (_, after) = await department.GetJsonAsync($"api/subjects/{Company}/credit-check?department={Rows.Department}");
        Assert.False(after.GetProperty("status").GetProperty("red").GetBoolean(), after.ToString());
        Assert.Equal(["Black"], after.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("listType").GetString()));

        // A red entry that passed the check while the black one was being stored (two requests racing) is stored beside
        // it; its case, opening, finds the black entry and suspends itself.
        var raced = new ListEntryValidator(TestStorage.SubjectKeys(fixture.Storage)).Validate(Rows.Department, new ListEntryDraft("red", Company, "北京红黑示例有限公司",
            "守信激励对象", "食品药品", "《北京市社会信用条例》第二十九条", "京市监红〔2025〕4号", "2025-03-03", "24", null), CatalogueSnapshot.Seeded).Entry!;
        await new ListStore(fixture.Storage, TestStorage.DataKeys(fixture.Storage)).CreateAsync(raced, DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, (await department.PostJsonAsync("api/lists/red/entries", Entry("京市监红〔2025〕4号", "守信激励对象", "食品药品"))).Status);
        await department.WaitForCaseAsync(raced.Id, c => c.GetProperty("endReason").GetString() == "Suspended", "suspended as it opened", SignalDrain);
    }

    static JsonElement Hit(JsonElement check, string listType) =>
        check.GetProperty("hits").EnumerateArray().Single(h => h.GetProperty("listType").GetString() == listType);

    static string[] Measures(JsonElement hit) =>
        [.. hit.GetProperty("measures").GetProperty("mandatory").EnumerateArray().Concat(hit.GetProperty("measures").GetProperty("recommended").EnumerateArray()).Select(m => m.GetProperty("code").GetString()!)];

    static async Task<JsonElement> CheckUntilAsync(ProductApi department, Func<JsonElement, bool> until, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            var (status, check) = await department.GetJsonAsync($"api/subjects/{Company}/credit-check?department={Rows.Department}");
            last = check;
            if (status == HttpStatusCode.OK && check.GetProperty("hits").EnumerateArray().Any(h => h.GetProperty("listType").GetString() == "Red") && until(check))
            {
                return check;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"credit check not {what}; last: {last}");
    }
}
