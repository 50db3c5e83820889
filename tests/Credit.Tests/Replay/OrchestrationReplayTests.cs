using Credit.Intake;
using Credit.JointCases;
using Credit.Orchestrations;
using Credit.Orchestrations.Intake;
using Credit.Orchestrations.JointCases;
using Credit.Orchestrations.Remedies;
using Credit.Records;
using Credit.Remedies;
using Credit.Signals;
using Credit.Testing;
using Google.Protobuf;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Protobuf;

namespace Credit.Tests.Replay;

/// <summary>
/// Golden histories (docs/versioning.md): each orchestration driven through a whole life by today's code, its
/// history kept in <c>tests/Credit.Tests/Replay/Golden/</c>. Replaying a kept history through the code of this
/// checkout must give the very actions it gave when recorded: a change that would make an instance in flight
/// non-deterministic (another activity, another order, another wait) fails here, before any deployment meets one.
/// A deliberate change is a new orchestration version; the old history stays, and a new one is recorded with
/// <c>RECORD_GOLDEN_HISTORIES=1</c>.
/// </summary>
public sealed class OrchestrationReplayTests
{
    const string CaseId = "11110000000000701X-b0123456789abcdef01234567";
    static readonly DateOnly EndDate = new(2026, 3, 3);

    /// <summary>Every kept history: each orchestration at each version it has had.</summary>
    public static TheoryData<string, string> Histories => new()
    {
        { "JointCaseLifecycle", "1" }, { "JointCaseLifecycle", "2" }, { "JointCaseLifecycle", "3" }, { "JointCaseLifecycle", "4" }, { "ObjectionHandling", "1" }, { "ObjectionHandling", "4" }, { "RepairApplication", "1" }, { "RepairApplication", "4" }, { "IngestFile", "1" },
    };

    [Theory]
    [MemberData(nameof(Histories))]
    public void A_kept_history_replays_to_the_actions_it_was_recorded_with(string name, string version)
    {
        var path = GoldenPath(name, version);
        var (orchestrator, scenario) = Scenario(name, version);
        if (Environment.GetEnvironmentVariable("RECORD_GOLDEN_HISTORIES") == "1" && version == OrchestrationVersions.Current)
        {
            var recorded = scenario();
            File.WriteAllText(path, Golden.Write(recorded.Request, recorded.Response));
        }

        Assert.True(File.Exists(path), $"no golden history {path}: record it with RECORD_GOLDEN_HISTORIES=1 and commit it");
        var (request, response) = Golden.Read(File.ReadAllText(path));
        Assert.Equal(version, request.PastEvents.First(e => e.ExecutionStarted is not null).ExecutionStarted.Version);
        var replayed = HistoryDriver.Replay(orchestrator, request);
        Assert.Equal(JsonFormatter.Default.Format(response), JsonFormatter.Default.Format(replayed));
        Assert.DoesNotContain(replayed.Actions, a => a.CompleteOrchestration?.FailureDetails is not null);
    }

