using Azure.Data.Tables;
using Credit.Storage;
using Credit.Testing;
using Credit.Tests.Support;

namespace Credit.Tests.EndToEnd;

/// <summary>Blob receipts live in storage: a file that arrives while the runtime is down is ingested at the next start, and one handled before is not handled again.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class BlobTriggerRestartTests(Azurite azurite)
{
    static readonly string Department = Rows.DepartmentCode(501);

    [Fact]
    public async Task A_restart_neither_loses_nor_repeats_a_blob()
    {
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        var key = await TestStorage.RegisterDepartmentAsync(storage, Department, "重启测试局");
        var uploads = storage.Container(StorageNames.UploadsContainer);
        var file = System.Text.Encoding.UTF8.GetBytes(Rows.Csv([Rows.Penalty("重启罚〔2024〕1号", department: Department)]));
        var port = FreePort.Next();

        DateTimeOffset? firstReceived;
        await using (var runtime = await RuntimeProcess.StartAsync(azurite.ConnectionString, "RestartHub", port))
        {
            await uploads.GetBlobClient($"{Department}/before.csv").UploadAsync(BinaryData.FromBytes(file), overwrite: true);
            using var api = new ProductApi(runtime.BaseAddress, key);
            await api.WaitForUploadAsync(Department, "before.csv", TimeSpan.FromSeconds(60));
            firstReceived = await ReceivedAtAsync(storage, "before.csv");
            runtime.KillHard();
        }

        var second = System.Text.Encoding.UTF8.GetBytes(Rows.Csv([Rows.Penalty("重启罚〔2024〕2号", department: Department)]));
        await uploads.GetBlobClient($"{Department}/while-down.csv").UploadAsync(BinaryData.FromBytes(second), overwrite: true);

        await using (var restarted = await RuntimeProcess.StartAsync(azurite.ConnectionString, "RestartHub", port))
        {
            using var api = new ProductApi(restarted.BaseAddress, key);
            var status = await api.WaitForUploadAsync(Department, "while-down.csv", TimeSpan.FromSeconds(60));
            Assert.Equal(1, status.GetProperty("summary").GetProperty("counts").GetProperty("accepted").GetInt32());
        }

        Assert.Equal(firstReceived, await ReceivedAtAsync(storage, "before.csv"));
        Assert.Equal(2, await RecordCounts.ForDepartmentAsync(storage, Department));
    }

    static async Task<DateTimeOffset?> ReceivedAtAsync(StorageClients storage, string name) =>
        (await storage.Table(StorageNames.UploadsTable).GetEntityAsync<TableEntity>(Department, TableKeys.Escape(name))).Value.GetDateTimeOffset("ReceivedAt");
}
