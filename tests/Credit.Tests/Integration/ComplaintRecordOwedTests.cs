using Credit.Calendar;
using Credit.GovernmentIntegrity;
using Credit.Remedies;
using Credit.Statistics;
using Credit.Storage;
using Credit.Testing;
using Credit.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Credit.Tests.Integration;

/// <summary>
/// An upheld complaint of a government's breach owes the body's 政务失信 record (issue 20, item 3): when the process
/// stops after the decision is stored and before the record is made, the next deadline run makes it, once; a rejected
/// complaint owes nothing.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class ComplaintRecordOwedTests(Azurite azurite)
{
    static readonly string Body = Rows.DepartmentCode(781);
    static readonly TimeProvider Clock = new ShiftedClock(new DateTimeOffset(2026, 3, 20, 4, 0, 0, TimeSpan.Zero));
    readonly StorageClients storage = StorageClients.FromConnectionString(azurite.ConnectionString);

    static GovernmentComplaint Decided(string id, ComplaintFinding finding) => new(
        id, "subject:owed", "北京欠记录示例有限公司", Body, "北京市示例区欠记录委员会", ComplaintKind.BreachOfContract, "合同约定的补贴未兑现", "京示补〔2025〕3号",
        new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero), new DateOnly(2026, 3, 19), new DateOnly(2026, 3, 23), [],
        ComplaintState.Decided, finding, "经核查", new DateTimeOffset(2026, 3, 18, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task The_deadline_run_makes_the_record_an_upheld_complaint_still_owes_once_and_nothing_for_a_rejected_one()
    {
        await storage.EnsureCreatedAsync();
        var complaints = new GovernmentComplaintStore(storage);
        var records = new GovernmentRecordStore(storage, TestStorage.DataKeys(storage));
        var ledger = new StatisticsLedger(storage);
        var desk = new GovernmentComplaintDesk(complaints, new GovernmentRecordDesk(records, Rows.SubjectKeys, new AuditLog(storage), ledger, Clock), new AuditLog(storage), ledger,
            storage, WorkingDayCalendar.LoadEmbedded(), Options.Create(new GovernmentComplaintOptions()), Clock, NullLogger<GovernmentComplaintDesk>.Instance);

        // Stored as the decision stores them, as if the process had stopped right after.
        var upheld = Decided("GC" + new string('e', 24), ComplaintFinding.Upheld);
        var rejected = Decided("GC" + new string('f', 24), ComplaintFinding.Rejected);
        Assert.True(await complaints.AddAsync(upheld, CancellationToken.None));
        Assert.True(await complaints.AddAsync(rejected, CancellationToken.None));
        Assert.Empty(await records.PublicOfBodyAsync(Body, CancellationToken.None));

        var first = await desk.RunDeadlinesAsync(CancellationToken.None);
        Assert.Equal(1, first.Recorded);
        var record = Assert.Single(await records.PublicOfBodyAsync(Body, CancellationToken.None));
        Assert.Equal((upheld.Id, GovernmentRecordSource.Breach, "京示补〔2025〕3号"), (record.ComplaintId, record.Source, record.Document));
        Assert.NotNull((await complaints.GetAsync(upheld.Id, CancellationToken.None))!.Value.Complaint.RecordMadeAt);
        Assert.Null((await complaints.GetAsync(rejected.Id, CancellationToken.None))!.Value.Complaint.RecordMadeAt);

        // Nothing is owed any more: the next run makes no second record.
        Assert.Equal(0, (await desk.RunDeadlinesAsync(CancellationToken.None)).Recorded);
        Assert.Single(await records.PublicOfBodyAsync(Body, CancellationToken.None));
        Assert.Contains(StatisticKinds.GovernmentRecord, (await ledger.ReadAsync("2026-03", Body, CancellationToken.None)).Select(e => e.Kind));
    }
}