    [Fact]
    public void A_change_in_the_sequence_of_work_is_caught()
    {
        // The case's history, replayed by an orchestrator that schedules another activity before opening the case.
        var (request, _) = Golden.Read(File.ReadAllText(GoldenPath("JointCaseLifecycle", "1")));
        var replayed = HistoryDriver.Replay(new Changed(), request);
        Assert.Contains(replayed.Actions, a => a.CompleteOrchestration?.FailureDetails?.ErrorType.Contains("NonDeterministic", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void From_version_2_a_rounds_deadline_counts_after_an_amendment_opened_the_next()
    {
        // Amended while waiting for feedback (a new assignment in round 2), then round 1's deadline passes.
        OrchestrationSignal[] signals =
        [
            new CaseAmended("复议变更", AmendmentId: "k1"),
            new FeedbackDeadlinePassed(1),
        ];
        object? Results(string task) => task switch
        {
            nameof(OpenCase) => new CaseProgress(1, ["a|S01|x"], EndDate),
            nameof(AmendCase) => new CaseProgress(2, ["c|S03|x"], EndDate),
            nameof(MarkCaseOverdue) => false,
            _ => true,
        };

        var before = HistoryDriver.Record(new JointCaseLifecycle(), "JointCaseLifecycle", "1", CaseId, CaseId, Results, signals);
        var now = HistoryDriver.Record(new JointCaseLifecycle(), "JointCaseLifecycle", "2", CaseId, CaseId, Results, signals);

        Assert.DoesNotContain(Scheduled(before.Request), t => t.Name == nameof(MarkCaseOverdue));
        var overdue = Assert.Single(Scheduled(now.Request), t => t.Name == nameof(MarkCaseOverdue));
        // The worker sends an activity its input as a one-element array.
        Assert.Equal(1, System.Text.Json.JsonDocument.Parse(overdue.Input).RootElement[0].GetProperty("Round").GetInt32());
    }

    [Fact]
    public void From_version_3_a_case_restarted_from_its_stored_state_resumes_where_it_stands()
    {
        // The instance of a case lifting after a repair failed; restarted, it opens to the stored state and hears the last acknowledgement.
        OrchestrationSignal[] signals = [new LiftAcknowledged("b")];
        object? Results(string task) => task == nameof(OpenCase) ? new CaseProgress(3, ["b"], EndDate, CaseState.Lifting, CaseEndReason.Repaired) : true;

        var before = HistoryDriver.Record(new JointCaseLifecycle(), "JointCaseLifecycle", "2", CaseId, CaseId, Results, signals);
        var now = HistoryDriver.Record(new JointCaseLifecycle(), "JointCaseLifecycle", "3", CaseId, CaseId, Results, signals);

        Assert.DoesNotContain(Scheduled(before.Request), t => t.Name == nameof(CompleteCase));
        var completed = Assert.Single(Scheduled(now.Request), t => t.Name == nameof(CompleteCase));
        Assert.Equal(3, System.Text.Json.JsonDocument.Parse(completed.Input).RootElement[0].GetProperty("Round").GetInt32());
        Assert.Contains("Repaired", JsonFormatter.Default.Format(now.Response), StringComparison.Ordinal);
    }

    [Fact]
    public void From_version_3_an_amendment_applied_before_a_restart_is_not_applied_again_and_a_new_one_keeps_its_id()
    {
        OrchestrationSignal[] signals =
        [
            new CaseAmended("复议变更", AmendmentId: "k1"),
            new CaseAmended("复议变更", AmendmentId: "k2"),
        ];
        object? Results(string task) => task switch
        {
            nameof(OpenCase) => new CaseProgress(2, ["a|S01|x"], EndDate, CaseState.AwaitingFeedback, AppliedAmendments: ["k1"]),
            nameof(AmendCase) => new CaseProgress(3, [], EndDate),
            _ => true,
        };

        var amended = Assert.Single(Scheduled(HistoryDriver.Record(new JointCaseLifecycle(), "JointCaseLifecycle", "3", CaseId, CaseId, Results, signals).Request), t => t.Name == nameof(AmendCase));
        var input = System.Text.Json.JsonDocument.Parse(amended.Input).RootElement[0];
        Assert.Equal(("k2", 3), (input.GetProperty("AmendmentId").GetString(), input.GetProperty("Round").GetInt32()));
    }

    static IEnumerable<TaskScheduledEvent> Scheduled(OrchestratorRequest request) =>
        request.PastEvents.Concat(request.NewEvents).Where(e => e.TaskScheduled is not null).Select(e => e.TaskScheduled);

    static string GoldenPath(string name, string version) => Path.Combine(Repository.Root, "tests", "Credit.Tests", "Replay", "Golden", $"{name}.v{version}.json");

    static (ITaskOrchestrator Orchestrator, Func<(OrchestratorRequest Request, OrchestratorResponse Response)> Record) Scenario(string name, string version)
    {
        // Version 4's scenario amends twice: the first amendment adds a measure, the second only moves the end date.
        var amendments = 0;
        return name switch
        {
            // Version 4, its signals typed on the wire: opened, reminded; amended while waiting (a measure added in round 2);
            // round 1's deadline leaves only round 2's assignment awaited; its answer puts the case in effect; amended in
            // effect (nothing added, a new end date); the old end date's expiry (stale), the new one; two lifts, one
            // acknowledged twice; completed.
            "JointCaseLifecycle" when version == "4" => (new JointCaseLifecycle(), () => HistoryDriver.Record(new JointCaseLifecycle(), name, version, CaseId, CaseId, task => task switch
            {
                nameof(OpenCase) => new CaseProgress(1, ["a|S01|x", "b|S02|x"], EndDate, CaseState.AwaitingFeedback),
                nameof(AmendCase) when ++amendments == 1 => new CaseProgress(2, ["c|S03|x"], EndDate.AddYears(-1)),
                nameof(AmendCase) => new CaseProgress(3, [], EndDate),
                nameof(MarkRoundOverdue) => new[] { "c|S03|x" },
                nameof(CloseCase) => new[] { "d1", "d2" },
                _ => true,
            },
            [
                new FeedbackReminderDue(1),
                new CaseAmended("措施清单更新", true, "k1"),
                new FeedbackDeadlinePassed(1),
                new FeedbackReceived("c|S03|x", 2),
                new CaseAmended("期限变更", false, "k2"),
                new PeriodExpired(2, EndDate.AddYears(-1)),
                new PeriodExpired(3, EndDate),
                new LiftReminderDue(3),
                new LiftAcknowledged("d1"),
                new LiftAcknowledged("d1"),
                new LiftAcknowledged("d2"),
            ])),

            // Version 3: restarted from the stored state of a case in round 2 whose every answer came in while its instance
            // was down: in effect at once; an amendment applied before the restart sent again (not applied), a new one
            // (applied, its id with it); expired; lifted; completed.
            "JointCaseLifecycle" when version == "3" => (new JointCaseLifecycle(), () => HistoryDriver.Record(new JointCaseLifecycle(), name, version, CaseId, CaseId, task => task switch
            {
                nameof(OpenCase) => new CaseProgress(2, [], EndDate, CaseState.AwaitingFeedback, AppliedAmendments: ["k1"]),
                nameof(AmendCase) => new CaseProgress(3, [], EndDate),
                nameof(CloseCase) => new[] { "b" },
                _ => true,
            },
            [
                new CaseAmended("复议变更", AmendmentId: "k1"),
                new CaseAmended("复议变更", AmendmentId: "k2"),
                new PeriodExpired(3, EndDate),
                new LiftAcknowledged("b"),
            ])),

            // Version 2: amended while waiting (a new assignment in round 2); round 1's deadline passes and its unanswered
            // assignment is overdue while round 2 is still awaited; round 2 answered; in effect; expired; lifted; completed.
            "JointCaseLifecycle" when version == "2" => (new JointCaseLifecycle(), () => HistoryDriver.Record(new JointCaseLifecycle(), name, version, CaseId, CaseId, task => task switch
            {
                nameof(OpenCase) => new CaseProgress(1, ["a|S01|x", "b|S02|x"], EndDate),
                nameof(AmendCase) => new CaseProgress(2, ["c|S03|x"], EndDate),
                nameof(MarkCaseOverdue) => false,
                nameof(CloseCase) => new[] { "b" },
                _ => true,
            },
            [
                new FeedbackReceived("b|S02|x", 1),
                new CaseAmended("复议变更", AmendmentId: "k1"),
                new FeedbackDeadlinePassed(1),
                new FeedbackReceived("c|S03|x", 2),
                new PeriodExpired(2, EndDate),
                new LiftAcknowledged("b"),
            ])),

            // Version 1: opened with two assignments; a reminder; one answer; amended with one more (an amendment sent
            // twice: applied once); the two others answered; in effect; expired; one department lifts; completed.
            "JointCaseLifecycle" => (new JointCaseLifecycle(), () => HistoryDriver.Record(new JointCaseLifecycle(), name, version, CaseId, CaseId, task => task switch
            {
                nameof(OpenCase) => new CaseProgress(1, ["a|S01|x", "b|S02|x"], EndDate),
                nameof(AmendCase) => new CaseProgress(2, ["c|S03|x"], EndDate),
                nameof(CloseCase) => new[] { "a" },
                _ => true,
            },
            [
                new FeedbackReminderDue(1),
                new FeedbackReceived("a|S01|x", 1),
                new CaseAmended("复议变更", AmendmentId: "k1"),
                new CaseAmended("复议变更", AmendmentId: "k1"),
                new FeedbackReceived("b|S02|x", 1),
                new FeedbackReceived("c|S03|x", 2),
                new PeriodExpired(2, EndDate),
                new LiftAcknowledged("a"),
            ])),
            // Opened; a reminder; overdue; decided (the decision sent twice).
            "ObjectionHandling" or "RepairApplication" => (Remedy(name), () => HistoryDriver.Record(Remedy(name), name, version, "objection-1", "objection-1", _ => true,
            [
                new RemedyReminderDue(),
                new RemedyDeadlinePassed(),
                new RemedyDecided(),
            ])),
            // Planned into three chunks, two in flight, then the report.
            "IngestFile" => (new IngestFile(), () => HistoryDriver.Record(new IngestFile(), name, version, "intake-1", Upload, task => task switch
            {
                nameof(PlanIntake) => new IntakePlan(FileFormat.Csv, "utf-8", RecordKind.Penalty, ["行政相对人名称"],
                    [new ChunkSpec(0, 2, 5000, 10, 1000), new ChunkSpec(1, 5002, 5000, 1000, 2000), new ChunkSpec(2, 10002, 10, 2000, 2010)], 10010, []),
                nameof(IngestChunk) => new IntakeCounts(5000, 4990, 0, 0, 10),
                _ => new IntakeSummary("results/x.csv.report.json", RecordKind.Penalty, new IntakeCounts(10010, 9980, 0, 0, 30), []),
            }, [])),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    static readonly UploadRef Upload = new("11110000000021135M", "x.csv", "\"0x1\"", new string('a', 64), 2010, "intake-1", "2025-03-03T02:00:00.0000000Z");

    static ITaskOrchestrator Remedy(string name) => name == "ObjectionHandling" ? new ObjectionHandling() : new RepairApplication();

    /// <summary>A case orchestrator changed without a new version: it reminds before it opens.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("DurableTask", "DURABLE2003", Justification = "The product's activity, defined in the functions assembly the analyzer does not look into.")]
    sealed class Changed : TaskOrchestrator<string, CaseEndReason?>
    {
        public override async Task<CaseEndReason?> RunAsync(TaskOrchestrationContext context, string caseId)
        {
            await context.CallActivityAsync<bool>(nameof(RemindCase), new CaseStep(caseId, 1));
            return await new JointCaseLifecycle().RunAsync(context, caseId);
        }
    }

    /// <summary>A kept history: the last episode's request (past and new events) and the response it gave, as protobuf JSON.</summary>
    static class Golden
    {
        public static string Write(OrchestratorRequest request, OrchestratorResponse response) =>
            $"{{\"request\":{new JsonFormatter(JsonFormatter.Settings.Default.WithIndentation()).Format(request)},\n\"response\":{new JsonFormatter(JsonFormatter.Settings.Default.WithIndentation()).Format(response)}}}\n";

        public static (OrchestratorRequest Request, OrchestratorResponse Response) Read(string text)
        {
            using var json = System.Text.Json.JsonDocument.Parse(text);
            return (JsonParser.Default.Parse<OrchestratorRequest>(json.RootElement.GetProperty("request").GetRawText()),
                JsonParser.Default.Parse<OrchestratorResponse>(json.RootElement.GetProperty("response").GetRawText()));
        }
    }
}
