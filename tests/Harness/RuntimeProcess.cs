using System.Diagnostics;
using System.Globalization;

namespace Credit.Testing;

/// <summary>The local runtime as its own process, as the README's first command runs it, so that a test can kill -9 it.</summary>
public sealed class RuntimeProcess : IAsyncDisposable
{
    readonly Process process;
    readonly System.Text.StringBuilder output = new();

    RuntimeProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
        BaseAddress = new Uri($"http://localhost:{port}/");
    }

    public int Port { get; }
    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static async Task<RuntimeProcess> StartAsync(string storageConnectionString, string taskHub, int port, IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Repository.LocalRuntimeDll },
            WorkingDirectory = Path.GetDirectoryName(Repository.LocalRuntimeDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["AzureWebJobsStorage"] = storageConnectionString;
        start.Environment["Runtime__Port"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["AzureFunctionsJobHost__extensions__durableTask__hubName"] = taskHub;
        start.Environment["Runtime__WorkerId"] = taskHub + "-worker";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("the runtime did not start");
        var runtime = new RuntimeProcess(process, port);
        process.OutputDataReceived += (_, e) => runtime.Append(e.Data);
        process.ErrorDataReceived += (_, e) => runtime.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await runtime.WaitUntilServingAsync();
        return runtime;
    }

    /// <summary>The processor time the process has used so far (user and system).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>The highest resident set the process has had (Linux VmHWM), in bytes.</summary>
    public long PeakWorkingSetBytes
    {
        get
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as when a machine dies.</summary>
    public void KillHard()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
    }

    public ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            KillHard();
        }

        process.Dispose();
        return ValueTask.CompletedTask;
    }

    void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        FullIdScan.Scan("log", "runtime", line);
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                // Exited is not drained: the parameterless wait returns once the redirected output has been read to its end.
                await process.WaitForExitAsync();
                throw new InvalidOperationException($"The runtime exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("api/calendar/deadline?from=2024-01-02&workingDays=1", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The runtime did not serve within 90 s:\n{Output}");
    }
}
