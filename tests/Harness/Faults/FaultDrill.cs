using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Credit.Departments;
using Credit.JointCases;
using Credit.Notices;
using Credit.Storage;

namespace Credit.Testing.Faults;

/// <summary>
/// Issue 15's proof under faults: the runtime is killed with SIGKILL at random moments while departments ingest
/// penalty files and run black-list cases through push, feedback (on time, late, never), amendments (while awaiting
/// feedback, in effect), an upheld objection, an approved repair, expiry, lifts and acknowledgements, over three
/// Beijing days; every client retries what was refused. Then it checks what must hold whatever the kills did.
/// </summary>
public sealed class FaultDrill(DrillOptions options, TextWriter log)
{
    const string Day1 = "2025-03-03";
    const string Day2 = "2025-03-11";
    const string Day3 = "2025-03-19";
    const string Never = "0 0 0 1 1 *";
    const string TaskHub = "DrillHub";
    const string Representative = "110105198001010016";
    const string Supervisor = "supervisor";
    static readonly TimeSpan Patience = TimeSpan.FromMinutes(6);
    static readonly string Initiator = Rows.DepartmentCode(1501);
    static readonly string Finance = Rows.DepartmentCode(1502);
    static readonly string Court = Rows.DepartmentCode(1503);
    static readonly string Police = Rows.DepartmentCode(1504);

    enum Course { OnTime, NeverAnswered, Late, AmendedWhileAwaiting, ObjectionUpheld, RepairApproved }

    sealed record DrillCase(int Index, string Id, Course Course)
    {
        public string Company => CompanyCode(Index);

        public string FinalState => Course is Course.OnTime or Course.NeverAnswered or Course.Late ? "InEffect" : "Completed";
    }

    readonly Dictionary<string, RetryingClient> clients = [];
    readonly Stopwatch clock = new();

    static string CompanyCode(int index) => Rows.DepartmentCode(3000 + index);

    /// <param name="undisturbedStatistics">The statistics of an undisturbed drill (no kills) of the same size, which these must equal; null when this is that drill.</param>
    public async Task<DrillResult> RunAsync(string? undisturbedStatistics)
    {
        clock.Restart();
        await using var azurite = new AzuriteProcess();
        await azurite.StartAsync();
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        var keys = new ApiKeys(storage, TimeProvider.System);
        var issued = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (code, name) in new[] { (Initiator, "北京市生态环境局"), (Finance, "北京市财政局"), (Court, "北京市高级人民法院"), (Police, "北京市公安局") })
        {
            issued[code] = await TestStorage.RegisterDepartmentAsync(storage, code, name);
        }

        issued[Supervisor] = await keys.IssueAsync(new Caller(CallerRole.Supervisor, null));
        for (var i = 0; i < options.Cases; i++)
        {
            issued[CompanyCode(i)] = await keys.IssueAsync(Caller.ForSubject(CompanyCode(i)));
        }

        await using (var runtime = new ChaosRuntime(azurite.ConnectionString, TaskHub, FreePort.Next()))
        {
            await runtime.StartAsync(Settings(Day1, deadlines: true));
            foreach (var (who, key) in issued)
            {
                clients[who] = new RetryingClient(runtime.BaseAddress, key);
            }

            if (options.Kills > 0)
            {
                runtime.StartKilling(options.Kills, new Random(options.Seed), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4));
            }

