using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Credit.Storage;
using Credit.Tests.Support;

namespace Credit.Tests.Hostile;

/// <summary>
/// Every malformed input of <see cref="HostileCases"/> against the running product: the status it must get, a body
/// that names the problem in the product's error shape (code, English, Chinese), and nothing stored changed — no
/// entity or blob added, removed or rewritten.
/// </summary>
public sealed class HostileInputTests(QuietRuntimeFixture quiet) : IClassFixture<QuietRuntimeFixture>
{
    readonly RuntimeFixture fixture = quiet.Runtime;

    public static TheoryData<string> Cases() => [.. HostileCases.All.Select(c => c.Name)];

    [Fact]
    public void The_table_holds_at_least_150_distinct_cases() =>
        Assert.True(HostileCases.All.DistinctBy(c => c.Name).Count() == HostileCases.All.Count && HostileCases.All.Count >= 150, $"{HostileCases.All.Count} cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_malformed_input_is_refused_with_a_body_that_names_it_and_changes_nothing(string name)
    {
        var hostile = HostileCases.All.Single(c => c.Name == name);
        var key = hostile.Sender switch
        {
            Sender.Department => fixture.DepartmentKey,
            Sender.Supervisor => fixture.SupervisorKey,
            Sender.Subject => fixture.SubjectKey,
            _ => null,
        };
        using var api = fixture.Api(key);
        var before = await SnapshotAsync();

        using var request = new HttpRequestMessage(hostile.Method, new Uri(hostile.Path, UriKind.Relative));
        if (hostile.Body is { } body)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == hostile.Status, $"{name}: expected {hostile.Status}, got {(int)response.StatusCode} {text}");
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        var code = error.GetProperty("code").GetString();
        Assert.True(hostile.Code == "*" ? !string.IsNullOrEmpty(code) : code == hostile.Code, $"{name}: expected {hostile.Code}, got {text}");
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("messageZh").GetString()));
        Assert.Equal(before, await SnapshotAsync());
    }

    public static TheoryData<string> Files() => [.. HostileFiles.All.Keys];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_file_intake_cannot_read_is_refused_as_a_whole_and_stores_no_record(string name)
    {
        var (content, fileName, state, code) = HostileFiles.All[name];
        using var api = fixture.Api(fixture.DepartmentKey);
        var records = await CountAsync(StorageNames.RecordsTable);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await api.UploadAsync(Testing.Rows.Department, fileName, content)).StatusCode);
        var status = await api.WaitForUploadAsync(Testing.Rows.Department, fileName, TimeSpan.FromSeconds(60), content);
        Assert.Equal(state, status.GetProperty("state").GetString());
        var summary = status.GetProperty("summary");
        var named = state == "rejected"
            ? summary.GetProperty("fileErrors").EnumerateArray().Select(e => e.GetProperty("code").GetString()).ToList()
            : [.. (await api.Http.GetFromJsonAsync<JsonElement>(new Uri($"api/uploads/{Testing.Rows.Department}/{fileName}/report", UriKind.Relative)))
                .GetProperty("warnings").EnumerateArray().Select(w => w.GetString())];
        Assert.Contains(named, n => n!.Contains(code, StringComparison.Ordinal));
        Assert.Equal(records, await CountAsync(StorageNames.RecordsTable));
    }

    async Task<int> CountAsync(string table)
    {
        var n = 0;
        await foreach (var _ in fixture.Storage.Table(table).QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey"]))
        {
            n++;
        }

        return n;
    }

    /// <summary>Every entity (key and version) of every product table and every blob (name and version) of every container.</summary>
    async Task<string> SnapshotAsync()
    {
        var state = new System.Text.StringBuilder();
        foreach (var table in StorageNames.Tables)
        {
            await foreach (var entity in fixture.Storage.Table(table).QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey", "RowKey"]))
            {
                state.Append(table).Append('|').Append(entity.PartitionKey).Append('|').Append(entity.RowKey).Append('|').Append(entity.ETag).Append('\n');
            }
        }

        foreach (var container in StorageNames.Containers)
        {
            await foreach (var blob in fixture.Storage.Container(container).GetBlobsAsync())
            {
                state.Append(container).Append('|').Append(blob.Name).Append('|').Append(blob.Properties.ETag).Append('\n');
            }
        }

        return state.ToString();
    }
}
