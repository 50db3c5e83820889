using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Credit.Testing;
using Credit.Tests.Support;

namespace Credit.Tests.EndToEnd;

/// <summary>
/// What an operator meets: the health endpoint, a year's holidays added without a redeploy, and a start that
/// stops with one clear line (unresolved Key Vault reference, port in use). A runtime on an Azurite of its own:
/// an added year is in force for every runtime on that storage.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class OperabilityTests : IAsyncLifetime
{
    readonly Azurite azurite = new();
    RuntimeFixture fixture = null!;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        fixture = new RuntimeFixture(azurite);
        await fixture.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await fixture.DisposeAsync();
        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task Health_names_each_check_and_tells_no_secret()
    {
        using var anyone = fixture.Api(null);
        using var response = await anyone.Http.GetAsync(new Uri("api/health", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(text);
        var checks = body.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal(["storage", "taskHub", "personalDataKey", "holidays", "quarantine", "deadLetters"], checks.Keys);
        Assert.Equal("ok", checks["deadLetters"]);
        Assert.All(["storage", "taskHub", "personalDataKey"], name => Assert.Equal("ok", checks[name]));
        Assert.Contains(checks["holidays"], new[] { "ok", "warning" });
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.DoesNotContain("bG9jYWwtZGV2ZWxvcG1lbnQta2V5", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_supervisor_adds_a_years_arrangement_and_the_next_deadline_uses_it()
    {
        using var supervisor = fixture.Api(fixture.SupervisorKey);
        using var department = fixture.Api(fixture.DepartmentKey);
        const string Deadline = "api/calendar/deadline?from=2026-12-28&workingDays=7";

        var before = (await supervisor.GetJsonAsync(Deadline)).Body;
        Assert.True(before.GetProperty("estimated").GetBoolean());
        Assert.Equal("2027-01-06", before.GetProperty("deadline").GetString());

        var invalid = new
        {
            notices = new[] { "https://www.gov.cn/example" },
            offDays = new Dictionary<string, string> { ["2027-01-01"] = "元旦", ["2027-02-30"] = "春节", ["2026-10-01"] = "国庆节", ["2027-02-06"] = "春节" },
            makeupWorkdays = new Dictionary<string, string> { ["2027-02-06"] = "春节", ["2027-13-01"] = "春节" },
        };
        using (var refused = await supervisor.Http.PutAsJsonAsync(new Uri("api/calendar/years/2027", UriKind.Relative), invalid))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
            Assert.Contains(errors, e => e.Contains("2027-02-30", StringComparison.Ordinal) && e.Contains("not a date", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.Contains("2026-10-01", StringComparison.Ordinal) && e.Contains("not in 2027", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.Contains("2027-02-06", StringComparison.Ordinal) && e.Contains("both an off day and a makeup working day", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.Contains("makeupWorkdays '2027-13-01'", StringComparison.Ordinal));
        }

        var arrangement = new
        {
            notices = new[] { "https://www.gov.cn/example-2027" },
            offDays = new Dictionary<string, string> { ["2027-01-01"] = "元旦", ["2027-01-04"] = "元旦" },
            makeupWorkdays = new Dictionary<string, string> { ["2027-01-09"] = "元旦" },
        };
        using (var forbidden = await department.Http.PutAsJsonAsync(new Uri("api/calendar/years/2027", UriKind.Relative), arrangement))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        using (var saved = await supervisor.Http.PutAsJsonAsync(new Uri("api/calendar/years/2027", UriKind.Relative), arrangement))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        // 12-29, 12-30, 12-31, then 01-01 and 01-04 off: 01-05, 01-06, 01-07, 01-08.
        var after = (await supervisor.GetJsonAsync(Deadline)).Body;
        Assert.False(after.GetProperty("estimated").GetBoolean());
        Assert.Equal("2027-01-08", after.GetProperty("deadline").GetString());
        var stored = await fixture.Storage.Container("config").GetBlobClient("holidays/2027.json").DownloadContentAsync();
        Assert.Contains("2027-01-04", stored.Value.Content.ToString(), StringComparison.Ordinal);

        var estimates = await supervisor.GetJsonAsync("api/calendar/estimates");
        Assert.Equal(HttpStatusCode.OK, estimates.Status);
        Assert.Equal(0, estimates.Body.GetProperty("count").GetInt32());
        Assert.Contains(2027, estimates.Body.GetProperty("loadedYears").EnumerateArray().Select(y => y.GetInt32()));
        Assert.Equal(HttpStatusCode.Forbidden, (await department.GetJsonAsync("api/calendar/estimates")).Status);
    }

    [Fact]
    public async Task An_unresolved_Key_Vault_reference_stops_the_start_with_one_line_naming_the_setting()
    {
        var settings = new Dictionary<string, string> { ["Credit__PersonalDataKey"] = "@Microsoft.KeyVault(SecretUri=https://kv-credit.vault.azure.net/secrets/personal-data-key/)" };
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RuntimeProcess.StartAsync(azurite.ConnectionString, "VaultHub", FreePort.Next(), settings));
        Assert.Contains("The setting Credit__PersonalDataKey is an unresolved Key Vault reference", error.Message, StringComparison.Ordinal);
        Assert.Contains("exited with 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_runtime_whose_port_is_taken_stops_before_taking_any_work()
    {
        var port = FreePort.Next();
        using var taken = new TcpListener(IPAddress.Loopback, port);
        taken.Start();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RuntimeProcess.StartAsync(azurite.ConnectionString, "PortHub", port));
        Assert.Contains($"Port {port} is in use", error.Message, StringComparison.Ordinal);
        Assert.Contains("Runtime__Port", error.Message, StringComparison.Ordinal);
    }
}
