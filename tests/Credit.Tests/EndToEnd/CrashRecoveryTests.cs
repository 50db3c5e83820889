using System.Text;
using System.Text.Json;
using Credit.Storage;
using Credit.Testing;
using Credit.Tests.Support;

namespace Credit.Tests.EndToEnd;

/// <summary>
/// A file that nothing loses: kill -9 of the runtime in the middle of a 50,000-row file, the same bytes sent again
/// while it is ingested (a client retrying), an ingestion that failed and is retried. Each ends with every record
/// exactly once.
/// </summary>
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
            await api.UploadAsync(Department, "big.csv", Encoding.UTF8.GetBytes(File(Department, RowCount)));
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

    [Fact]
    public async Task The_same_bytes_sent_again_while_the_file_is_ingested_lose_nothing()
    {
        var department = Rows.DepartmentCode(303);
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        var key = await TestStorage.RegisterDepartmentAsync(storage, department, "重传测试局");
        var content = Encoding.UTF8.GetBytes(File(department, 20_000));
        await using var runtime = await RuntimeProcess.StartAsync(azurite.ConnectionString, "ResendHub", FreePort.Next(), new Dictionary<string, string> { ["Intake__ChunkRows"] = "2000" });
        using var api = new ProductApi(runtime.BaseAddress, key);

        await api.UploadAsync(department, "resent.csv", content);
        await WaitForChunksDoneAsync(api, department, "resent.csv", atLeast: 1);
        using (var resent = await api.UploadAsync(department, "resent.csv", content))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, resent.StatusCode);
        }

        var status = await api.WaitForUploadAsync(department, "resent.csv", TimeSpan.FromMinutes(3));
        Assert.Equal("completed", status.GetProperty("state").GetString());
        Assert.Equal(20_000, status.GetProperty("summary").GetProperty("counts").GetProperty("accepted").GetInt32());
        Assert.Equal(20_000, await RecordCounts.ForDepartmentAsync(storage, department));
        Assert.Equal(["resent.csv"], await StoredVersionsAsync(storage, department));
    }

    [Fact]
    public async Task A_failed_ingestion_is_ingested_again_on_retry_and_a_completed_one_is_not()
    {
        var department = Rows.DepartmentCode(304);
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        var key = await TestStorage.RegisterDepartmentAsync(storage, department, "重试测试局");
        await using var runtime = await RuntimeProcess.StartAsync(azurite.ConnectionString, "RetryHub", FreePort.Next(), new Dictionary<string, string> { ["Intake__ChunkRows"] = "2000" });
        using var api = new ProductApi(runtime.BaseAddress, key);
        var uploads = storage.Container(StorageNames.UploadsContainer);

        // The ingestion fails for good: once it is under way, the snapshots of the file are deleted under it (as an
        // operator's cleanup might), so the chunks still to come cannot be read.
        await api.UploadAsync(department, "failing.csv", Encoding.UTF8.GetBytes(File(department, 20_000)));
        await WaitForChunksDoneAsync(api, department, "failing.csv", atLeast: 1);
        await foreach (var blob in uploads.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.Snapshots, $"{department}/failing.csv", CancellationToken.None))
        {
            if (blob.Snapshot is { } snapshot)
            {
                await uploads.GetBlobClient(blob.Name).WithSnapshot(snapshot).DeleteIfExistsAsync();
            }
        }

        var failed = await api.WaitForUploadAsync(department, "failing.csv", TimeSpan.FromMinutes(2));
        Assert.Equal("failed", failed.GetProperty("state").GetString());

        var (retried, retryBody) = await api.PostJsonAsync($"api/uploads/{department}/failing.csv/retry", new { });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, retried);
        Assert.Equal("queued", retryBody.GetProperty("state").GetString());
        var completed = await api.WaitForUploadAsync(department, "failing.csv", TimeSpan.FromMinutes(2));
        Assert.Equal("completed", completed.GetProperty("state").GetString());
        Assert.Equal(20_000, await RecordCounts.ForDepartmentAsync(storage, department));

        var (again, againBody) = await api.PostJsonAsync($"api/uploads/{department}/failing.csv/retry", new { });
        Assert.Equal(System.Net.HttpStatusCode.OK, again);
        Assert.Equal("completed", againBody.GetProperty("state").GetString());
        Assert.Equal(completed.GetProperty("summary").ToString(), (await api.WaitForUploadAsync(department, "failing.csv", TimeSpan.FromSeconds(30))).GetProperty("summary").ToString());
        Assert.Equal(["failing.csv"], await StoredVersionsAsync(storage, department));

        var (missing, missingBody) = await api.PostJsonAsync($"api/uploads/{department}/never-sent.csv/retry", new { });
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing);
        Assert.Equal("UPLOAD_NOT_FOUND", missingBody.GetProperty("error").GetProperty("code").GetString());
    }

    /// <summary>The department's stored blobs and snapshots: once a file is ingested, only the file itself.</summary>
    static async Task<List<string>> StoredVersionsAsync(StorageClients storage, string department)
    {
        var names = new List<string>();
        await foreach (var blob in storage.Container(StorageNames.UploadsContainer).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.Snapshots, department + "/", CancellationToken.None))
        {
            names.Add(blob.Snapshot is null ? blob.Name[(department.Length + 1)..] : $"{blob.Name[(department.Length + 1)..]}@snapshot");
        }

        return names;
    }

    static Task WaitForChunksDoneAsync(ProductApi api, int atLeast) => WaitForChunksDoneAsync(api, Department, "big.csv", atLeast);

    static async Task WaitForChunksDoneAsync(ProductApi api, string department, string name, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await api.Http.GetAsync(new Uri($"api/uploads/{department}/{name}", UriKind.Relative));
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

    static string File(string department, int rows) =>
        Rows.Csv(Enumerable.Range(1, rows).Select(i => (IReadOnlyDictionary<string, string>)Rows.Penalty($"京重罚〔2024〕{i}号", department: department)));
}
