using System.Net.Http.Headers;
using System.Text.Json;
using Credit.Storage;
using Credit.Tests.Support;

namespace Credit.Tests.Hostile;

/// <summary>
/// Every malformed input of <see cref="HostileCases"/> against the running product: the status it must get, a body
/// that names the problem in the product's error shape (code, English, Chinese), and nothing stored changed — no
/// table gained or lost an entity, no container a blob.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class HostileInputTests(RuntimeFixture fixture) : IClassFixture<RuntimeFixture>
{
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

    /// <summary>Entities per product table and blobs per container.</summary>
    async Task<string> SnapshotAsync()
    {
        var counts = new List<string>();
        foreach (var table in StorageNames.Tables)
        {
            var n = 0;
            await foreach (var _ in fixture.Storage.Table(table).QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey"]))
            {
                n++;
            }

            counts.Add($"{table}={n}");
        }

        foreach (var container in StorageNames.Containers)
        {
            var n = 0;
            await foreach (var _ in fixture.Storage.Container(container).GetBlobsAsync())
            {
                n++;
            }

            counts.Add($"{container}={n}");
        }

        return string.Join(' ', counts);
    }
}
