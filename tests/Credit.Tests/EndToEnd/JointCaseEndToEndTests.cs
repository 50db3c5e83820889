using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using Credit.Departments;
using Credit.Notices;
using Credit.Storage;
using Credit.Testing;

namespace Credit.Tests.EndToEnd;

/// <summary>
/// Joint cases on the real runtime and durable engine: the clock is put on the day each step needs
/// (Credit:Clock:Start, a restart per day), and the expiry and deadline runs tick every 2 seconds.
/// Each test has an Azurite of its own, so that their days and schedules never meet.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class JointCaseEndToEndTests : IAsyncLifetime
{
    static readonly string Initiator = Rows.DepartmentCode(701);
    static readonly string Finance = Rows.DepartmentCode(702);
    static readonly string Court = Rows.DepartmentCode(703);
    static readonly string Police = Rows.DepartmentCode(704);
    static readonly string Company = Rows.DepartmentCode(801);
    // One of the ID numbers that also pass the 统一社会信用代码 check (about one in 31): read everywhere as the person's.
    const string Representative = "110105198001010518";
    const string Person = "360426199101010071";
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    readonly AzuriteProcess azurite = new();
    readonly Dictionary<string, string> keys = [];
    string supervisorKey = null!;

    public async Task InitializeAsync()
    {
        await azurite.StartAsync();
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        // Named as the measures list names its implementing departments.
        keys[Initiator] = await TestStorage.RegisterDepartmentAsync(storage, Initiator, "北京市生态环境局");
        keys[Finance] = await TestStorage.RegisterDepartmentAsync(storage, Finance, "北京市财政局");
        keys[Court] = await TestStorage.RegisterDepartmentAsync(storage, Court, "北京市高级人民法院");
        keys[Police] = await TestStorage.RegisterDepartmentAsync(storage, Police, "北京市公安局");
        supervisorKey = await new ApiKeys(storage, TimeProvider.System).IssueAsync(new Caller(CallerRole.Supervisor, null));
    }

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    Task<RuntimeProcess> StartAsync(string beijingDay) =>
        RuntimeProcess.StartAsync(azurite.ConnectionString, "CaseHub", FreePort.Next(), new Dictionary<string, string>
        {
            ["Credit__Clock__Start"] = $"{beijingDay}T04:00:00Z",
            ["ExpirySchedule"] = "*/2 * * * * *",
            ["DeadlineSchedule"] = "*/2 * * * * *",
            ["SignalDrainSchedule"] = "*/2 * * * * *",
            ["Reconciliation__SettleSeconds"] = "1",
        });

    ProductApi As(RuntimeProcess runtime, string department) => new(runtime.BaseAddress, keys[department]);

    static async Task<(HttpStatusCode Status, JsonElement Body)> AmendAsync(ProductApi api, string caseId, object amendment, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"api/lists/entries/{caseId}/amendments", UriKind.Relative))
        {
            Content = System.Net.Http.Json.JsonContent.Create(amendment),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        using var response = await api.Http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within {Patience}");
            await Task.Delay(200);
        }
    }

    /// <summary>An answer stored as the runtime stores it, on the case's first day, with no signal raised.</summary>
    Task<Credit.JointCases.AnswerResult> AnswerWithoutSignalAsync(string caseId, string department, Credit.JointCases.FeedbackDraft draft)
    {
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        var ledger = new Credit.Statistics.StatisticsLedger(storage);
        var clock = new Credit.Calendar.ShiftedClock(DateTimeOffset.Parse("2025-03-03T04:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var answers = new Credit.JointCases.CaseAnswers(
            new Credit.JointCases.CaseStore(storage), new Credit.JointCases.SignalMarks(storage, clock), new NoticeOutbox(storage, Moq.Mock.Of<INoticeChannel>(), ledger), Rows.SubjectKeys, ledger, clock);
        return answers.FeedbackAsync(caseId, department, draft);
    }

    // Court judgment debtors who are able but refuse to perform (BL-COURT): the exit, flight, rail and luxury bans bind them.
    static object CompanyEntry(string startDate = "2025-03-03", int periodMonths = 12) => new
    {
        subjectCode = Company,
        subjectName = "北京示例化工有限公司",
        catalogueCode = "BL-COURT",
        facts = new { enforcementCaseNumber = "(2025)京0105执8号", ableButRefuses = "是" },
        legalBasis = "《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条",
        decisionDocument = "(2025)京0105执8号",
        startDate,
        periodMonths,
        responsiblePersons = new[] { new { role = "法定代表人", name = "张三", idNumber = Representative } },
    };

    static object PersonEntry(int periodMonths = 12) => new
    {
        subjectCode = Person,
        subjectName = "李四",
        catalogueCode = "BL-COURT",
        facts = new { enforcementCaseNumber = "(2024)京0105执9号", ableButRefuses = true },
        legalBasis = "《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条",
        decisionDocument = "(2024)京0105执9号",
        startDate = "2024-12-01",
        periodMonths,
    };

    static object Feedback(string measure, string target, string outcome = "applied", string? reason = null, string date = "2025-03-03") =>
        new { measure, target, outcome, reason, date, reference = $"CG-{measure}-001" };

    static List<JsonElement> Assignments(JsonElement view) => [.. view.GetProperty("assignments").EnumerateArray()];

    static List<string?> Kinds(JsonElement view) => [.. view.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("kind").GetString())];

    static string Code(JsonElement assignment) => assignment.GetProperty("measure").GetProperty("code").GetString()!;

    async Task<List<JsonElement>> NoticesInQueueAsync(string department)
    {
        var queue = new QueueClient(azurite.ConnectionString, QueueNoticeChannel.QueueName(department));
        var peeked = await queue.PeekMessagesAsync(32);
        foreach (var message in peeked.Value)
        {
            FullIdScan.Scan("queue", queue.Name, message.Body.ToString());
        }

        return [.. peeked.Value.Select(m => JsonDocument.Parse(m.Body.ToString()).RootElement.Clone())];
    }

    /// <summary>The signals the daily runs still hold for the case (kinds, in row order).</summary>
    async Task<List<string?>> ScheduledAsync(string caseId)
    {
        var kinds = new List<string?>();
        await foreach (var row in StorageClients.FromConnectionString(azurite.ConnectionString).Table(StorageNames.CaseScheduleTable).QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            if (row.GetString("CaseId") == caseId)
            {
                kinds.Add(row.GetString("Kind"));
            }
        }

        return kinds;
    }

    static async Task<HttpStatusCode> PostFeedbackAsync(ProductApi api, string caseId, object feedback) =>
        (await api.PostJsonAsync($"api/cases/{caseId}/feedback", feedback)).Status;

    [Fact]
    public async Task A_black_list_entry_is_pushed_answered_checked_and_lifted_when_its_period_ends()
    {
        string caseId;
        await using (var runtime = await StartAsync("2025-03-03"))
        {
            using var initiator = As(runtime, Initiator);
            var (status, created) = await initiator.PostJsonAsync("api/lists/black/entries", CompanyEntry());
            Assert.True(status == HttpStatusCode.Created, created.ToString());
            caseId = created.GetProperty("caseId").GetString()!;
            Assert.Equal("2026-03-03", created.GetProperty("endDate").GetString());
            Assert.Equal("110105********0518", created.GetProperty("responsiblePersons")[0].GetProperty("idNumber").GetString());

            // 落实到人: the court's and the police's measures bind the legal representative too (BL-COURT, able but refusing);
            // 从严审核行政许可 goes to every department.
            var view = await initiator.WaitForCaseAsync(caseId, "AwaitingFeedback", Patience);
            var expected = new[]
            {
                (Finance, "S01", false), (Finance, "S02", false), (Finance, "S17", false),
                (Court, "S14", false), (Court, "S14", true), (Court, "S15", false), (Court, "S15", true), (Court, "S17", false),
                (Police, "S12", true), (Police, "S17", false),
                (Initiator, "S17", false),
            };
            Assert.Equal(
                expected.Select(e => $"{e.Item1}|{e.Item2}|{e.Item3}").Order(),
                Assignments(view).Select(a => $"{a.GetProperty("department").GetString()}|{Code(a)}|{a.GetProperty("target").GetProperty("role").ValueKind == JsonValueKind.String}").Order());
            Assert.Equal("2025-03-10", Assignments(view)[0].GetProperty("deadline").GetString());

            // One push per department on its queue, with its own measures; a person is named by a reference, masked.
            foreach (var department in new[] { Finance, Court, Police, Initiator })
            {
                var push = Assert.Single(await NoticesInQueueAsync(department));
                Assert.Equal("push", push.GetProperty("kind").GetString());
                Assert.Equal(expected.Count(e => e.Item1 == department), push.GetProperty("items").GetArrayLength());
                Assert.DoesNotContain(Representative, JsonText.Decoded(push), StringComparison.Ordinal);
                Assert.DoesNotContain("张三", JsonText.Decoded(push), StringComparison.Ordinal);
            }

            var policeNotice = Assert.Single((await As(runtime, Police).GetJsonAsync($"api/departments/{Police}/notices")).Body.GetProperty("notices").EnumerateArray());
            var personTarget = policeNotice.GetProperty("body").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("target")).Single(t => t.GetProperty("role").ValueKind == JsonValueKind.String);
            Assert.Equal(("110105********0518", "张*"), (personTarget.GetProperty("code").GetString(), personTarget.GetProperty("name").GetString()));
            var reference = personTarget.GetProperty("ref").GetString()!;

            using var finance = As(runtime, Finance);
            using var police = As(runtime, Police);

            // The police reads the identity it must restrict, saying why; the read is audited and the person sees it.
            var identityPath = $"api/cases/{caseId}/targets/{reference}/identity";
            Assert.Equal(HttpStatusCode.BadRequest, (await police.GetJsonAsync(identityPath)).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await finance.GetJsonAsync($"{identityPath}?purpose=核对")).Status);
            var identity = (await police.GetJsonAsync($"{identityPath}?purpose=办理限制出境措施")).Body;
            Assert.Equal((Representative, "张三", "LegalRepresentative"), (identity.GetProperty("code").GetString(), identity.GetProperty("name").GetString(), identity.GetProperty("role").GetString()));
            using var court = As(runtime, Court);
            using var supervisor = new ProductApi(runtime.BaseAddress, supervisorKey);
            Assert.Equal(HttpStatusCode.Forbidden, await PostFeedbackAsync(police, caseId, Feedback("S02", Company)));
            Assert.Equal(HttpStatusCode.BadRequest, await PostFeedbackAsync(finance, caseId, Feedback("S99", Company)));
            Assert.Equal(HttpStatusCode.BadRequest, await PostFeedbackAsync(finance, caseId, Feedback("S01", Rows.DepartmentCode(802))));
            Assert.Equal(HttpStatusCode.BadRequest, await PostFeedbackAsync(finance, caseId, Feedback("S01", Company, outcome: "done")));
            Assert.Equal(HttpStatusCode.BadRequest, await PostFeedbackAsync(finance, caseId, Feedback("S01", Company, date: "2025-03-04")));
            // Not applying a measure the law requires (限制高消费) needs a reason.
            Assert.Equal(HttpStatusCode.BadRequest, await PostFeedbackAsync(court, caseId, Feedback("S15", Company, outcome: "notApplicable")));
            Assert.Equal(HttpStatusCode.Forbidden, await PostFeedbackAsync(supervisor, caseId, Feedback("S01", Company)));

            // Finance's S01 answer is stored by a process that dies before raising the case's signal (what a kill between
            // the two leaves). The client retries: the same answer is taken as already given and raises the signal again.
            var stored = await AnswerWithoutSignalAsync(caseId, Finance, new Credit.JointCases.FeedbackDraft("S01", Company, "applied", null, "2025-03-03", "CG-S01-001"));
            Assert.Equal(200, stored.Status);
            var (retried, retryBody) = await finance.PostJsonAsync($"api/cases/{caseId}/feedback", Feedback("S01", Company));
            Assert.Equal(HttpStatusCode.OK, retried);
            Assert.True(retryBody.GetProperty("alreadyTaken").GetBoolean());
            Assert.Equal("ALREADY_ANSWERED", retryBody.GetProperty("code").GetString());

            var byIdNumber = true;
            foreach (var (department, measure, person) in expected.Skip(1).SkipLast(1))
            {
                // The first answer about the person names it by the ID number the department holds, the others by the notice's reference.
                var feedback = department == Initiator
                    ? Feedback(measure, Company, "notApplicable", "本局不审批该企业的行政许可事项")
                    : Feedback(measure, person ? (byIdNumber ? Representative : reference) : Company);
                byIdNumber &= !person;
                Assert.Equal(HttpStatusCode.OK, await PostFeedbackAsync(As(runtime, department), caseId, feedback));
            }

            // The last answer is stored by a process that dies before raising its signal, and nobody retries: the mark it
            // left brings the signal drain, which finds nothing pending and raises what the stored answers imply.
            Assert.Equal(200, (await AnswerWithoutSignalAsync(caseId, Initiator, new Credit.JointCases.FeedbackDraft("S17", Company, "notApplicable", "本局不审批该企业的行政许可事项", "2025-03-03", null))).Status);

            // A different answer to an answered item is refused: the first answer stands.
            Assert.Equal(HttpStatusCode.Conflict, await PostFeedbackAsync(finance, caseId, Feedback("S01", Company, outcome: "failed")));
            var inEffect = await initiator.WaitForCaseAsync(caseId, "InEffect", Patience);
            Assert.All(Assignments(inEffect), a => Assert.False(a.GetProperty("overdue").GetBoolean()));
            Assert.Empty((await police.GetJsonAsync($"api/departments/{Police}/notices")).Body.GetProperty("notices").EnumerateArray());
            // Every answer is in: no reminder or deadline will wake the case, only the end of its period.
            Assert.Equal(["Expired"], await ScheduledAsync(caseId));

            var check = (await finance.GetJsonAsync($"api/subjects/{Company}/credit-check?department={Finance}")).Body;
            Assert.True(check.GetProperty("status").GetProperty("black").GetBoolean());
            var hit = Assert.Single(check.GetProperty("hits").EnumerateArray());
            // Exactly what the catalogue binds: for finance nothing a law requires of it here, three measures it may apply.
            Assert.Empty(hit.GetProperty("measures").GetProperty("mandatory").EnumerateArray());
            Assert.Equal(["S01", "S02", "S17"], hit.GetProperty("measures").GetProperty("recommended").EnumerateArray().Select(m => m.GetProperty("code").GetString()));
            var personCheck = (await police.GetJsonAsync($"api/subjects/{Representative}/credit-check?department={Police}")).Body;
            var personHit = Assert.Single(personCheck.GetProperty("hits").EnumerateArray());
            Assert.Equal("LegalRepresentative", personHit.GetProperty("asResponsiblePerson").GetString());
            Assert.Equal(["S12"], personHit.GetProperty("measures").GetProperty("mandatory").EnumerateArray().Select(m => m.GetProperty("code").GetString()));
            Assert.DoesNotContain(Representative, JsonText.Decoded(personCheck), StringComparison.Ordinal);
            var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
            var personKey = await new ApiKeys(storage, TimeProvider.System).IssueAsync(Caller.ForSubject(TestStorage.SubjectKeys(storage).ForPerson(Representative)));
            var accessLog = (await new ProductApi(runtime.BaseAddress, personKey).GetJsonAsync("api/me/access-log")).Body.GetProperty("reads").EnumerateArray()
                .Select(r => $"{r.GetProperty("reader").GetString()}|{r.GetProperty("what").GetString()}|{r.GetProperty("purpose").GetString()}").ToList();
            Assert.Contains($"{Police}|identity|办理限制出境措施", accessLog);
            Assert.Contains(accessLog, r => r.StartsWith($"{Police}|credit-check|", StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.NotFound, (await new ProductApi(runtime.BaseAddress, await new ApiKeys(StorageClients.FromConnectionString(azurite.ConnectionString), TimeProvider.System).IssueAsync(Caller.ForSubject(Company))).GetJsonAsync("api/me/access-log")).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await police.GetJsonAsync($"api/subjects/{Company}/credit-check?department={Finance}")).Status);
            Assert.Equal(HttpStatusCode.BadRequest, (await police.GetJsonAsync($"api/subjects/110105198001010017/credit-check?department={Police}")).Status);

            var listed = (await supervisor.GetJsonAsync($"api/cases?state=InEffect&subject={Company}")).Body;
            Assert.Equal(caseId, Assert.Single(listed.GetProperty("cases").EnumerateArray()).GetProperty("caseId").GetString());

            // An amendment sent twice under one Idempotency-Key (a client retrying) is applied once; the key reused for
            // another amendment, or a key that is no key, is refused.
            var amendment = new { periodMonths = 12, reason = "复核维持惩戒期限" };
            var (first, _) = await AmendAsync(initiator, caseId, amendment, "amend-2025-03-03-1");
            Assert.Equal(HttpStatusCode.Accepted, first);
            var (again, againBody) = await AmendAsync(initiator, caseId, amendment, "amend-2025-03-03-1");
            Assert.Equal(HttpStatusCode.Accepted, again);
            Assert.True(againBody.GetProperty("alreadyTaken").GetBoolean());
            var (reused, reusedBody) = await AmendAsync(initiator, caseId, new { periodMonths = 6, reason = "另一项变更" }, "amend-2025-03-03-1");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, reused);
            Assert.Equal("IDEMPOTENCY_KEY_REUSED", reusedBody.GetProperty("error").GetProperty("code").GetString());
            Assert.Equal(HttpStatusCode.BadRequest, (await AmendAsync(initiator, caseId, amendment, "key with spaces")).Status);
            await WaitUntilAsync(async () => Kinds((await initiator.GetJsonAsync($"api/cases/{caseId}")).Body).Contains("amended"));
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(1, Kinds((await initiator.GetJsonAsync($"api/cases/{caseId}")).Body).Count(k => k == "amended"));
        }

        // The day after the period: the expiry run ends the case; departments that applied measures are told to lift them.
        await using (var runtime = await StartAsync("2026-03-04"))
        {
            using var initiator = As(runtime, Initiator);
            var lifting = await initiator.WaitForCaseAsync(caseId, "Lifting", Patience);
            Assert.Equal("Expired", lifting.GetProperty("endReason").GetString());
            Assert.Equal(
                new[] { Finance, Court, Police }.Order(),
                lifting.GetProperty("lifts").EnumerateArray().Select(l => l.GetProperty("department").GetString()!).Order());
            Assert.Contains(await NoticesInQueueAsync(Court), n => n.GetProperty("kind").GetString() == "lift");

            var check = (await As(runtime, Finance).GetJsonAsync($"api/subjects/{Company}/credit-check?department={Finance}")).Body;
            Assert.False(check.GetProperty("status").GetProperty("black").GetBoolean());
            Assert.Empty(check.GetProperty("hits").EnumerateArray());

            Assert.Equal(HttpStatusCode.NotFound, (await initiator.PostJsonAsync($"api/cases/{caseId}/lift-acknowledgements", new { })).Status);
            foreach (var department in new[] { Finance, Court, Police })
            {
                Assert.Equal(HttpStatusCode.OK, (await As(runtime, department).PostJsonAsync($"api/cases/{caseId}/lift-acknowledgements", new { })).Status);
            }

            var completed = await initiator.WaitForCaseAsync(caseId, "Completed", Patience);
            var kinds = Kinds(completed);
            Assert.Equal(1, kinds.Count(k => k == "initiated"));
            Assert.Equal(4, kinds.Count(k => k == "push"));
            Assert.Equal(11, kinds.Count(k => k == "feedback"));
            Assert.Equal(3, kinds.Count(k => k == "lift"));
            Assert.Equal(3, kinds.Count(k => k == "lift-acknowledged"));
            Assert.Equal(1, kinds.Count(k => k == "amended"));
            Assert.Equal("completed", kinds[^1]);
            Assert.Empty(await ScheduledAsync(caseId));
        }

        // A year of waiting left no trace in the orchestration's history: only what happened to the case is there.
        var history = 0;
        await foreach (var _ in StorageClients.FromConnectionString(azurite.ConnectionString).Table("CaseHubHistory")
            .QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == caseId, select: ["RowKey"]))
        {
            history++;
        }

        Assert.InRange(history, 1, 120);
    }

    [Fact]
    public async Task B_same_entry_twice_missed_feedback_kill_while_waiting_amendment_and_unacknowledged_lifts()
    {
        string caseId;
        await using (var runtime = await StartAsync("2025-03-03"))
        {
            using var initiator = As(runtime, Initiator);
            var (first, created) = await initiator.PostJsonAsync("api/lists/black/entries", PersonEntry());
            Assert.Equal(HttpStatusCode.Created, first);
            caseId = created.GetProperty("caseId").GetString()!;
            var (again, same) = await initiator.PostJsonAsync("api/lists/black/entries", PersonEntry());
            Assert.Equal(HttpStatusCode.OK, again);
            Assert.Equal(caseId, same.GetProperty("caseId").GetString());
            Assert.Equal(HttpStatusCode.Conflict, (await initiator.PostJsonAsync("api/lists/black/entries", PersonEntry(periodMonths: 24))).Status);

            var (invalid, problems) = await initiator.PostJsonAsync("api/lists/grey/entries", new { subjectCode = "110105198001010017", field = "天气" });
            Assert.Equal(HttpStatusCode.BadRequest, invalid);
            var fields = problems.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("field").GetString()).ToHashSet();
            Assert.Superset(new HashSet<string?> { "listType", "subjectCode", "subjectName", "field", "decisionDocument", "startDate", "periodMonths" }, fields);
            Assert.DoesNotContain("110105198001010017", problems.ToString(), StringComparison.Ordinal);

            // A natural person: the person-bound measures, 限制参加政府采购 (a person can be a supplier), and 从严审核行政许可 for every department.
            var view = await initiator.WaitForCaseAsync(caseId, "AwaitingFeedback", Patience);
            Assert.Equal(8, Assignments(view).Count);
            using var police = As(runtime, Police);
            foreach (var measure in new[] { "S12", "S17" })
            {
                Assert.Equal(HttpStatusCode.OK, await PostFeedbackAsync(police, caseId, Feedback(measure, Person)));
            }

            using var supervisor = new ProductApi(runtime.BaseAddress, supervisorKey);
            Assert.Single((await supervisor.GetJsonAsync($"api/cases?subject={Person}")).Body.GetProperty("cases").EnumerateArray());

        }

        // The reminder day (one working day before the deadline 2025-03-10): those who have not answered are reminded.
        await using (var runtime = await StartAsync("2025-03-07"))
        {
            var reminded = await As(runtime, Initiator).WaitForCaseAsync(caseId, c => Kinds(c).Count(k => k == "reminder") == 3, "reminded", Patience);
            Assert.Equal("AwaitingFeedback", reminded.GetProperty("state").GetString());
            Assert.Contains(await NoticesInQueueAsync(Finance), n => n.GetProperty("kind").GetString() == "reminder");
            Assert.DoesNotContain(await NoticesInQueueAsync(Police), n => n.GetProperty("kind").GetString() == "reminder");

            // The case waits for the others' feedback; the runtime dies.
            runtime.KillHard();
        }

        // Restarted the day after the deadline: the unanswered are overdue and the case is in effect all the same.
        await using (var runtime = await StartAsync("2025-03-11"))
        {
            using var initiator = As(runtime, Initiator);
            var inEffect = await initiator.WaitForCaseAsync(caseId, "InEffect", Patience);
            var overdue = Assignments(inEffect).Where(a => a.GetProperty("overdue").GetBoolean()).Select(a => a.GetProperty("department").GetString()).ToList();
            Assert.Equal(6, overdue.Count);
            Assert.DoesNotContain(Police, overdue);
            Assert.Equal(3, Kinds(inEffect).Count(k => k == "overdue"));

            using var court = As(runtime, Court);
            Assert.Equal(HttpStatusCode.OK, await PostFeedbackAsync(court, caseId, Feedback("S14", Person, date: "2025-03-11")));
            var late = Assignments(await court.WaitForCaseAsync(caseId, "InEffect", Patience)).Single(a => Code(a) == "S14");
            Assert.True(late.GetProperty("late").GetBoolean());

            // Amended to 3 months: the period ended on 2025-03-01, so the next expiry run ends the case.
            Assert.Equal(HttpStatusCode.BadRequest, (await initiator.PostJsonAsync($"api/lists/entries/{caseId}/amendments", new { periodMonths = 3 })).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await court.PostJsonAsync($"api/lists/entries/{caseId}/amendments", new { periodMonths = 3, reason = "复议变更" })).Status);
            Assert.Equal(HttpStatusCode.Accepted, (await initiator.PostJsonAsync($"api/lists/entries/{caseId}/amendments", new { periodMonths = 3, reason = "行政复议决定变更惩戒期限" })).Status);
            var lifting = await initiator.WaitForCaseAsync(caseId, "Lifting", Patience);
            Assert.Equal("2025-03-01", lifting.GetProperty("endDate").GetString());
            Assert.Contains(lifting.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "amended");
            Assert.Equal(4, lifting.GetProperty("lifts").GetArrayLength());
            Assert.Equal(HttpStatusCode.OK, (await As(runtime, Police).PostJsonAsync($"api/cases/{caseId}/lift-acknowledgements", new { })).Status);
        }

        // Past the lift deadline (5 working days from 2025-03-11): the others are overdue and the case completes.
        await using (var runtime = await StartAsync("2025-03-19"))
        {
            var completed = await As(runtime, Initiator).WaitForCaseAsync(caseId, "Completed", Patience);
            var lifts = completed.GetProperty("lifts").EnumerateArray().ToList();
            Assert.Equal(3, lifts.Count(l => l.GetProperty("overdue").GetBoolean()));
            Assert.False(lifts.Single(l => l.GetProperty("department").GetString() == Police).GetProperty("overdue").GetBoolean());
        }
    }

    [Fact]
    public async Task D_a_case_whose_orchestration_failed_is_restarted_from_its_stored_state_and_goes_on()
    {
        await using var runtime = await StartAsync("2025-03-03");
        using var initiator = As(runtime, Initiator);
        using var supervisor = new ProductApi(runtime.BaseAddress, supervisorKey);
        var (created, body) = await initiator.PostJsonAsync("api/lists/black/entries", PersonEntry());
        Assert.Equal(HttpStatusCode.Created, created);
        var caseId = body.GetProperty("caseId").GetString()!;
        var assignments = Assignments(await initiator.WaitForCaseAsync(caseId, "AwaitingFeedback", Patience));
        foreach (var assignment in assignments.Skip(1))
        {
            using var department = As(runtime, assignment.GetProperty("department").GetString()!);
            Assert.Equal(HttpStatusCode.OK, await PostFeedbackAsync(department, caseId, Feedback(Code(assignment), Person)));
        }

        // The list entry is unreadable (an outage, a bad deployment) when the last answer comes: the step that puts the
        // case in effect fails every attempt, and with it the orchestration.
        var entries = StorageClients.FromConnectionString(azurite.ConnectionString).Table(StorageNames.ListEntriesTable);
        var entry = (await entries.GetEntityAsync<Azure.Data.Tables.TableEntity>(Initiator, caseId)).Value;
        await entries.DeleteEntityAsync(entry);
        using (var last = As(runtime, assignments[0].GetProperty("department").GetString()!))
        {
            Assert.Equal(HttpStatusCode.OK, await PostFeedbackAsync(last, caseId, Feedback(Code(assignments[0]), Person)));
        }

        var restarted = 0;
        await WaitUntilAsync(async () =>
        {
            var (status, reconciled) = await supervisor.PostJsonAsync("api/reconciliation", new { });
            Assert.Equal(HttpStatusCode.OK, status);
            restarted += reconciled.GetProperty("restarted").GetInt32();
            return restarted > 0;
        });

        // The entry is back; the restarted instance resumes where the case stands (every answer in) and puts it in effect.
        await entries.UpsertEntityAsync(entry, Azure.Data.Tables.TableUpdateMode.Replace);
        await WaitUntilAsync(async () =>
        {
            var (_, view) = await initiator.GetJsonAsync($"api/cases/{caseId}");
            if (view.GetProperty("state").GetString() == "InEffect")
            {
                return true;
            }

            // The restart may have failed once more before the entry came back: the supervisor asks again.
            await supervisor.PostJsonAsync("api/reconciliation", new { });
            return false;
        });

        var inEffect = (await initiator.GetJsonAsync($"api/cases/{caseId}")).Body;
        Assert.Equal(assignments.Count, Assignments(inEffect).Count);
        Assert.All(Assignments(inEffect), a => Assert.Equal("Applied", a.GetProperty("status").GetString()));
        Assert.Single(Kinds(inEffect), k => k == "initiated");
        Assert.Single(Kinds(inEffect), k => k == "in-effect");
        var audit = (await supervisor.GetJsonAsync($"api/audit?subject={Person}")).Body.ToString();
        Assert.Contains("instance-restarted", audit, StringComparison.Ordinal);

        // It goes on as any case: the period amended to have ended, it is removed and lifts go out.
        Assert.Equal(HttpStatusCode.Accepted, (await initiator.PostJsonAsync($"api/lists/entries/{caseId}/amendments", new { periodMonths = 3, reason = "行政复议决定变更惩戒期限" })).Status);
        await initiator.WaitForCaseAsync(caseId, "Lifting", Patience);
    }

    [Fact]
    public async Task E_a_case_whose_instance_stays_pending_though_it_ran_is_restarted_and_goes_on()
    {
        await using var runtime = await StartAsync("2025-03-03");
        using var initiator = As(runtime, Initiator);
        using var supervisor = new ProductApi(runtime.BaseAddress, supervisorKey);
        var (created, body) = await initiator.PostJsonAsync("api/lists/black/entries", PersonEntry());
        Assert.Equal(HttpStatusCode.Created, created);
        var caseId = body.GetProperty("caseId").GetString()!;
        var assignments = Assignments(await initiator.WaitForCaseAsync(caseId, "AwaitingFeedback", Patience));

        // What a start sent twice across a crash leaves (the provider sends the message, then writes the row): the
        // row of a second start says Pending, an hour on, while the instance that ran waits for its answers. (A step
        // of the instance finishing meanwhile dates the row again: the row is set back until a reconciliation restarts it.)
        var instances = StorageClients.FromConnectionString(azurite.ConnectionString).Table("CaseHubInstances");
        await WaitUntilAsync(async () =>
        {
            await instances.UpdateEntityAsync(new Azure.Data.Tables.TableEntity(caseId, string.Empty)
            {
                ["RuntimeStatus"] = "Pending",
                ["LastUpdatedTime"] = DateTimeOffset.UtcNow.AddHours(-1),
            }, Azure.ETag.All, Azure.Data.Tables.TableUpdateMode.Merge);
            var (status, reconciled) = await supervisor.PostJsonAsync("api/reconciliation", new { });
            Assert.Equal(HttpStatusCode.OK, status);
            return reconciled.GetProperty("restarted").GetInt32() == 1;
        });

        // Started again from the stored state, it takes the answers and puts the case in effect.
        foreach (var assignment in assignments)
        {
            using var department = As(runtime, assignment.GetProperty("department").GetString()!);
            Assert.Equal(HttpStatusCode.OK, await PostFeedbackAsync(department, caseId, Feedback(Code(assignment), Person)));
        }

        var inEffect = await initiator.WaitForCaseAsync(caseId, "InEffect", Patience);
        Assert.Single(Kinds(inEffect), k => k == "in-effect");
        Assert.Equal("Running", (await instances.GetEntityAsync<Azure.Data.Tables.TableEntity>(caseId, string.Empty)).Value.GetString("RuntimeStatus"));
        Assert.Contains("instance-restarted", (await supervisor.GetJsonAsync($"api/audit?subject={Person}")).Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task C_an_uploaded_list_file_starts_a_case_per_good_row_and_reports_the_bad_ones_where_they_are()
    {
        await using var runtime = await StartAsync("2025-03-03");
        using var initiator = As(runtime, Initiator);
        var content = await File.ReadAllBytesAsync(Path.Combine(Repository.Root, "samples", "black-red-lists.csv"));
        await initiator.UploadAsync(Initiator, "lists.csv", content);
        var status = await initiator.WaitForUploadAsync(Initiator, "lists.csv", Patience, content);
        var counts = status.GetProperty("summary").GetProperty("counts");
        Assert.Equal((4, 3, 1), (counts.GetProperty("received").GetInt32(), counts.GetProperty("accepted").GetInt32(), counts.GetProperty("rejected").GetInt32()));

        var report = (await initiator.GetJsonAsync($"api/uploads/{Initiator}/lists.csv/report")).Body;
        Assert.Equal("ListEntry", report.GetProperty("kind").GetString());
        var rejected = report.GetProperty("rejectedRows").EnumerateArray().ToList();
        Assert.Contains(rejected, r => r.GetProperty("row").GetInt32() == 5 && r.GetProperty("column").GetString() == "领域" && r.GetProperty("code").GetString() == "FIELD");
        Assert.Contains(rejected, r => r.GetProperty("row").GetInt32() == 5 && r.GetProperty("column").GetString() == "法定代表人身份证号");
        Assert.DoesNotContain("110105198001010017", report.ToString(), StringComparison.Ordinal);

        using var supervisor = new ProductApi(runtime.BaseAddress, supervisorKey);
        // Each case appears once its orchestration has opened it.
        var cases = new List<string>();
        for (var until = DateTime.UtcNow + Patience; cases.Count < 3 && DateTime.UtcNow < until; await Task.Delay(250))
        {
            cases = [.. (await supervisor.GetJsonAsync($"api/cases?department={Initiator}")).Body.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("caseId").GetString()!)];
        }

        Assert.Equal(3, cases.Count);
        foreach (var caseId in cases)
        {
            await initiator.WaitForCaseAsync(caseId, "AwaitingFeedback", Patience);
        }

        // The same rows again are the same entries: nothing new, no second case.
        await initiator.UploadAsync(Initiator, "lists-again.csv", content);
        var again = (await initiator.WaitForUploadAsync(Initiator, "lists-again.csv", Patience, content)).GetProperty("summary").GetProperty("counts");
        Assert.Equal((0, 3), (again.GetProperty("accepted").GetInt32(), again.GetProperty("unchanged").GetInt32()));
        Assert.Equal(3, (await supervisor.GetJsonAsync($"api/cases?department={Initiator}")).Body.GetProperty("cases").GetArrayLength());
    }
}
