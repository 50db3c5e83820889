using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Credit.Departments;
using Credit.Functions.Hosting;
using Credit.Functions.OpenApi;
using Credit.Records;
using Credit.Storage;
using Credit.Testing;

namespace Credit.Tests.Access;

/// <summary>
/// Every HTTP operation × every kind of caller, on real resources: a department's two penalty records about a company,
/// its black-list entry and the joint case pushed to another department, the company's objection to one record and
/// repair application for the other. The expected answer comes from the operation's declaration
/// (<see cref="ApiOperationAttribute"/>: credential, resource, parties) and the standing each caller has: no key or an
/// invalid one, 401; a role the declaration does not name, 403; a standing it names, an answer that is not a refusal;
/// a standing of another kind, 403 NOT_YOUR_PART; none at all, exactly the answer the same caller gets for a resource
/// that does not exist. The matrix is written to TestResults/authorization-matrix.txt. An operation without a
/// declaration fails here. Its own Azurite: the case is pushed to every registered department (measure S17).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed partial class AuthorizationMatrixTests : IAsyncLifetime
{
    enum Who
    {
        NoKey,
        InvalidKey,
        OwnerDepartment,
        OtherDepartment,
        CaseParticipant,
        SubjectItself,
        OtherSubject,
        Office,
    }

    static readonly Who[] Callers = Enum.GetValues<Who>();
    static readonly string Owner = Rows.DepartmentCode(961);
    static readonly string Participant = Rows.DepartmentCode(962);
    static readonly string Outsider = Rows.DepartmentCode(963);
    static readonly string Subject = Rows.DepartmentCode(971);
    static readonly string OtherSubject = Rows.DepartmentCode(972);
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    const string UploadName = "matrix-penalties.csv";

    static readonly HashSet<string> RefusalCodes = ["API_KEY_REQUIRED", "ROLE_NOT_ALLOWED", "SUPERVISOR_ONLY", "NOT_YOUR_PART", "FORBIDDEN_DEPARTMENT"];

    readonly AzuriteProcess azurite = new();
    readonly Dictionary<Who, string?> keys = new() { [Who.NoKey] = null, [Who.InvalidKey] = "ck_not-a-key" };
    readonly Dictionary<ResourceKind, (string Id, string Missing)> resources = [];
    readonly HashSet<string> caseDepartments = new(StringComparer.Ordinal);
    RuntimeProcess runtime = null!;

    public async Task InitializeAsync()
    {
        await azurite.StartAsync();
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        var apiKeys = new ApiKeys(storage, TimeProvider.System);
        keys[Who.OwnerDepartment] = await TestStorage.RegisterDepartmentAsync(storage, Owner, "北京市市场监督管理局");
        keys[Who.CaseParticipant] = await TestStorage.RegisterDepartmentAsync(storage, Participant, "北京市财政局");
        keys[Who.SubjectItself] = await apiKeys.IssueAsync(Caller.ForSubject(Subject));
        keys[Who.OtherSubject] = await apiKeys.IssueAsync(Caller.ForSubject(OtherSubject));
        keys[Who.Office] = await apiKeys.IssueAsync(new Caller(CallerRole.Supervisor, null));
        runtime = await RuntimeProcess.StartAsync(azurite.ConnectionString, "MatrixHub", FreePort.Next());

        using var owner = Api(Who.OwnerDepartment);
        using var subject = Api(Who.SubjectItself);
        string[] documents = ["矩阵〔2024〕1号", "矩阵〔2024〕2号"];
        var content = Encoding.UTF8.GetBytes(Rows.Csv(documents.Select(d => Rows.Penalty(d, subjectCode: Subject, department: Owner))));
        await owner.UploadAsync(Owner, UploadName, content);
        var upload = await owner.WaitForUploadAsync(Owner, UploadName, Patience, content);
        Assert.True(upload.GetProperty("summary").GetProperty("counts").GetProperty("accepted").GetInt32() == 2, upload.ToString());
        var records = documents.Select(d => RecordKey.For(Owner, RecordKind.Penalty, d, Subject, TestStorage.SubjectKeys(storage)).Id).ToArray();
        resources[ResourceKind.Record] = (records[0], RecordKey.For(Owner, RecordKind.Penalty, "矩阵〔2024〕999号", Subject, TestStorage.SubjectKeys(storage)).Id);

        var (created, entry) = await owner.PostJsonAsync("api/lists/black/entries", new
        {
            subjectCode = Subject, subjectName = "北京矩阵示例有限公司", category = "环境违法失信", field = "环境保护",
            legalBasis = "《中华人民共和国环境保护法》第六十三条", decisionDocument = "京市监黑〔2024〕1号", startDate = "2024-10-08", periodMonths = 36,
        });
        Assert.True(created == HttpStatusCode.Created, entry.ToString());
        var entryId = entry.GetProperty("entryId").GetString()!;
        var missingEntry = $"{Owner}-b{new string('0', 24)}";
        resources[ResourceKind.ListEntry] = (entryId, missingEntry);
        resources[ResourceKind.Case] = (entryId, missingEntry);
        var opened = await owner.WaitForCaseAsync(entryId, "AwaitingFeedback", Patience);
        caseDepartments.UnionWith(opened.GetProperty("assignments").EnumerateArray().Select(a => a.GetProperty("department").GetString()!));
        Assert.Contains(Participant, caseDepartments);

        // Registered after the case opened: no measure of it was pushed to this department.
        keys[Who.OtherDepartment] = await TestStorage.RegisterDepartmentAsync(storage, Outsider, "北京市矩阵外单位");

        var (objected, objection) = await subject.PostJsonAsync("api/objections", new { item = new { kind = "record", id = records[0] }, reason = "处罚对象错误" });
        Assert.True(objected == HttpStatusCode.Created, objection.ToString());
        resources[ResourceKind.Objection] = (objection.GetProperty("id").GetString()!, "matrix-missing-objection");
        var (applied, repair) = await subject.PostJsonAsync("api/repairs", new { item = new { kind = "record", id = records[1] }, statement = "已缴纳罚款", proof = "缴款凭证", commitment = "承诺书" });
        Assert.True(applied == HttpStatusCode.Created, repair.ToString());
        resources[ResourceKind.Repair] = (repair.GetProperty("id").GetString()!, "matrix-missing-repair");
        var (taken, commitment) = await owner.PostJsonAsync("api/commitments", new { subjectCode = Subject, subjectName = "北京矩阵示例有限公司", kind = "notification", reference = "矩阵许〔2024〕1号", text = "本单位承诺符合许可条件", takenOn = "2024-10-08" });
        Assert.True(taken == HttpStatusCode.Created, commitment.ToString());
        resources[ResourceKind.Commitment] = (commitment.GetProperty("id").GetString()!, $"{Subject}-c{new string('0', 24)}");

        // A report of dishonesty the office sent to the owner department; the reported subject is no party to it.
        using var anyone = new ProductApi(runtime.BaseAddress, null);
        var (reported, report) = await anyone.PostJsonAsync("api/public/reports-of-dishonesty", new { subjectName = "北京矩阵示例有限公司", subjectCode = Subject, conduct = "以虚假材料骗取许可", anonymous = true });
        Assert.True(reported == HttpStatusCode.Created, report.ToString());
        var reportId = report.GetProperty("id").GetString()!;
        using var office = Api(Who.Office);
        Assert.Equal(HttpStatusCode.OK, (await office.PostJsonAsync($"api/reports-of-dishonesty/{reportId}/assignment", new { department = Owner })).Status);
        resources[ResourceKind.DishonestyReport] = (reportId, $"DR{new string('0', 24)}");

        // A complaint the subject filed against the owner department (a government body).
        var (complained, complaint) = await subject.PostJsonAsync("api/government-complaints", new
        {
            respondentCode = Owner, respondentName = "北京市市场监督管理局", kind = "breachOfContract", description = "未按合同约定支付货款", complainantName = "北京矩阵示例有限公司",
        });
        Assert.True(complained == HttpStatusCode.Created, complaint.ToString());
        resources[ResourceKind.GovernmentComplaint] = (complaint.GetProperty("id").GetString()!, $"GC{new string('0', 24)}");
    }

    public async Task DisposeAsync()
    {
        await runtime.DisposeAsync();
        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task Every_operation_answers_each_kind_of_caller_as_it_declares()
    {
        var operations = OpenApiDocument.HttpFunctions(typeof(AccessByDeclaration).Assembly);
        Assert.All(operations, o => Assert.True(o.Operation is not null, $"{o.Name} declares no credential ([ApiOperation])"));

        var lines = new List<string> { $"{"operation",-52} {"declared",-62} {string.Join(' ', Callers.Select(c => $"{Short(c),-6}"))}" };
        var wrong = new List<string>();
        foreach (var (_, route, methods, operation) in operations)
        {
            foreach (var method in methods)
            {
                var cells = new List<string>();
                foreach (var who in Callers)
                {
                    var answer = await SendAsync(who, method, Path(route, method, operation!, missing: false));
                    var expected = Expected(operation!, who);
                    if (expected == Outcome.AsIfMissing)
                    {
                        var missing = await SendAsync(who, method, Path(route, method, operation!, missing: true));
                        if (answer != missing || answer.Status != HttpStatusCode.NotFound)
                        {
                            wrong.Add($"{method.ToUpperInvariant()} {route} as {who}: {Show(answer)}, but {Show(missing)} for a resource that does not exist");
                        }
                    }
                    else if (!Holds(expected, answer, operation!))
                    {
                        wrong.Add($"{method.ToUpperInvariant()} {route} as {who}: {Show(answer)}, expected {expected}");
                    }

                    cells.Add($"{(int)answer.Status}{(expected == Outcome.Allowed ? string.Empty : "*"),-3}");
                }

                lines.Add($"{method.ToUpperInvariant() + " " + route,-52} {Declared(operation!),-62} {string.Join(' ', cells.Select(c => $"{c,-6}"))}");
            }
        }

        lines.Add(string.Empty);
        lines.Add("columns: " + string.Join(", ", Callers.Select(c => $"{Short(c)} = {c}")));
        lines.Add("* refused by the declaration: 401 without a valid key, 403 for a role or a standing it does not name, 404 (the answer a missing resource gets) for a caller with no standing to the resource; other answers are the handler's");
        var output = System.IO.Path.Combine(Repository.Root, "TestResults", "authorization-matrix.txt");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(output)!);
        await File.WriteAllLinesAsync(output, lines);
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    enum Outcome
    {
        Allowed,
        NoKey,
        WrongRole,
        NotYourPart,
        ForbiddenDepartment,
        AsIfMissing,
    }

    /// <summary>What the declaration says <paramref name="who"/> gets.</summary>
    Outcome Expected(ApiOperationAttribute operation, Who who)
    {
        if (operation.Credential == Credential.None)
        {
            return Outcome.Allowed;
        }

        Credential? role = who switch
        {
            Who.OwnerDepartment or Who.OtherDepartment or Who.CaseParticipant => Credential.Department,
            Who.SubjectItself or Who.OtherSubject => Credential.Subject,
            Who.Office => Credential.Supervisor,
            _ => null,
        };
        if (role is null)
        {
            return Outcome.NoKey;
        }

        if (!operation.Credential.HasFlag(role.Value))
        {
            return Outcome.WrongRole;
        }

        if (operation.Resource == ResourceKind.None)
        {
            return Outcome.Allowed;
        }

        var standing = Standing(operation.Resource, who);
        return (standing & operation.Parties) != Party.None ? Outcome.Allowed
            : operation.Resource == ResourceKind.Department ? Outcome.ForbiddenDepartment
            : standing != Party.None ? Outcome.NotYourPart
            : Outcome.AsIfMissing;
    }

    /// <summary>How each caller stands to the resources this test made, as the test made them.</summary>
    Party Standing(ResourceKind kind, Who who) => (who, kind) switch
    {
        (Who.Office, _) => Party.Office,
        (Who.OwnerDepartment, ResourceKind.Case or ResourceKind.ListEntry) => Party.Owner | (caseDepartments.Contains(Owner) ? Party.Participant : Party.None),
        (Who.OwnerDepartment, _) => Party.Owner,
        (Who.CaseParticipant, ResourceKind.Case or ResourceKind.ListEntry) => Party.Participant,
        (Who.SubjectItself, ResourceKind.Objection or ResourceKind.Repair) => Party.Subject | Party.Filer,
        (Who.SubjectItself, ResourceKind.GovernmentComplaint) => Party.Filer,
        (Who.SubjectItself, ResourceKind.Record or ResourceKind.ListEntry or ResourceKind.Case or ResourceKind.Commitment) => Party.Subject,
        _ => Party.None,
    };

    static bool Holds(Outcome expected, Answer answer, ApiOperationAttribute operation) => expected switch
    {
        Outcome.NoKey => answer is { Status: HttpStatusCode.Unauthorized, Code: "API_KEY_REQUIRED" },
        Outcome.WrongRole => answer is { Status: HttpStatusCode.Forbidden, Code: "ROLE_NOT_ALLOWED" or "SUPERVISOR_ONLY" },
        Outcome.NotYourPart => answer is { Status: HttpStatusCode.Forbidden, Code: "NOT_YOUR_PART" },
        Outcome.ForbiddenDepartment => answer is { Status: HttpStatusCode.Forbidden, Code: "FORBIDDEN_DEPARTMENT" },
        // Let through: neither refused nor told that a resource which exists is missing.
        _ => !RefusalCodes.Contains(answer.Code ?? string.Empty) && !(answer.Status == HttpStatusCode.NotFound && answer.Code == operation.Resource.NotFoundCode()),
    };

    sealed record Answer(HttpStatusCode Status, string? Code);

    ProductApi Api(Who who) => new(runtime.BaseAddress, keys[who]);

    async Task<Answer> SendAsync(Who who, string method, string path)
    {
        using var api = Api(who);
        using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), new Uri(path.TrimStart('/'), UriKind.Relative));
        if (method is "post" or "put" or "patch")
        {
            // An empty JSON object: enough to pass the door and be refused by the handler's own checks, so that the
            // resources stay as they are (no decision, amendment or revocation is complete without its fields).
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await api.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, ErrorCode().Match(body) is { Success: true } match ? match.Groups[1].Value : null);
    }

    /// <summary>The route with the resource its declaration names (or one that does not exist), and well-formed values elsewhere.</summary>
    string Path(string route, string method, ApiOperationAttribute operation, bool missing)
    {
        var path = RouteParameter().Replace(route, m => m.Groups[1].Value switch
        {
            "id" when resources.TryGetValue(operation.Resource, out var resource) => Uri.EscapeDataString(missing ? resource.Missing : resource.Id),
            "departmentCode" => Owner,
            // No such measure: the office's writes leave the catalogue as it is.
            "code" when route.StartsWith("api/measures", StringComparison.Ordinal) => "MATRIX0",
            "code" => Subject,
            "target" => Subject,
            "year" => "2031",
            "month" => "2025-03",
            "listType" => "black",
            // A new name for a PUT: the department's upload stays as it is.
            "name" => method == "put" ? "matrix.csv" : UploadName,
            "path" => string.Empty,
            _ => "matrix-0000",
        });
        return operation.Resource == ResourceKind.Department && !route.Contains("{departmentCode}", StringComparison.Ordinal) ? $"{path}?department={Owner}" : path;
    }

    static string Declared(ApiOperationAttribute operation) =>
        operation.Resource == ResourceKind.None ? $"{operation.Credential}" : $"{operation.Credential}; {operation.Resource}: {operation.Parties}";

    static string Short(Who who) => who switch
    {
        Who.NoKey => "none",
        Who.InvalidKey => "bad",
        Who.OwnerDepartment => "owner",
        Who.OtherDepartment => "other",
        Who.CaseParticipant => "part",
        Who.SubjectItself => "subj",
        Who.OtherSubject => "osubj",
        _ => "office",
    };

    static string Show(Answer answer) => $"{(int)answer.Status} {answer.Code}";

    [GeneratedRegex(@"\{\*?([A-Za-z]+)(?::[^}]*)?\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("\"code\"\\s*:\\s*\"([A-Z_]+)\"")]
    private static partial Regex ErrorCode();
}
