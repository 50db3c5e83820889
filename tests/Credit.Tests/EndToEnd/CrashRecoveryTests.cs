using System.Text;
using System.Text.Json;
using Credit.Storage;
using Credit.Testing;
using Credit.Tests.Support;

namespace Credit.Tests.EndToEnd;

/// <summary>kill -9 of the runtime in the middle of a 50,000-row file; after a restart the file completes with every record exactly once.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class CrashRecoveryTests(Azurite azurite)
{
    const int RowCount = 50_000;
    static readonly string Department = Rows.DepartmentCode(301);

    [Fact]
    public async Task A_killed_runtime_resumes_the_file_without_losing_or_repeating_a_record()
    {
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        var key = await TestStorage.RegisterDepartmentAsync(storage, Department, "广州测试局");
        var port = FreePort.Next();
        var settings = new Dictionary<string, string> { ["Intake__ChunkRows"] = "2000" };

        var runtime = await RuntimeProcess.StartAsync(azurite.ConnectionString, "CrashHub", port, settings);
        try
        {
            using var api = new ProductApi(runtime.BaseAddress, key);
            await api.UploadAsync(Department, "big.csv", Encoding.UTF8.GetBytes(LargeFile()));
            await WaitForChunksDoneAsync(api, atLeast: 3);
            runtime.KillHard();
            var stored = await RecordCounts.ForDepartmentAsync(storage, Department);
            Assert.InRange(stored, 1, RowCount - 1);

            await using var restarted = await RuntimeProcess.StartAsync(azurite.ConnectionString, "CrashHub", port, settings);
            using var again = new ProductApi(restarted.BaseAddress, key);
            var status = await again.WaitForUploadAsync(Department, "big.csv", TimeSpan.FromMinutes(5));
            Assert.Equal("completed", status.GetProperty("state").GetString());
            var counts = status.GetProperty("summary").GetProperty("counts");
            Assert.Equal(RowCount, counts.GetProperty("received").GetInt32());
            Assert.Equal(RowCount, counts.GetProperty("accepted").GetInt32());
            Assert.Equal(0, counts.GetProperty("rejected").GetInt32());
            Assert.Equal(RowCount, await RecordCounts.ForDepartmentAsync(storage, Department));
        }
        finally
        {
            await runtime.DisposeAsync();
        }
    }

    static async Task WaitForChunksDoneAsync(ProductApi api, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await api.Http.GetAsync(new Uri($"api/uploads/{Department}/big.csv", UriKind.Relative));
            if (response.IsSuccessStatusCode)
            {
                var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                if (status.GetProperty("progress") is { ValueKind: JsonValueKind.Object } progress && progress.GetProperty("chunksDone").GetInt32() >= atLeast)
                {
                    return;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the file made no progress");
    }

    static string LargeFile()
    {
        var rows = Enumerable.Range(1, RowCount).Select(i =>
        {
            return (IReadOnlyDictionary<string, string>)Rows.Penalty($"粤罚〔2024〕{i}号", department: Department);
        });
        return Rows.Csv(rows);
    }
}
