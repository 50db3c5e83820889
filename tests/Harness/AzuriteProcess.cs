using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Credit.Testing;

/// <summary>
/// An Azurite of the tests' (or the benchmark's) own on loopback ports, started from the repository's node_modules
/// (npm ci installs it) and stopped with the test run.
/// </summary>
public sealed partial class AzuriteProcess : IAsyncDisposable
{
    Process? process;

    readonly System.Text.StringBuilder errors = new();

    /// <summary>The processor time Azurite has used so far (user and system).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            var running = process ?? throw new InvalidOperationException("Azurite is not started");
            running.Refresh();
            return running.TotalProcessorTime;
        }
    }

    public int BlobPort { get; private set; }
    public int QueuePort { get; private set; }
    public int TablePort { get; private set; }

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <summary>
    /// Starts Azurite on ports the kernel chooses (port 0) and learns them from the lines Azurite prints once each
    /// service listens. A port found free beforehand could be taken by another process (or by a probe connecting to
    /// itself) before Azurite binds it, and Azurite then exits under a test that thought it was serving.
    /// </summary>
    public async Task StartAsync()
    {
        var script = Path.Combine(Repository.Root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ({script} is missing): run `npm ci` in {Repository.Root}, as scripts/test.sh does.");
        }

        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                script, "--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--disableProductStyleUrl",
                "--blobHost", "127.0.0.1", "--blobPort", "0",
                "--queueHost", "127.0.0.1", "--queuePort", "0",
                "--tableHost", "127.0.0.1", "--tablePort", "0",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var listening = new Dictionary<string, int>();
        var allListening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && Listening().Match(line) is { Success: true } match)
            {
                lock (listening)
                {
                    listening[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
                    if (listening.Count == 3)
                    {
                        allListening.TrySetResult();
                    }
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(allListening.Task, exited, Task.Delay(TimeSpan.FromSeconds(30)));
        if (first != allListening.Task)
        {
            var why = first == exited ? $"exited with {process.ExitCode}" : "did not listen within 30 s";
            string printed;
            lock (errors)
            {
                printed = errors.ToString();
            }

            throw new InvalidOperationException($"Azurite {why}:\n{printed}");
        }

        (BlobPort, QueuePort, TablePort) = (listening["Blob"], listening["Queue"], listening["Table"]);
    }

    public ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process?.Dispose();
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex Listening();
}
