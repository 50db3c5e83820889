using System.Net;
using System.Text;
using System.Text.Json;
using Credit.Departments;
using Credit.Storage;
using Credit.Testing;

namespace Credit.Tests.Supervision;

[CollectionDefinition(Name)]
public sealed class SupervisionGroup : ICollectionFixture<SupervisionFixture>
{
    public const string Name = "supervision";
}

/// <summary>
/// A month of work flowing through a fresh product on the real runtime, once for the supervision tests: the
/// initiating department uploads penalties (one row bad) and licences, lists a company on the black list, makes
/// a credit check and decides an objection to one of its records; finance and police answer their measures on time; the court never answers, so its five
/// assignments go overdue when the clock passes the deadline (a restart on 2025-03-12). Then the supervisor runs
/// the statistics, and the runtime stays up for the API and browser tests.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class SupervisionFixture : IAsyncLifetime
{
    public const string Month = "2025-03";
    public static readonly string Initiator = Rows.DepartmentCode(901);
    public static readonly string Finance = Rows.DepartmentCode(902);
    public static readonly string Court = Rows.DepartmentCode(903);
    public static readonly string Police = Rows.DepartmentCode(904);
    public const string CourtName = "北京市高级人民法院";
    const string Company = "91110105MA00000012";
    const string Representative = "110105198001010016";
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    readonly AzuriteProcess azurite = new();
    readonly Dictionary<string, string> keys = [];

    public RuntimeProcess Runtime { get; private set; } = null!;
    public string SupervisorKey { get; private set; } = null!;
    public string CaseId { get; private set; } = null!;

    /// <summary>The initiator's objection to one of its own records, decided not upheld.</summary>
    public string ObjectionId { get; private set; } = null!;
    public JsonElement FirstRun { get; private set; }

    public string KeyOf(string department) => keys[department];

    public StorageClients Storage => StorageClients.FromConnectionString(azurite.ConnectionString);

    public ProductApi As(string department) => new(Runtime.BaseAddress, keys[department]);

    public ProductApi AsSupervisor() => new(Runtime.BaseAddress, SupervisorKey);

    public async Task InitializeAsync()
    {
        await azurite.StartAsync();
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        keys[Initiator] = await TestStorage.RegisterDepartmentAsync(storage, Initiator, "北京市生态环境局");
        keys[Finance] = await TestStorage.RegisterDepartmentAsync(storage, Finance, "北京市财政局");
        keys[Court] = await TestStorage.RegisterDepartmentAsync(storage, Court, CourtName);
        keys[Police] = await TestStorage.RegisterDepartmentAsync(storage, Police, "北京市公安局");
        SupervisorKey = await new ApiKeys(storage, TimeProvider.System).IssueAsync(new Caller(CallerRole.Supervisor, null));

        await using (var first = await StartAsync("2025-03-03"))
        {
            Runtime = first;
            await WorkOfTheMonthAsync();
        }

        Runtime = await StartAsync("2025-03-12");
        using var initiator = As(Initiator);
        await initiator.WaitForCaseAsync(CaseId, c => c.GetProperty("assignments").EnumerateArray().Count(a => a.GetProperty("overdue").GetBoolean()) == 5, "five overdue", Patience);
        using var supervisor = AsSupervisor();
        var (status, run) = await supervisor.PostJsonAsync("api/statistics/runs", new { });
        Assert.True(status == HttpStatusCode.OK, run.ToString());
        FirstRun = run;
    }

    public async Task DisposeAsync()
    {
        if (Runtime is not null)
        {
            await Runtime.DisposeAsync();
        }

        await azurite.DisposeAsync();
    }

    Task<RuntimeProcess> StartAsync(string beijingDay) =>
        RuntimeProcess.StartAsync(azurite.ConnectionString, "SupervisionHub", FreePort.Next(), new Dictionary<string, string>
        {
            ["Credit__Clock__Start"] = $"{beijingDay}T04:00:00Z",
            ["DisclosureSchedule"] = "*/2 * * * * *",
            ["ExpirySchedule"] = "*/2 * * * * *",
            ["DeadlineSchedule"] = "*/2 * * * * *",
            // Only on demand here, so that every figure the tests read comes from the run they asked for.
            ["StatisticsSchedule"] = "0 0 0 1 1 *",
        });

    async Task WorkOfTheMonthAsync()
    {
        using var initiator = As(Initiator);
        var good = Rows.Penalty("京环罚〔2025〕21号", department: Initiator);
        good["处罚决定日期"] = "2025-03-03";
        var second = new Dictionary<string, string>(good) { ["行政处罚决定书文号"] = "京环罚〔2025〕22号" };
        var bad = new Dictionary<string, string>(good) { ["行政处罚决定书文号"] = "京环罚〔2025〕23号", ["统一社会信用代码"] = "91110105MA00000013" };
        await UploadAsync(initiator, "penalties.csv", good, second, bad);
        await UploadAsync(initiator, "licences.csv", Licence("京环许〔2025〕1号"), Licence("京环许〔2025〕2号"));
        await WaitForPublishedAsync(initiator, 4);

        var (status, created) = await initiator.PostJsonAsync("api/lists/black/entries", new
        {
            subjectCode = Company,
            subjectName = "北京示例化工有限公司",
            // A judgment debtor able but refusing to perform (BL-COURT): the court's and the police's measures bind it and its representative.
            catalogueCode = "BL-COURT",
            facts = new { enforcementCaseNumber = "(2025)京0105执8号", ableButRefuses = true },
            legalBasis = "《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条",
            decisionDocument = "京环罚〔2025〕8号",
            startDate = "2025-03-03",
            periodMonths = 12,
            responsiblePersons = new[] { new { role = "法定代表人", name = "张三", idNumber = Representative } },
        });
        Assert.True(status == HttpStatusCode.Created, created.ToString());
        CaseId = created.GetProperty("caseId").GetString()!;
        var pushed = await initiator.WaitForCaseAsync(CaseId, "AwaitingFeedback", Patience);
        foreach (var assignment in pushed.GetProperty("assignments").EnumerateArray())
        {
            var department = assignment.GetProperty("department").GetString()!;
            if (department == Court)
            {
                continue;
            }

            var target = assignment.GetProperty("target").GetProperty("role").ValueKind == JsonValueKind.String ? Representative : Company;
            var measure = assignment.GetProperty("measure").GetProperty("code").GetString();
            var feedback = department == Initiator
                ? (object)new { measure, target, outcome = "notApplicable", reason = "本局不审批该企业的行政许可事项", date = "2025-03-03" }
                : new { measure, target, outcome = "applied", date = "2025-03-03" };
            using var api = As(department);
            var (answered, body) = await api.PostJsonAsync($"api/cases/{CaseId}/feedback", feedback);
            Assert.True(answered == HttpStatusCode.OK, body.ToString());
        }

        // The check serves the first licence only: coverage counts that one, not the second (same subject, other approval).
        var (checkStatus, check) = await initiator.GetJsonAsync($"api/subjects/{Company}/credit-check?department={Initiator}&approvalId={Uri.EscapeDataString("京环许〔2025〕1号")}");
        Assert.True(checkStatus == HttpStatusCode.OK, check.ToString());

        // The department holding a record objects to it itself and decides within the limit.
        var (_, published) = await initiator.GetJsonAsync($"api/departments/{Initiator}/disclosure?status=published");
        var record = published.GetProperty("items")[0].GetProperty("id").GetString();
        var (filed, objection) = await initiator.PostJsonAsync("api/objections", new { item = new { kind = "record", id = record }, reason = "处罚金额录入有误" });
        Assert.True(filed == HttpStatusCode.Created, objection.ToString());
        var objectionId = ObjectionId = objection.GetProperty("id").GetString()!;
        var deadline = DateTime.UtcNow + Patience;
        while (!(await initiator.GetJsonAsync($"api/objections/{objectionId}")).Body.GetProperty("timeline").EnumerateArray().Any(t => t.GetProperty("kind").GetString() == "forwarded"))
        {
            Assert.True(DateTime.UtcNow < deadline, $"objection {objectionId} was not forwarded");
            await Task.Delay(200);
        }

        var (decided, decision) = await initiator.PostJsonAsync($"api/objections/{objectionId}/decision", new { upheld = false, reason = "经核实，金额与决定书一致" });
        Assert.True(decided == HttpStatusCode.OK, decision.ToString());
    }

    static Dictionary<string, string> Licence(string document) => new()
    {
        ["行政相对人名称"] = "北京示例化工有限公司", ["行政相对人类别"] = "法人及非法人组织", ["统一社会信用代码"] = Company,
        ["行政许可决定文书名称"] = "排污许可决定书", ["行政许可决定文书号"] = document, ["许可类别"] = "普通", ["许可内容"] = "排污许可",
        ["许可决定日期"] = "2025-03-03", ["有效期自"] = "2025-03-03", ["有效期至"] = "2030-03-02", ["许可机关"] = "北京市生态环境局",
        ["许可机关统一社会信用代码"] = Initiator, ["当前状态"] = "有效", ["数据来源单位"] = "北京市生态环境局", ["数据来源单位统一社会信用代码"] = Initiator,
    };

    static async Task UploadAsync(ProductApi api, string name, params Dictionary<string, string>[] rows)
    {
        var content = Encoding.UTF8.GetBytes(Rows.Csv(rows));
        await api.UploadAsync(Initiator, name, content);
        await api.WaitForUploadAsync(Initiator, name, Patience, content);
    }

    static async Task WaitForPublishedAsync(ProductApi api, int count)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var (_, listing) = await api.GetJsonAsync($"api/departments/{Initiator}/disclosure?status=published");
            if (listing.GetProperty("count").GetInt32() == count)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"expected {count} published, got {listing}");
            await Task.Delay(250);
        }
    }
}