            try
            {
                var cases = await RunDaysAsync(runtime, storage);
                await runtime.KillsDoneAsync();
                Log($"{runtime.Kills.Count} kills done; checking");
                await SettledAsync(storage, cases);
                var statistics = await StatisticsAsync();
                var invariants = await CheckAsync(storage, cases, statistics, undisturbedStatistics);
                return new DrillResult(options, runtime.Kills, clients.Values.Sum(c => c.Retries), clock.Elapsed, invariants, statistics);
            }
            finally
            {
                foreach (var client in clients.Values)
                {
                    client.Dispose();
                }

                clients.Clear();
            }
        }
    }

    RetryingClient As(string who) => clients[who];

    void Log(string message) => log.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0} s] {message}");

    async Task<List<DrillCase>> RunDaysAsync(ChaosRuntime runtime, StorageClients storage)
    {
        Log($"day {Day1}: {options.Files} uploads of {options.RowsPerFile} rows, {options.Cases} cases opened and answered");
        var uploads = UploadAllAsync();
        var cases = new DrillCase[options.Cases];
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Cases), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) => cases[i] = await FirstDayAsync(i));
        await uploads;
        // A day has time for its runs: what was uploaded today is published today, whatever the kills delayed.
        await PublishedAsync(storage);

        Log($"day {Day2}: late answers, amendments in effect, lift acknowledgements; then the deadline run");
        await runtime.StartAsync(Settings(Day2, deadlines: false));
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (c, _) => await SecondDayAsync(c));
        await runtime.StartAsync(Settings(Day2, deadlines: true));
        await Parallel.ForEachAsync(cases.Where(c => c.Course == Course.NeverAnswered), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (c, _) => await WaitForStateAsync(c.Id, "InEffect"));

        Log($"day {Day3}: unacknowledged lifts overdue");
        await runtime.StartAsync(Settings(Day3, deadlines: true));
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (c, _) => await WaitForStateAsync(c.Id, c.FinalState));
        return [.. cases];
    }

    async Task UploadAllAsync()
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Files), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (f, _) =>
        {
            var content = Encoding.UTF8.GetBytes(PenaltyFile(f));
            var (status, body) = await As(Initiator).PutAsync($"api/uploads/{Initiator}/drill-{f}.csv", content);
            Require(status is HttpStatusCode.Accepted or HttpStatusCode.OK, $"upload drill-{f}.csv", status, body);
            var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
            await As(Initiator).WaitAsync($"api/uploads/{Initiator}/drill-{f}.csv",
                s => s.GetProperty("state").GetString() is "completed" or "rejected" or "failed" && s.GetProperty("contentSha256").GetString() == sha256, "ingested", Patience);
            Log($"drill-{f}.csv ingested");
        });
    }

    string PenaltyFile(int file)
    {
        var rows = Enumerable.Range(0, options.RowsPerFile).Select(n =>
        {
            var row = Rows.Penalty($"演练{file}罚〔2025〕{n}号", CompanyCode(n % Math.Max(1, options.Cases)), Initiator);
            row["处罚决定日期"] = Day1;
            row["处罚机关"] = row["数据来源单位"] = "北京市生态环境局";
            return row;
        });
        return Rows.Csv(rows);
    }

    async Task<DrillCase> FirstDayAsync(int i)
    {
        var course = (Course)(i % 6);
        var (status, created) = await As(Initiator).PostAsync("api/lists/black/entries", Entry(i));
        Require(status is HttpStatusCode.Created or HttpStatusCode.OK, $"case {i}", status, created);
        var drill = new DrillCase(i, created.GetProperty("caseId").GetString()!, course);
        var view = await WaitForStateAsync(drill.Id, "AwaitingFeedback");
        var assignments = view.GetProperty("assignments").EnumerateArray().ToList();
        var answered = course switch
        {
            Course.Late => [],
            Course.NeverAnswered => assignments.Where(a => a.GetProperty("department").GetString() != Court).ToList(),
            Course.AmendedWhileAwaiting => assignments.Where(a => a.GetProperty("department").GetString() == Finance).ToList(),
            _ => assignments,
        };
        await AnswerAsync(drill, answered, Day1);
        switch (course)
        {
            case Course.AmendedWhileAwaiting:
                // The period cut to end before today while feedback is awaited: the next expiry run removes the entry.
                var (amended, receipt) = await As(Initiator).PostAsync($"api/lists/entries/{drill.Id}/amendments", new { periodMonths = 14, reason = "行政复议决定变更惩戒期限" }, $"drill-{i}-1");
                Require(amended is HttpStatusCode.Accepted or HttpStatusCode.OK, $"amendment of case {i}", amended, receipt);
                await WaitForStateAsync(drill.Id, "Lifting");
                break;
            case Course.ObjectionUpheld:
                await WaitForStateAsync(drill.Id, "InEffect");
                await RemedyAsync(drill, "objections", new { item = new { kind = "listEntry", id = drill.Id }, reason = "列入所依据的处罚决定已被撤销" }, new { upheld = true, reason = "经核实，处罚决定已撤销" });
                await WaitForStateAsync(drill.Id, "Lifting");
                break;
            case Course.RepairApproved:
                await WaitForStateAsync(drill.Id, "InEffect");
                await RemedyAsync(drill, "repairs", new { item = new { kind = "listEntry", id = drill.Id }, statement = "已缴纳罚款并完成整改", proof = "缴款凭证", commitment = "信用承诺书" },
                    new { approved = true, reason = "已履行法定义务并作出信用承诺" });
                await WaitForStateAsync(drill.Id, "Lifting");
                break;
            case Course.OnTime:
                await WaitForStateAsync(drill.Id, "InEffect");
                break;
            default:
                break;
        }

        return drill;
    }

    async Task SecondDayAsync(DrillCase drill)
    {
        switch (drill.Course)
        {
            case Course.Late:
                var view = (await As(Initiator).GetAsync($"api/cases/{drill.Id}")).Body;
                await AnswerAsync(drill, [.. view.GetProperty("assignments").EnumerateArray()], Day2);
                await WaitForStateAsync(drill.Id, "InEffect");
                break;
            case Course.OnTime when drill.Index % 12 == 0:
                var endDate = (await As(Initiator).GetAsync($"api/cases/{drill.Id}")).Body.GetProperty("endDate").GetString();
                var (amended, receipt) = await As(Initiator).PostAsync($"api/lists/entries/{drill.Id}/amendments", new { periodMonths = 30, reason = "行政复议决定延长惩戒期限" }, $"drill-{drill.Index}-2");
                Require(amended is HttpStatusCode.Accepted or HttpStatusCode.OK, $"amendment of case {drill.Index}", amended, receipt);
                await As(Initiator).WaitAsync($"api/cases/{drill.Id}", c => c.GetProperty("endDate").GetString() != endDate && c.GetProperty("state").GetString() == "InEffect", "amended, in effect", Patience);
                break;
            case Course.AmendedWhileAwaiting or Course.ObjectionUpheld:
                var lifting = await WaitForStateAsync(drill.Id, "Lifting");
                foreach (var lift in lifting.GetProperty("lifts").EnumerateArray())
                {
                    var department = lift.GetProperty("department").GetString()!;
                    var (status, body) = await As(department).PostAsync($"api/cases/{drill.Id}/lift-acknowledgements", new { });
                    Require(status == HttpStatusCode.OK, $"lift of case {drill.Index} by {department}", status, body);
                }

                await WaitForStateAsync(drill.Id, "Completed");
                break;
            default:
                break;
        }
    }

    async Task AnswerAsync(DrillCase drill, IEnumerable<JsonElement> assignments, string date)
    {
        foreach (var assignment in assignments)
        {
            var department = assignment.GetProperty("department").GetString()!;
            var target = assignment.GetProperty("target").GetProperty("role").ValueKind == JsonValueKind.String ? Representative : drill.Company;
            var measure = assignment.GetProperty("measure").GetProperty("code").GetString();
            var (status, body) = await As(department).PostAsync($"api/cases/{drill.Id}/feedback", new { measure, target, outcome = "applied", date, reference = $"演练-{drill.Index}-{measure}" });
            Require(status == HttpStatusCode.OK, $"feedback of case {drill.Index} by {department}", status, body);
        }
    }

    async Task RemedyAsync(DrillCase drill, string kind, object filing, object decision)
    {
        var (filed, remedy) = await As(drill.Company).PostAsync($"api/{kind}", filing);
        Require(filed is HttpStatusCode.Created or HttpStatusCode.OK, $"{kind} of case {drill.Index}", filed, remedy);
        var id = remedy.GetProperty("id").GetString()!;
        await As(drill.Company).WaitAsync($"api/{kind}/{id}", r => r.GetProperty("timeline").EnumerateArray().Any(t => t.GetProperty("kind").GetString() == "forwarded"), "forwarded", Patience);
        var (decided, body) = await As(Initiator).PostAsync($"api/{kind}/{id}/decision", decision);
        Require(decided == HttpStatusCode.OK, $"decision on {id}", decided, body);
        await As(drill.Company).WaitAsync($"api/{kind}/{id}", r => r.GetProperty("remedy").GetProperty("state").GetString() is "Upheld" or "Approved", "granted", Patience);
    }

    Task<JsonElement> WaitForStateAsync(string caseId, string state) =>
        As(Initiator).WaitAsync($"api/cases/{caseId}", c => c.GetProperty("state").GetString() == state, state, Patience);

    static object Entry(int i) => new
    {
        subjectCode = CompanyCode(i),
        subjectName = $"北京演练企业{i}有限公司",
        category = "环境违法失信",
        field = "环境保护",
        legalBasis = "《中华人民共和国环境保护法》第六十三条",
        decisionDocument = $"京环罚〔2025〕{1000 + i}号",
        startDate = "2024-01-02",
        periodMonths = 36,
        responsiblePersons = new[] { new { role = "法定代表人", name = "张三", idNumber = Representative } },
    };

    static Dictionary<string, string> Settings(string day, bool deadlines) => new()
    {
        ["Credit__Clock__Start"] = $"{day}T04:00:00Z",
        ["DisclosureSchedule"] = "*/2 * * * * *",
        ["ExpirySchedule"] = "*/2 * * * * *",
        ["DeadlineSchedule"] = deadlines ? "*/2 * * * * *" : Never,
        ["SignalDrainSchedule"] = "*/2 * * * * *",
        ["Reconciliation__SettleSeconds"] = "1",
        ["Reconciliation__StalePendingSeconds"] = "10",
        // Neither the daily reconciliation nor the statistics run during the drill: a failed instance must show, and
        // the figures are those of the run the drill asks for at the end.
        ["ReconcileSchedule"] = Never,
        ["StatisticsSchedule"] = Never,
    };

    static void Require(bool holds, string what, HttpStatusCode status, JsonElement body)
    {
        if (!holds)
        {
            throw new InvalidOperationException($"{what}: answered {(int)status} {body}");
        }
    }

    /// <summary>Waits until the disclosure run has published every pending batch.</summary>
    static async Task PublishedAsync(StorageClients storage)
    {
        var deadline = Stopwatch.StartNew();
        while (await CountAsync(storage.Table(StorageNames.DisclosureQueueTable), "PartitionKey eq 'publish' or PartitionKey eq 'publish-list'") > 0)
        {
            if (deadline.Elapsed > Patience)
            {
                throw new TimeoutException($"batches or list entries still waiting for publication after {Patience}");
            }

            await Task.Delay(500);
        }
    }

    /// <summary>
    /// Waits (a minute at most) until the signal drain has handled every marked request and each case's instance has
    /// caught up with its stored state (the last step's result reaches the orchestration just after the row changes).
    /// </summary>
    static async Task SettledAsync(StorageClients storage, IReadOnlyList<DrillCase> cases)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(1)
            && (await CountAsync(storage.Table(StorageNames.SignalMarksTable), null) > 0 || Mismatched(cases, await InstanceStatusesAsync(storage)).Count > 0))
        {
            await Task.Delay(500);
        }
    }

    /// <summary>An instance's row and history, in order, to tell how its status came to differ from its case's state.</summary>
    static async Task<string> HistoryAsync(StorageClients storage, string id)
    {
        var row = (await storage.Table($"{TaskHub}Instances").GetEntityIfExistsAsync<TableEntity>(id, string.Empty)).Value;
        var events = new List<string>();
        await foreach (var e in storage.Table($"{TaskHub}History").QueryAsync<TableEntity>(e => e.PartitionKey == id, select: ["RowKey", "EventType", "ExecutionId", "Name"]))
        {
            events.Add($"{e.RowKey.TrimStart('0')}:{e.GetString("EventType")}{(e.GetString("Name") is { } name ? "(" + name + ")" : string.Empty)}@{e.GetString("ExecutionId")?[..8]}");
        }

        return $"\n    {id}: row {row?.GetString("RuntimeStatus")} execution {row?.GetString("ExecutionId")?[..8]} created {row?.GetDateTimeOffset("CreatedTime"):O} updated {row?.GetDateTimeOffset("LastUpdatedTime"):O}; history {string.Join(" ", events)}";
    }

    static async Task<Dictionary<string, string>> InstanceStatusesAsync(StorageClients storage)
    {
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var row in storage.Table($"{TaskHub}Instances").QueryAsync<TableEntity>(select: ["PartitionKey", "RuntimeStatus"]))
        {
            statuses[row.PartitionKey] = row.GetString("RuntimeStatus");
        }

        return statuses;
    }

    /// <summary>The cases whose instance is not running (in effect) or completed (completed) as their stored state says.</summary>
    static List<string> Mismatched(IReadOnlyList<DrillCase> cases, Dictionary<string, string> statuses) =>
        [.. cases.Where(c => statuses.GetValueOrDefault(c.Id) != (c.FinalState == "Completed" ? "Completed" : "Running")).Select(c => $"{c.Id} {statuses.GetValueOrDefault(c.Id)}")];

    async Task<string> StatisticsAsync()
    {
        var (status, run) = await As(Supervisor).PostAsync("api/statistics/runs", new { });
        Require(status == HttpStatusCode.OK, "statistics run", status, run);
        var (_, statistics) = await As(Supervisor).GetAsync("api/statistics?month=2025-03");
        return string.Join("\n", statistics.GetProperty("figures").EnumerateArray().Select(f =>
        {
            var figures = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(f)!;
            figures.Remove("computedAt");
            return JsonSerializer.Serialize(figures);
        }));
    }

    async Task<IReadOnlyList<Invariant>> CheckAsync(StorageClients storage, IReadOnlyList<DrillCase> cases, string statistics, string? undisturbedStatistics)
    {
        var invariants = new List<Invariant>();
        var expected = options.Files * options.RowsPerFile;
        var stored = await RecordCounts.ForDepartmentAsync(storage, Initiator);
        var versions = await CountAsync(storage.Table(StorageNames.RecordVersionsTable), null);
        invariants.Add(new("records stored = expected", $"{stored:N0} of {expected:N0}: {Math.Max(0, expected - stored)} missing, {Math.Max(0, stored - expected) + versions} duplicated", stored == expected && versions == 0));

        var wrong = new List<string>();
        var waiting = new List<string>();
        var store = new CaseStore(storage);
        foreach (var drill in cases)
        {
            var record = await store.GetCaseAsync(drill.Id);
            if (record?.State.ToString() != drill.FinalState)
            {
                wrong.Add($"case {drill.Index} {record?.State}");
                continue;
            }

            if (ImpliedSignals.ForCase(record, await store.AssignmentsAsync(drill.Id), await store.LiftsAsync(drill.Id)).Count > 0)
            {
                waiting.Add(drill.Id);
            }
        }

        var remedies = new List<string>();
        await foreach (var row in storage.Table(StorageNames.RemediesTable).QueryAsync<TableEntity>())
        {
            if (row.GetString("State") is not ("Upheld" or "Approved"))
            {
                wrong.Add($"remedy {row.PartitionKey} {row.GetString("State")}");
            }

            remedies.Add(row.PartitionKey);
        }

        var expectedRemedies = cases.Count(c => c.Course is Course.ObjectionUpheld or Course.RepairApproved);
        invariants.Add(new("every case and remedy in its expected final state",
            $"{cases.Count - wrong.Count(w => w.StartsWith("case", StringComparison.Ordinal))} of {cases.Count} cases, {remedies.Count} of {expectedRemedies} remedies decided as expected{(wrong.Count > 0 ? "; wrong: " + string.Join(", ", wrong.Take(10)) : string.Empty)}",
            wrong.Count == 0 && remedies.Count == expectedRemedies));

        invariants.Add(await NoticesAsync(storage));

        var statuses = await InstanceStatusesAsync(storage);
        var failed = statuses.Where(s => s.Value == "Failed").Select(s => s.Key).ToList();
        var mismatched = Mismatched(cases, statuses);
        invariants.Add(new("no failed instance", $"{statuses.Count} instances, {failed.Count} failed{(failed.Count > 0 ? ": " + string.Join(", ", failed.Take(5)) : string.Empty)}; " +
            $"{mismatched.Count} cases whose instance does not match their state{(mismatched.Count > 0 ? ": " + string.Join(", ", mismatched.Take(5)) : string.Empty)}" +
            string.Concat(await Task.WhenAll(mismatched.Take(3).Select(m => HistoryAsync(storage, m.Split(' ')[0])))), failed.Count == 0 && mismatched.Count == 0));

        var failures = await CountAsync(storage.Table(StorageNames.QuarantineTable), null);
        var quarantined = new List<string>();
        await foreach (var row in storage.Table(StorageNames.QuarantineTable).QueryAsync<TableEntity>("Quarantined eq true"))
        {
            quarantined.Add($"{row.PartitionKey} {row.GetString("Item")}: {row.GetString("Reason")}");
        }

        invariants.Add(new("no item quarantined", $"{quarantined.Count} quarantined, {failures} failures on record{string.Concat(quarantined.Take(5).Select(q => "\n    " + q))}", quarantined.Count == 0));

        var marks = await CountAsync(storage.Table(StorageNames.SignalMarksTable), null);
        invariants.Add(new("no instance waiting for a signal its stored state implies", $"{waiting.Count} cases, {marks} signal marks not drained", waiting.Count == 0 && marks == 0));

        if (undisturbedStatistics is not null)
        {
            invariants.Add(new("statistics equal to an undisturbed run", statistics == undisturbedStatistics ? "every figure of every department equal" : $"differ:\n{statistics}\nundisturbed:\n{undisturbedStatistics}", statistics == undisturbedStatistics));
        }

        return invariants;
    }

    /// <summary>Every notice marked sent in the outbox is in its department's queue, at most once more (the same id).</summary>
    static async Task<Invariant> NoticesAsync(StorageClients storage)
    {
        var outbox = new List<(string Department, string Id, bool Sent)>();
        await foreach (var row in storage.Table(StorageNames.NoticesTable).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey", "Sent"]))
        {
            outbox.Add((row.PartitionKey, row.RowKey, row.GetBoolean("Sent") == true));
        }

        var copies = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var department in outbox.Select(n => n.Department).Distinct())
        {
            var queue = storage.Queues.GetQueueClient(QueueNoticeChannel.QueueName(department));
            while (true)
            {
                var received = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10))).Value;
                if (received.Length == 0)
                {
                    break;
                }

                foreach (var message in received)
                {
                    var id = JsonDocument.Parse(message.Body.ToString()).RootElement.GetProperty("noticeId").GetString()!;
                    copies[id] = copies.GetValueOrDefault(id) + 1;
                }
            }
        }

        var unsent = outbox.Count(n => !n.Sent || !copies.ContainsKey(n.Id));
        var twice = copies.Count(c => c.Value == 2);
        var more = copies.Count(c => c.Value > 2);
        return new Invariant("every notice sent, at most once more with the same id",
            $"{outbox.Count} notices, {unsent} not sent, {twice} sent twice, {more} more than twice", unsent == 0 && more == 0);
    }

    static async Task<int> CountAsync(TableClient table, string? filter)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }
}
