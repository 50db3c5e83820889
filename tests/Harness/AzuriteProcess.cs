using System.Diagnostics;
using System.Net.Sockets;

namespace Credit.Testing;

/// <summary>
/// An Azurite of the tests' (or the benchmark's) own on free loopback ports, started from the repository's node_modules
/// (npm ci installs it) and stopped with the test run.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    Process? process;

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

    /// <summary>How often a start is tried on fresh ports when another process took one of them first.</summary>
    const int Attempts = 3;

    readonly System.Text.StringBuilder errors = new();

    public int BlobPort { get; private set; } = FreePort.Next();
    public int QueuePort { get; private set; } = FreePort.Next();
    public int TablePort { get; private set; } = FreePort.Next();

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <summary>
    /// Starts Azurite and waits until its three ports answer. A free port can be taken by another process between
    /// being found and being bound (Azurite then exits): the start is tried again on fresh ports.
    /// </summary>
    public async Task StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await TryStartAsync())
            {
                return;
            }

            if (attempt == Attempts)
            {
                throw new InvalidOperationException($"Azurite exited {Attempts} times before its ports answered:\n{errors}");
            }

            (BlobPort, QueuePort, TablePort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        }
    }

    async Task<bool> TryStartAsync()
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
                "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        process?.Dispose();
        process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            if (!await WaitForPortAsync(process, port))
            {
                return false;
            }
        }

        return true;
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

    /// <summary>True once the port answers; false when Azurite exited first. Past 30 s, what is wrong is thrown.</summary>
    async Task<bool> WaitForPortAsync(Process azurite, int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return true;
            }
            catch (SocketException) when (azurite.HasExited)
            {
                return false;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            catch (SocketException e)
            {
                throw new TimeoutException($"Azurite did not answer on port {port} within 30 s:\n{errors}", e);
            }
        }
    }
}
