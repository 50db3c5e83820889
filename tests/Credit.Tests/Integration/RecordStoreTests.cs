using Azure.Data.Tables;
using Credit.Records;
using Credit.Storage;
using Credit.Testing;
using Credit.Tests.Support;

namespace Credit.Tests.Integration;

[Collection(AzuriteGroup.Name)]
public sealed class RecordStoreTests(Azurite azurite) : IAsyncLifetime
{
    readonly StorageClients storage = StorageClients.FromConnectionString(azurite.ConnectionString);
    RecordStore store = null!;

    public async Task InitializeAsync()
    {
        await storage.EnsureCreatedAsync();
        store = TestStorage.Records(storage, TimeProvider.System);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    static List<DisclosureRecord> Records(string department, int count, string fine = "2.5") =>
        [.. Enumerable.Range(1, count).Select(i =>
        {
            var row = Rows.Penalty($"京罚〔2024〕{i}号", department: department);
            row["罚款金额(万元)"] = fine;
            return Rows.Record(row, department, new DateOnly(2025, 1, 1), i + 1);
        })];

    [Fact]
    public async Task New_records_go_in_by_batches_across_partitions()
    {
        var department = Rows.DepartmentCode(101);
        var records = Records(department, 450);
        Assert.True(records.Select(r => r.Key.PartitionKey).Distinct().Count() > 8, "records should spread over the department's partitions");
        var saved = await store.SaveAsync(records, "upload-1", CancellationToken.None);
        Assert.Equal(new SaveCounts(450, 0, 0), saved.Counts);
        Assert.Equal(450, saved.Changed.Count);
        Assert.Equal(450, await RecordCounts.ForDepartmentAsync(storage, department));
    }

    [Fact]
    public async Task Saving_again_changes_nothing_and_a_replay_of_the_same_upload_counts_as_created()
    {
        var department = Rows.DepartmentCode(102);
        var records = Records(department, 120);
        await store.SaveAsync(records, "upload-a", CancellationToken.None);
        Assert.Equal(new SaveCounts(120, 0, 0), (await store.SaveAsync(records, "upload-a", CancellationToken.None)).Counts);
        var again = await store.SaveAsync(records, "upload-b", CancellationToken.None);
        Assert.Equal(new SaveCounts(0, 0, 120), again.Counts);
        Assert.Empty(again.Changed);
        Assert.Equal(120, await RecordCounts.ForDepartmentAsync(storage, department));
    }

    [Fact]
    public async Task A_changed_record_is_updated_and_its_previous_version_kept()
    {
        var department = Rows.DepartmentCode(103);
        var original = Records(department, 3);
        await store.SaveAsync(original, "upload-1", CancellationToken.None);
        var changed = Records(department, 3, fine: "9");
        var saved = await store.SaveAsync(changed, "upload-2", CancellationToken.None);
        Assert.Equal(new SaveCounts(0, 3, 0), saved.Counts);
        Assert.Equal(3, saved.Changed.Count);

        var stored = await store.GetAsync(changed[0].Key, CancellationToken.None);
        Assert.Equal(("9", 2), (stored!.GetString("CF_NR_FK"), stored.GetInt32("Version")));
        var previous = await storage.Table(StorageNames.RecordVersionsTable).GetEntityAsync<TableEntity>(changed[0].Key.Id, "000001");
        Assert.Equal("2.5", previous.Value.GetString("CF_NR_FK"));
        Assert.Equal(3, await RecordCounts.ForDepartmentAsync(storage, department));
    }
}
