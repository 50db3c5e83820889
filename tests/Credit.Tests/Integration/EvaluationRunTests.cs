using Azure.Data.Tables;
using Credit.Calendar;
using Credit.Commitments;
using Credit.Evaluation;
using Credit.Quarantine;
using Credit.Statistics;
using Credit.Storage;
using Credit.Testing;
using Credit.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Credit.Tests.Integration;

/// <summary>
/// The evaluation run on Azurite (issue 21, item 1): a write that changes a subject's items marks it, and the run
/// stores its evaluation and enters it in the department's population; a 容缺 commitment marks the day its score will
/// move; a poisoned subject is quarantined while the others are evaluated; a new model version is rebuilt.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class EvaluationRunTests(Azurite azurite)
{
    static readonly string Department = Rows.DepartmentCode(981);
    static readonly TimeProvider Clock = new ShiftedClock(new DateTimeOffset(2026, 3, 20, 4, 0, 0, TimeSpan.Zero));
    readonly StorageClients storage = StorageClients.FromConnectionString(azurite.ConnectionString);

    static Commitment Take(int company, string kind, string? due = null)
    {
        var draft = new CommitmentDraft(Rows.DepartmentCode(company), "北京评价运行测试有限公司", kind, $"评价许〔2026〕{company}号", "承诺", null, "2026-03-02",
            kind == "deficiency" ? ["消防验收意见书"] : null, due);
        var (commitment, errors) = new CommitmentValidator(Rows.SubjectKeys).Validate(Department, draft, new DateOnly(2026, 3, 2));
        Assert.True(commitment is not null, string.Join("; ", errors.Select(e => e.MessageEn)));
        return commitment;
    }

    [Fact]
    public async Task Changed_subjects_are_evaluated_once_each_a_poisoned_one_is_quarantined_and_a_new_model_is_rebuilt()
    {
        await storage.EnsureCreatedAsync();
        var commitments = new CommitmentStore(storage);
        var marks = new EvaluationMarks(storage);
        var evaluations = new EvaluationStore(storage);
        var models = new EvaluationModelStore(storage, Clock);
        var quarantine = new QuarantineStore(storage, new StatisticsLedger(storage), Clock);
        var run = new EvaluationRun(marks, evaluations, models, TestStorage.SubjectStandings(storage), quarantine, Clock, NullLogger<EvaluationRun>.Instance);
        await run.RunAsync(10_000, CancellationToken.None);

        // A broken commitment and an open 容缺 one due on 25 March: both subjects are marked by the writes themselves.
        var broken = Take(982, "notification");
        var open = Take(983, "deficiency", "2026-03-25");
        await commitments.TakeAsync(broken);
        await commitments.TakeAsync(open);
        await commitments.RecordOutcomeAsync(broken, CommitmentStatus.Breached, new DateOnly(2026, 3, 10), "提供虚假材料");

        // A subject whose commitment row cannot be read: it fails, the others are evaluated in the same run.
        var poisoned = Rows.DepartmentCode(984);
        await storage.Table(StorageNames.CommitmentsTable).UpsertEntityAsync(new TableEntity(poisoned, $"{poisoned}-c{new string('0', 24)}") { ["Json"] = "{not json" });
        await marks.MarkAsync(poisoned, Department, CancellationToken.None);

        try
        {
            await AssertRunsAsync();
        }
        finally
        {
            // The poisoned row would break every other reader of the shared table (the statistics rebuild reads it whole),
            // and its quarantine every test that counts what is quarantined.
            await storage.Table(StorageNames.CommitmentsTable).DeleteEntityAsync(poisoned, $"{poisoned}-c{new string('0', 24)}");
            await foreach (var row in storage.Table(StorageNames.QuarantineTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {EvaluationRun.Run}")))
            {
                await storage.Table(StorageNames.QuarantineTable).DeleteEntityAsync(row);
            }

            foreach (var mark in await marks.DueAsync(new DateOnly(2026, 3, 20), CancellationToken.None))
            {
                await marks.ClearAsync(mark, CancellationToken.None);
            }
        }

        async Task AssertRunsAsync()
        {
            var first = await run.RunAsync(10_000, CancellationToken.None);
            Assert.Equal((2, 1), (first.Evaluated, first.Failed));
            var evaluated = (await evaluations.GetAsync(broken.SubjectKey, CancellationToken.None))!;
            Assert.Equal((1, 65, "C", 1), (evaluated.ModelVersion, evaluated.Score, evaluated.Grade, evaluated.Factors));
            Assert.Equal((80, "B", 0), ((await evaluations.GetAsync(open.SubjectKey, CancellationToken.None))! is var b ? (b.Score, b.Grade, b.Factors) : default));
            Assert.Equivalent(new[] { broken.SubjectKey, open.SubjectKey, poisoned }, await marks.PopulationAsync(Department, CancellationToken.None));

            // Nothing changed since: the next runs evaluate only the poisoned subject again, until it is quarantined.
            Assert.Equal((0, 1), (await run.RunAsync(10_000, CancellationToken.None)) is var second ? (second.Evaluated, second.Failed) : default);
            await run.RunAsync(10_000, CancellationToken.None);
            Assert.Equal((0, 0), (await run.RunAsync(10_000, CancellationToken.None)) is var quiet ? (quiet.Evaluated, quiet.Failed) : default);
            Assert.Contains(await quarantine.ListAsync(CancellationToken.None), q => q.Item == poisoned && q.Run == EvaluationRun.Run);

            // The open 容缺 commitment's score moves on 26 March, when its items fall due: that day is marked.
            Assert.Contains(await marks.DueAsync(new DateOnly(2026, 3, 26), CancellationToken.None), m => m.Day == "2026-03-26" && m.SubjectKey == open.SubjectKey);
            Assert.DoesNotContain(await marks.DueAsync(new DateOnly(2026, 3, 25), CancellationToken.None), m => m.SubjectKey == open.SubjectKey);

            // A deployment of the first layout left a row under the subject's own partition: the rebuild takes it as older.
            var table = storage.Table(StorageNames.EvaluationsTable);
            await table.DeleteEntityAsync(SubjectBuckets.Of(open.SubjectKey), open.SubjectKey);
            await table.AddEntityAsync(new TableEntity(open.SubjectKey, "current") { ["Grade"] = "B", ["Score"] = 80, ["ModelVersion"] = 1, ["Factors"] = 0, ["EvaluatedAt"] = Clock.GetUtcNow() });

            // A new model version: the rebuild marks every subject evaluated under the older one, and the run evaluates them under it.
            await models.AdoptAsync(EvaluationModel.Default with { BrokenCommitment = 25 }, "office", CancellationToken.None);
            Assert.True(await run.RebuildAsync(CancellationToken.None) >= 2);
            await run.RunAsync(10_000, CancellationToken.None);
            var rebuilt = (await evaluations.GetAsync(broken.SubjectKey, CancellationToken.None))!;
            Assert.Equal((2, 55, "C"), (rebuilt.ModelVersion, rebuilt.Score, rebuilt.Grade));
            Assert.Equal(2, (await evaluations.GetAsync(open.SubjectKey, CancellationToken.None))!.ModelVersion);
            Assert.False((await table.GetEntityIfExistsAsync<TableEntity>(open.SubjectKey, "current")).HasValue);
            Assert.Equal(0, await run.RebuildAsync(CancellationToken.None));
        }
    }
}
