using Credit.Intake;
using Credit.Orchestrations.Intake;
using Credit.Records;

namespace Credit.Tests.Unit.Orchestrators;

/// <summary>IngestFile with a mocked context: plan, chunks (two in flight), cases of a list file, report.</summary>
public sealed class IngestFileTests
{
    static readonly UploadRef Upload = new("11110000000021135M", "x.csv", "\"0x1\"", new string('a', 64), 2010, "intake-1", "2025-03-03T02:00:00.0000000Z");

    static readonly ChunkSpec[] Chunks = [new(0, 2, 5000, 10, 1000), new(1, 5002, 5000, 1000, 2000), new(2, 10002, 10, 2000, 2010)];

    static FakeOrchestration Ingest(IntakePlan plan) => new FakeOrchestration("3", (name, input) => name switch
    {
        nameof(PlanIntake) => plan,
        nameof(IngestChunk) => new IntakeCounts(((ChunkRequest)input!).Chunk.Rows, ((ChunkRequest)input).Chunk.Rows - 1, 0, 0, 1),
        IngestFile.StartUploadedCases => 3,
        _ => new IntakeSummary("results/x.csv.report.json", plan.Kind, ((ReportRequest)input!).Counts, plan.FileErrors),
    }).Returns<IntakePlan>().Returns<IntakeCounts>().Returns<int>().Returns<IntakeSummary>();

    [Fact]
    public async Task Every_chunk_is_ingested_and_the_report_adds_up_their_counts()
    {
        var fake = Ingest(new IntakePlan(FileFormat.Csv, "utf-8", RecordKind.Penalty, ["行政相对人名称"], Chunks, 10010, []));

        var summary = await new IngestFile().RunAsync(fake.Context.Object, Upload);

        Assert.Equal([nameof(PlanIntake), nameof(IngestChunk), nameof(IngestChunk), nameof(IngestChunk), nameof(WriteIntakeReport)], fake.Names);
        Assert.Equal(Chunks, fake.Calls.Where(c => c.Name == nameof(IngestChunk)).Select(c => ((ChunkRequest)c.Input!).Chunk).OrderBy(c => c.Index).ToArray());
        Assert.Equal(new IntakeCounts(10010, 10007, 0, 0, 3), summary.Counts);
        var report = (ReportRequest)fake.Calls[^1].Input!;
        Assert.Equal(new DateTimeOffset(2025, 3, 3, 2, 0, 0, TimeSpan.Zero), report.StartedAt);
    }

    [Fact]
    public async Task A_list_file_starts_the_cases_of_its_entries_before_the_report()
    {
        var fake = Ingest(new IntakePlan(FileFormat.Csv, "utf-8", RecordKind.ListEntry, ["名单类型"], Chunks[..2], 10000, []));

        await new IngestFile().RunAsync(fake.Context.Object, Upload);

        Assert.Equal([nameof(PlanIntake), nameof(IngestChunk), nameof(IngestChunk), IngestFile.StartUploadedCases, nameof(WriteIntakeReport)], fake.Names);
        Assert.Equal(new UploadedCases(Upload, 2), fake.Calls[3].Input);
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_goes_straight_to_its_report_with_the_reason()
    {
        RowError unreadable = new(0, null, null, "ENCODING", "文件既非UTF-8也非GB18030编码", "the file is neither UTF-8 nor GB18030");
        var fake = Ingest(new IntakePlan(FileFormat.Csv, "utf-8", null, [], [], 0, [unreadable]));

        var summary = await new IngestFile().RunAsync(fake.Context.Object, Upload);

        Assert.Equal([nameof(PlanIntake), nameof(WriteIntakeReport)], fake.Names);
        Assert.Equal([unreadable], summary.FileErrors);
        Assert.Equal(IntakeCounts.Zero, summary.Counts);
    }
}
