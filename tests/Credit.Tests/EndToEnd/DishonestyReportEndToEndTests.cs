using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Credit.Departments;
using Credit.Storage;
using Credit.Testing;

namespace Credit.Tests.EndToEnd;

/// <summary>
/// 失信举报 on the real runtime (issue 20, item 4): a report filed anonymously and one filed named, triaged by the office,
/// decided by the department it was sent to, followed by the reporter's token; only that department reads the
/// reporter's identity, every read is in the audit, and the identity is stored sealed under a key of its own; a report
/// left untriaged past its day is marked overdue. An Azurite of its own.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class DishonestyReportEndToEndTests : IAsyncLifetime
{
    const string ReporterName = "王举报";
    const string ReporterContact = "13800138000";
    const string InternalNote = "内部：已移交执法队现场核查";
    static readonly string Regulator = Rows.DepartmentCode(731);
    static readonly string Finance = Rows.DepartmentCode(732);
    static readonly string Company = Rows.DepartmentCode(831);

    readonly AzuriteProcess azurite = new();
    readonly Dictionary<string, string> keys = [];
    StorageClients storage = null!;
    string supervisorKey = null!;

    public async Task InitializeAsync()
    {
        await azurite.StartAsync();
        storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        keys[Regulator] = await TestStorage.RegisterDepartmentAsync(storage, Regulator, "北京市市场监督管理局");
        keys[Finance] = await TestStorage.RegisterDepartmentAsync(storage, Finance, "北京市财政局");
        supervisorKey = await new ApiKeys(storage, TimeProvider.System).IssueAsync(new Caller(CallerRole.Supervisor, null));
    }

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    Task<RuntimeProcess> StartAsync(string beijingDay) =>
        RuntimeProcess.StartAsync(azurite.ConnectionString, "ReportHub", FreePort.Next(), new Dictionary<string, string>
        {
            ["Credit__Clock__Start"] = $"{beijingDay}T04:00:00Z",
            ["DeadlineSchedule"] = "*/2 * * * * *",
        });

    static object Named() => new { subjectName = "北京举报示例有限公司", subjectCode = Company, conduct = "以虚假材料骗取食品经营许可", reporterName = ReporterName, reporterContact = ReporterContact };

    static async Task<(HttpStatusCode Status, JsonElement Body)> FollowAsync(RuntimeProcess runtime, string id, string? token)
    {
        using var anyone = new ProductApi(runtime.BaseAddress, null);
        if (token is not null)
        {
            anyone.Http.DefaultRequestHeaders.Add("X-Report-Token", token);
        }

        return await anyone.GetJsonAsync($"api/public/reports-of-dishonesty/{id}");
    }

    [Fact]
    public async Task A_report_is_triaged_decided_and_followed_by_token_and_only_its_department_reads_the_reporter_with_each_read_audited()
    {
        string anonymousId;
        await using (var runtime = await StartAsync("2026-03-02"))
        {
            using var anyone = new ProductApi(runtime.BaseAddress, null);
            using var office = new ProductApi(runtime.BaseAddress, supervisorKey);
            using var regulator = new ProductApi(runtime.BaseAddress, keys[Regulator]);
            using var finance = new ProductApi(runtime.BaseAddress, keys[Finance]);

            var (filed, anonymous) = await anyone.PostJsonAsync("api/public/reports-of-dishonesty", new { subjectName = "北京举报示例有限公司", conduct = "虚假宣传", anonymous = true });
            Assert.True(filed == HttpStatusCode.Created, anonymous.ToString());
            anonymousId = anonymous.GetProperty("id").GetString()!;
            Assert.Equal("2026-03-09", anonymous.GetProperty("triageDue").GetString());

            // Sent with an Idempotency-Key: sent again (its answer lost), it is the same report with the same token; the key with another report is refused.
            using var retrying = new ProductApi(runtime.BaseAddress, null);
            retrying.Http.DefaultRequestHeaders.Add("Idempotency-Key", "6f1c2b9e-report-1");
            var (named, report) = await retrying.PostJsonAsync("api/public/reports-of-dishonesty", Named());
            Assert.Equal(HttpStatusCode.Created, named);
            var (id, token) = (report.GetProperty("id").GetString()!, report.GetProperty("token").GetString()!);
            var (again, repeated) = await retrying.PostJsonAsync("api/public/reports-of-dishonesty", Named());
            Assert.Equal((HttpStatusCode.OK, id, token), (again, repeated.GetProperty("id").GetString(), repeated.GetProperty("token").GetString()));
            Assert.Equal((HttpStatusCode.UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED"),
                Code(await retrying.PostJsonAsync("api/public/reports-of-dishonesty", new { subjectName = "北京举报示例有限公司", conduct = "另一件事", anonymous = true })));

            // The reporter adds evidence with its token; without it, or with another report's, it is not found.
            using (var withToken = new ProductApi(runtime.BaseAddress, null))
            {
                withToken.Http.DefaultRequestHeaders.Add("X-Report-Token", token);
                using var file = new ByteArrayContent("%PDF-1.4 现场照片"u8.ToArray());
                Assert.Equal(HttpStatusCode.Created, (await withToken.Http.PutAsync(new Uri($"api/public/reports-of-dishonesty/{id}/evidence/photo.pdf", UriKind.Relative), file)).StatusCode);
                using var empty = new ByteArrayContent([]);
                Assert.Equal(HttpStatusCode.BadRequest, (await withToken.Http.PutAsync(new Uri($"api/public/reports-of-dishonesty/{id}/evidence/empty.pdf", UriKind.Relative), empty)).StatusCode);
            }

            Assert.Equal(HttpStatusCode.NotFound, (await FollowAsync(runtime, id, null)).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await FollowAsync(runtime, id, anonymous.GetProperty("token").GetString())).Status);
            var (followed, progress) = await FollowAsync(runtime, id, token);
            Assert.Equal((HttpStatusCode.OK, "Filed", "photo.pdf"), (followed, progress.GetProperty("state").GetString(), Assert.Single(progress.GetProperty("evidence").EnumerateArray()).GetString()));

            // The office sees both, never who reported; a department sees none before one is sent to it.
            var (listedStatus, listed) = await office.GetJsonAsync("api/reports-of-dishonesty?state=filed");
            Assert.Equal((HttpStatusCode.OK, 2), (listedStatus, listed.GetProperty("count").GetInt32()));
            Assert.DoesNotContain(ReporterName, listed.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(ReporterContact, listed.ToString(), StringComparison.Ordinal);
            Assert.Equal(0, (await regulator.GetJsonAsync("api/reports-of-dishonesty")).Body.GetProperty("count").GetInt32());

            var (badDepartment, _) = await office.PostJsonAsync($"api/reports-of-dishonesty/{id}/assignment", new { department = Rows.DepartmentCode(739) });
            Assert.Equal(HttpStatusCode.BadRequest, badDepartment);
            var (assigned, sent) = await office.PostJsonAsync($"api/reports-of-dishonesty/{id}/assignment", new { department = Regulator });
            Assert.True(assigned == HttpStatusCode.OK, sent.ToString());
            Assert.Equal(("Assigned", "2026-03-23"), (sent.GetProperty("state").GetString(), sent.GetProperty("decisionDue").GetString()));
            Assert.Equal(HttpStatusCode.OK, (await office.PostJsonAsync($"api/reports-of-dishonesty/{id}/assignment", new { department = Regulator })).Status);
            Assert.Equal(HttpStatusCode.Conflict, (await office.PostJsonAsync($"api/reports-of-dishonesty/{id}/assignment", new { department = Finance })).Status);

            // Only the department it was sent to reads the reporter: another department is told it does not exist, the office may not.
            Assert.Equal((HttpStatusCode.NotFound, "REPORT_NOT_FOUND"), Code(await finance.GetJsonAsync($"api/reports-of-dishonesty/{id}/reporter")));
            Assert.Equal((HttpStatusCode.Forbidden, "ROLE_NOT_ALLOWED"), Code(await office.GetJsonAsync($"api/reports-of-dishonesty/{id}/reporter")));
            Assert.Equal((HttpStatusCode.NotFound, "REPORT_NOT_FOUND"), Code(await finance.PostJsonAsync($"api/reports-of-dishonesty/{id}/decision", new { finding = "unsubstantiated", reply = "不属实" })));
            var (read, reporter) = await regulator.GetJsonAsync($"api/reports-of-dishonesty/{id}/reporter?purpose=核实举报内容");
            Assert.Equal((HttpStatusCode.OK, ReporterName, ReporterContact), (read, reporter.GetProperty("name").GetString(), reporter.GetProperty("contact").GetString()));
            using (var evidence = await regulator.Http.GetAsync(new Uri($"api/reports-of-dishonesty/{id}/evidence/photo.pdf", UriKind.Relative)))
            {
                Assert.Equal("%PDF-1.4 现场照片", await evidence.Content.ReadAsStringAsync());
            }


            // The department decides; the reporter reads the finding and the reply, never the internal note.
            Assert.Equal((HttpStatusCode.BadRequest, "FINDING"), Code(await regulator.PostJsonAsync($"api/reports-of-dishonesty/{id}/decision", new { finding = "maybe", reply = "x" })));
            var (decided, decision) = await regulator.PostJsonAsync($"api/reports-of-dishonesty/{id}/decision", new { finding = "属实", reply = "经核查举报属实，已立案处理", note = InternalNote });
            Assert.True(decided == HttpStatusCode.OK, decision.ToString());
            Assert.Equal(HttpStatusCode.OK, (await regulator.PostJsonAsync($"api/reports-of-dishonesty/{id}/decision", new { finding = "substantiated", reply = "经核查举报属实，已立案处理" })).Status);
            Assert.Equal((HttpStatusCode.Conflict, "REPORT_DECIDED"), Code(await regulator.PostJsonAsync($"api/reports-of-dishonesty/{id}/decision", new { finding = "unsubstantiated", reply = "不属实" })));
            var outcome = (await FollowAsync(runtime, id, token)).Body;
            Assert.Equal(("Decided", "Substantiated", "经核查举报属实，已立案处理"),
                (outcome.GetProperty("state").GetString(), outcome.GetProperty("finding").GetString(), outcome.GetProperty("reply").GetString()));
            Assert.DoesNotContain(InternalNote, outcome.ToString(), StringComparison.Ordinal);

            // What the substantiated report started: the department lists the company and links the entry to the report.
            var (entered, entry) = await regulator.PostJsonAsync("api/lists/black/entries", new
            {
                subjectCode = Company, subjectName = "北京举报示例食品有限公司", category = "食品安全严重失信", field = "食品药品",
                legalBasis = "《北京市社会信用条例》第二十九条", decisionDocument = "京举报黑〔2026〕1号", startDate = "2026-03-04", periodMonths = 36,
            });
            Assert.True(entered == HttpStatusCode.Created, entry.ToString());
            var entryId = entry.GetProperty("caseId").GetString()!;
            Assert.Equal((HttpStatusCode.NotFound, "ITEM_NOT_FOUND"), Code(await regulator.PostJsonAsync($"api/reports-of-dishonesty/{id}/follow-ups", new { kind = "listEntry", id = "no-such-entry" })));
            Assert.Equal((HttpStatusCode.NotFound, "REPORT_NOT_FOUND"), Code(await finance.PostJsonAsync($"api/reports-of-dishonesty/{id}/follow-ups", new { kind = "listEntry", id = entryId })));
            var (linked, started) = await regulator.PostJsonAsync($"api/reports-of-dishonesty/{id}/follow-ups", new { kind = "listEntry", id = entryId });
            Assert.True(linked == HttpStatusCode.Created, started.ToString());
            Assert.Equal(("listEntry", entryId), (Assert.Single(started.GetProperty("followUps").EnumerateArray()).GetProperty("kind").GetString(), started.GetProperty("followUps")[0].GetProperty("id").GetString()));
            Assert.Equal(HttpStatusCode.OK, (await regulator.PostJsonAsync($"api/reports-of-dishonesty/{id}/follow-ups", new { kind = "listEntry", id = entryId })).Status);
            Assert.DoesNotContain(entryId, (await FollowAsync(runtime, id, token)).Body.ToString(), StringComparison.Ordinal);

            // The department's figures: one report received and decided on time; the one still with the office is no department's.
            Assert.Equal(HttpStatusCode.OK, (await office.PostJsonAsync("api/statistics/runs", new { })).Status);
            var integrity = Assert.Single((await office.GetJsonAsync($"api/statistics?month=2026-03&department={Regulator}")).Body.GetProperty("figures").EnumerateArray()).GetProperty("integrity");
            Assert.Equal((1, 1, 0, 0), (integrity.GetProperty("reportsReceived").GetInt32(), integrity.GetProperty("reports").GetProperty("onTime").GetInt32(),
                integrity.GetProperty("reports").GetProperty("late").GetInt32(), integrity.GetProperty("reports").GetProperty("overdue").GetInt32()));

            // The audit has every step and the read of the reporter's identity, with who read it and why.
            var audit = (await office.GetJsonAsync($"api/reports-of-dishonesty/{id}/audit")).Body.GetProperty("entries").EnumerateArray().ToList();
            Assert.Equal(["filed with the reporter's identity (sealed)", "sent to", "read the reporter's identity", "decided Substantiated", $"started listEntry {entryId}"],
                audit.Select(e => e.GetProperty("action").GetString()!).Select(a => a.StartsWith("sent to", StringComparison.Ordinal) ? "sent to" : a.Split(':')[0]));
            Assert.Contains(audit, e => e.GetProperty("actor").GetString() == Regulator && e.GetProperty("action").GetString() == "read the reporter's identity: 核实举报内容");
            Assert.Equal(HttpStatusCode.Forbidden, (await regulator.GetJsonAsync($"api/reports-of-dishonesty/{id}/audit")).Status);

            // Stored, the identity is sealed under the reporter key: not in the row, and the personal-data keys do not open it.
            var row = (await storage.Table(StorageNames.DishonestyReportsTable).GetEntityAsync<TableEntity>(id, "report")).Value;
            var stored = row.GetString("Json");
            Assert.DoesNotContain(ReporterName, stored, StringComparison.Ordinal);
            Assert.DoesNotContain(ReporterContact, stored, StringComparison.Ordinal);
            var sealedIdentity = JsonDocument.Parse(stored).RootElement.GetProperty("sealedReporter").GetString()!;
            var personalData = await TestStorage.DataKeys(storage).CipherAsync();
            Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => personalData.Reveal("Reporter", sealedIdentity));
        }

        // After its triage day, the report still with the office is marked overdue by the deadline run.
        await using (var runtime = await StartAsync("2026-03-11"))
        {
            using var office = new ProductApi(runtime.BaseAddress, supervisorKey);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            List<JsonElement> audit;
            do
            {
                await Task.Delay(500);
                audit = [.. (await office.GetJsonAsync($"api/reports-of-dishonesty/{anonymousId}/audit")).Body.GetProperty("entries").EnumerateArray()];
            }
            while (!audit.Any(e => e.GetProperty("action").GetString()!.StartsWith("triage overdue", StringComparison.Ordinal)) && DateTime.UtcNow < deadline);
            Assert.Contains(audit, e => e.GetProperty("action").GetString() == "triage overdue since 2026-03-09");
            Assert.Contains(audit, e => e.GetProperty("action").GetString() == "reminder: triage due by 2026-03-09");
            Assert.True((await office.GetJsonAsync($"api/reports-of-dishonesty/{anonymousId}")).Body.GetProperty("overdue").GetBoolean());
        }
    }

    [Fact]
    public async Task Every_wrong_field_of_a_report_is_named_in_both_languages()
    {
        await using var runtime = await StartAsync("2026-03-02");
        using var anyone = new ProductApi(runtime.BaseAddress, null);
        foreach (var (body, field, code) in new (object Body, string Field, string Code)[]
        {
            (new { subjectName = "北京举报示例有限公司", conduct = "虚假宣传" }, "reporterContact", "REPORTER_REQUIRED"),
            (new { subjectName = "北京举报示例有限公司", conduct = "虚假宣传", anonymous = true, reporterContact = ReporterContact }, "anonymous", "ANONYMOUS_WITH_IDENTITY"),
            (new { subjectName = "北京举报示例有限公司", anonymous = true }, "conduct", "REQUIRED"),
            (new { subjectName = "北京举报示例有限公司", subjectCode = "91110000600037341X", conduct = "虚假宣传", anonymous = true }, "subjectCode", "USCC_CHECK_CHARACTER"),
            (new { subjectName = "北京举报\u202E示例", conduct = "虚假宣传", anonymous = true }, "subjectName", "FORBIDDEN_CHARACTER"),
        })
        {
            var (status, answer) = await anyone.PostJsonAsync("api/public/reports-of-dishonesty", body);
            Assert.True(status == HttpStatusCode.BadRequest, answer.ToString());
            var problem = Assert.Single(answer.GetProperty("problems").EnumerateArray(), p => p.GetProperty("field").GetString() == field);
            Assert.Equal(code, problem.GetProperty("code").GetString());
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("message").GetString()) || string.IsNullOrEmpty(problem.GetProperty("messageZh").GetString()));
        }
    }

    static (HttpStatusCode, string?) Code((HttpStatusCode Status, JsonElement Body) answer) =>
        (answer.Status, answer.Body.ValueKind == JsonValueKind.Object && answer.Body.TryGetProperty("error", out var error) ? error.GetProperty("code").GetString() : null);
}
