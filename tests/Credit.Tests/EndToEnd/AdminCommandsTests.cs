using System.Diagnostics;
using Credit.Testing;

namespace Credit.Tests.EndToEnd;

/// <summary>The admin command as an operator runs it: the runtime's dll with a command, against Azurite.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class AdminCommandsTests : IAsyncLifetime
{
    const string Code = "11110000000021135M";
    readonly AzuriteProcess azurite = new();

    public Task InitializeAsync() => azurite.StartAsync();

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    [Fact]
    public async Task Help_lists_every_command()
    {
        var (exit, output, _) = await RunAsync(azurite.ConnectionString, "--help");
        Assert.Equal(0, exit);
        Assert.All(["department", "supervisor", "subject", "calendar"], c => Assert.Contains(c, output, StringComparison.Ordinal));
        var (_, departmentHelp, _) = await RunAsync(azurite.ConnectionString, "department", "--help");
        Assert.All(["list", "add", "revoke-keys"], c => Assert.Contains(c, departmentHelp, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_department_is_added_once_renamed_only_when_asked_listed_and_its_keys_revoked()
    {
        var (added, addOutput, _) = await RunAsync(azurite.ConnectionString, "department", "add", "--code", Code, "--name", "北京市市场监督管理局");
        Assert.Equal(0, added);
        Assert.Contains("API key (shown once", addOutput, StringComparison.Ordinal);

        var (again, _, refused) = await RunAsync(azurite.ConnectionString, "department", "add", "--code", Code, "--name", "另一个名称");
        Assert.Equal(2, again);
        Assert.Contains($"Department {Code} is already registered as 北京市市场监督管理局: add --rename", refused, StringComparison.Ordinal);

        var (renamed, _, _) = await RunAsync(azurite.ConnectionString, "department", "add", "--code", Code, "--name", "北京市市场监管局", "--rename");
        Assert.Equal(0, renamed);
        var (_, list, _) = await RunAsync(azurite.ConnectionString, "department", "list");
        Assert.Contains($"{Code}  北京市市场监管局", list, StringComparison.Ordinal);
        Assert.Contains("1 department(s).", list, StringComparison.Ordinal);

        var (revoked, revokeOutput, _) = await RunAsync(azurite.ConnectionString, "department", "revoke-keys", "--code", Code);
        Assert.Equal((0, true), (revoked, revokeOutput.Contains("Revoked 1 API key(s)", StringComparison.Ordinal)));
        var (unknown, _, unknownError) = await RunAsync(azurite.ConnectionString, "department", "revoke-keys", "--code", "11110000000000702F");
        Assert.Equal(2, unknown);
        Assert.Contains("No department 11110000000000702F is registered", unknownError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_option_and_unreachable_storage_are_each_one_clear_line()
    {
        var (missing, _, missingError) = await RunAsync(azurite.ConnectionString, "department", "add", "--code", Code);
        Assert.NotEqual(0, missing);
        Assert.Contains("--name", missingError, StringComparison.Ordinal);

        var closed = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:{FreePort.Next()}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{FreePort.Next()}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{FreePort.Next()}/devstoreaccount1;";
        var (exit, _, error) = await RunAsync(closed, "department", "list");
        Assert.Equal(2, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Storage cannot be reached at http://127.0.0.1:", line, StringComparison.Ordinal);
    }

    static async Task<(int ExitCode, string Output, string Error)> RunAsync(string storage, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Repository.LocalRuntimeDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["AzureWebJobsStorage"] = storage;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
