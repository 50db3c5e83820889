using System.Net;
using System.Text;
using Credit.Storage;
using Credit.Testing;

namespace Credit.Tests.Portal;

/// <summary>
/// A running product on an Azurite of its own, on 2025-03-05, with what the portal shows published: 25 penalties of a
/// company decided one a day from 2025-02-01 (the newest under objection), a penalty of 2024 it repaired, a
/// black-list entry of it, a natural person's penalty, a second company only the national platform lists (an
/// exchange file, issue 19), and a government body with nothing but a 政务失信 record (a judgment it did not perform).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class PortalFixture : IAsyncLifetime
{
    public const string CompanyName = "北京门户示例食品有限公司";
    public const string Person = "110105198001010016";
    const int Recent = 25;
    public const int Penalties = Recent + 1;
    public const string Repaired = "京门户罚〔2024〕1号";
    public static readonly string Company = Rows.DepartmentCode(641);
    public static readonly string Department = Rows.DepartmentCode(642);
    readonly AzuriteProcess azurite = new();

    public RuntimeProcess Runtime { get; private set; } = null!;

    /// <summary>The company's own key (as a subject).</summary>
    public string CompanyKey { get; private set; } = null!;

    /// <summary>The keys of the department every record is of, and of the supervising office.</summary>
    public string DepartmentKey { get; private set; } = null!;

    public string SupervisorKey { get; private set; } = null!;

    public const string BlackListDocument = "京门户黑〔2025〕1号";
    public const string CommitmentReference = "京门户承〔2025〕1号";

    /// <summary>A company on the national platform's 失信被执行人 list, imported from its file.</summary>
    public static readonly string ImportedCompany = Rows.DepartmentCode(643);
    public const string ImportingAuthority = "北京市门户中级人民法院";

    /// <summary>A government body a court judged it must pay, which it did not: its 政务失信 record is public.</summary>
    public static readonly string GovernmentBody = Rows.DepartmentCode(644);
    public const string GovernmentBodyName = "北京市门户示例区管理局";
    public const string JudgmentDocument = "（2024）京门民初1号";

    public async Task InitializeAsync()
    {
        await azurite.StartAsync();
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        var key = DepartmentKey = await TestStorage.RegisterDepartmentAsync(storage, Department, "北京市门户测试局");
        SupervisorKey = await new Departments.ApiKeys(storage, TimeProvider.System).IssueAsync(new Departments.Caller(Departments.CallerRole.Supervisor, null));
        Runtime = await RuntimeProcess.StartAsync(azurite.ConnectionString, "PortalHub", FreePort.Next(), new Dictionary<string, string>
        {
            ["Credit__Clock__Start"] = "2025-03-05T04:00:00Z",
            ["DisclosureSchedule"] = "*/2 * * * * *",
            // The browser tests load many pages from one address.
            ["PublicApi__PermitsPerMinute"] = "6000",
            ["PublicApi__Burst"] = "1000",
        });

        using var api = new ProductApi(Runtime.BaseAddress, key);
        var rows = Enumerable.Range(0, Recent).Select(i =>
        {
            var row = Rows.Penalty($"京门户罚〔2025〕{i + 1}号", Company, Department);
            row["行政相对人名称"] = CompanyName;
            row["处罚决定日期"] = new DateOnly(2025, 2, 1).AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            row["处罚有效期"] = "长期";
            return row;
        }).ToList();
        var old = Rows.Penalty(Repaired, Company, Department);
        old["行政相对人名称"] = CompanyName;
        old["处罚决定日期"] = "2024-06-03";
        old["处罚有效期"] = "长期";
        rows.Add(old);
        var person = Rows.PersonPenalty("京门户罚〔2025〕100号");
        person["处罚机关统一社会信用代码"] = Department;
        person["数据来源单位统一社会信用代码"] = Department;
        person["处罚决定日期"] = "2025-03-03";
        var content = Encoding.UTF8.GetBytes(Rows.Csv([.. rows, person]));
        await api.UploadAsync(Department, "portal.csv", content);
        await api.WaitForUploadAsync(Department, "portal.csv", TimeSpan.FromSeconds(60), content);
        var (created, entry) = await api.PostJsonAsync("api/lists/black/entries", new
        {
            subjectCode = Company, subjectName = CompanyName, category = "食品安全严重失信", field = "食品药品",
            legalBasis = "《北京市社会信用条例》第二十九条", decisionDocument = BlackListDocument, startDate = "2025-03-03", periodMonths = 36,
        });
        Assert.True(created == HttpStatusCode.Created, entry.ToString());
        var (declared, declaration) = await api.PostJsonAsync("api/commitments", new
        {
            subjectCode = Company, subjectName = CompanyName, kind = "selfDeclaration", reference = CommitmentReference, text = "本企业承诺所售食品来源合法、质量合格", takenOn = "2025-03-04",
        });
        Assert.True(declared == HttpStatusCode.Created, declaration.ToString());

        var (recorded, record) = await api.PostJsonAsync("api/government-records", new
        {
            source = "judgment", bodyCode = GovernmentBody, bodyName = GovernmentBodyName, conduct = "拒不履行生效判决确定的工程款支付义务",
            document = JudgmentDocument, decisionDate = "2025-02-10", authority = "北京市门户区人民法院",
        });
        Assert.True(recorded == HttpStatusCode.Created, record.ToString());

        using var anyone = new ProductApi(Runtime.BaseAddress, null);
        await WaitAsync(anyone, page => page.GetProperty("total").GetInt32() == Penalties && page.GetProperty("lists").GetArrayLength() == 1);

        // The company repairs its penalty of 2024, and its department objects to its newest one (a department may find its own error).
        var keys = TestStorage.SubjectKeys(storage);
        string RecordId(string document) => Records.RecordKey.For(Department, Records.RecordKind.Penalty, document, Company, keys).Id;
        CompanyKey = await new Departments.ApiKeys(storage, TimeProvider.System).IssueAsync(Departments.Caller.ForSubject(Company));
        using var company = new ProductApi(Runtime.BaseAddress, CompanyKey);
        var (filed, repair) = await company.PostJsonAsync("api/repairs", new { item = new { kind = "record", id = RecordId(Repaired) }, statement = "已缴纳罚款并整改", proof = "缴款凭证", commitment = "信用承诺书" });
        Assert.True(filed == HttpStatusCode.Created, repair.ToString());
        Assert.Equal(HttpStatusCode.OK, (await api.PostJsonAsync($"api/repairs/{repair.GetProperty("id").GetString()}/decision", new { approved = true, reason = "已履行处罚义务" })).Status);
        var (objected, objection) = await api.PostJsonAsync("api/objections", new { item = new { kind = "record", id = RecordId("京门户罚〔2025〕25号") }, reason = "处罚金额录入有误" });
        Assert.True(objected == HttpStatusCode.Created, objection.ToString());
        await WaitAsync(anyone, page => page.GetProperty("records").EnumerateArray().Any(r => r.TryGetProperty("underObjection", out _)));
        await WaitAsync(anyone, page => page.GetProperty("records").EnumerateArray().Any(r => r.TryGetProperty("status", out _)), "?page=20");
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetJsonAsync($"api/public/subjects/{Person}")).Status);

        await storage.Container(StorageNames.ExchangeContainer).GetBlobClient("in/NATIONAL/portal.csv").UploadAsync(new BinaryData(Encoding.UTF8.GetBytes(
            $"来源编号,名单种类,主体名称,主体代码,认定单位,认定文书号,列入日期\r\nP-1,SXBZXR,北京门户交换示例有限公司,{ImportedCompany},{ImportingAuthority},（2025）京门执1号,2025-01-06\r\n")));
        await WaitAsync(anyone, page => page.GetProperty("lists").GetArrayLength() == 1, subject: ImportedCompany);

        // The office runs the evaluation after every write above: the company's and the person's grades are then stored.
        using var office = new ProductApi(Runtime.BaseAddress, SupervisorKey);
        var evaluated = DateTime.UtcNow.AddSeconds(60);
        while ((await office.GetJsonAsync($"api/evaluation/grades?department={Department}")).Body.GetProperty("notYetEvaluated").GetInt32() > 0)
        {
            Assert.True(DateTime.UtcNow < evaluated, "the evaluation run did not reach the department's population");
            Assert.Equal(HttpStatusCode.OK, (await office.PostJsonAsync("api/evaluation/runs", new { })).Status);
        }
    }

    static async Task WaitAsync(ProductApi anyone, Func<System.Text.Json.JsonElement, bool> until, string query = "", string? subject = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var (status, page) = await anyone.GetJsonAsync($"api/public/subjects/{subject ?? Company}{query}");
            if (status == HttpStatusCode.OK && until(page))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"not published: {status}, " + (status != HttpStatusCode.OK ? string.Empty
                : $"{page.GetProperty("total").GetInt32()} records, {page.GetProperty("records").EnumerateArray().Count(r => r.TryGetProperty("underObjection", out _))} under objection, "
                + $"{page.GetProperty("records").EnumerateArray().Count(r => r.TryGetProperty("status", out _))} withdrawn"));
            await Task.Delay(500);
        }
    }

    public async Task DisposeAsync()
    {
        await Runtime.DisposeAsync();
        await azurite.DisposeAsync();
    }
}
