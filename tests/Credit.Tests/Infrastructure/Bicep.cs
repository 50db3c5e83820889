using System.Diagnostics;
using System.Reflection;

namespace Credit.Tests.Infrastructure;

/// <summary>The Bicep CLI of the NuGet package Azure.Bicep.CommandLine.linux-x64 (path baked in at build).</summary>
public static class Bicep
{
    static readonly string Path = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;

    /// <summary>Runs bicep with the arguments; returns its exit code, standard output and diagnostics.</summary>
    public static async Task<(int ExitCode, string Output, string Diagnostics)> RunAsync(params string[] arguments)
    {
        // A package extracted without its execute bit (some NuGet clients) still runs.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path, File.GetUnixFileMode(Path) | UnixFileMode.UserExecute);
        }
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry and no update checks: CI has no network but the package registries.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var diagnostics = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await diagnostics);
    }
}
