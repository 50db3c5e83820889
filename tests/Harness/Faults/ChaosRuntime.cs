using System.Diagnostics;

namespace Credit.Testing.Faults;

/// <summary>
/// The local runtime on one port, killed with SIGKILL at random moments and started again at once with the settings
/// of the current day; a planned restart (the drill moving to another day) is not counted as a kill.
/// </summary>
public sealed class ChaosRuntime(string storageConnectionString, string taskHub, int port) : IAsyncDisposable
{
    readonly SemaphoreSlim gate = new(1, 1);
    readonly List<TimeSpan> killedAt = [];
    readonly Stopwatch clock = Stopwatch.StartNew();
    RuntimeProcess? process;
    IReadOnlyDictionary<string, string> settings = new Dictionary<string, string>();
    Task? killing;
    CancellationTokenSource? stop;

    public Uri BaseAddress { get; } = new($"http://localhost:{port}/");

    /// <summary>When each kill happened, from the start of the drill.</summary>
    public IReadOnlyList<TimeSpan> Kills
    {
        get
        {
            lock (killedAt)
            {
                return [.. killedAt];
            }
        }
    }

    /// <summary>Starts (or restarts, gracefully) the runtime with <paramref name="daySettings"/>.</summary>
    public async Task StartAsync(IReadOnlyDictionary<string, string> daySettings)
    {
        await gate.WaitAsync();
        try
        {
            settings = daySettings;
            if (process is not null)
            {
                await process.DisposeAsync();
            }

            process = await RuntimeProcess.StartAsync(storageConnectionString, taskHub, port, settings);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Kills the runtime <paramref name="kills"/> times, each after a random pause in [<paramref name="minPause"/>, <paramref name="maxPause"/>].</summary>
    public void StartKilling(int kills, Random random, TimeSpan minPause, TimeSpan maxPause)
    {
        stop = new CancellationTokenSource();
        var token = stop.Token;
        killing = Task.Run(async () =>
        {
            while (Kills.Count < kills && !token.IsCancellationRequested)
            {
                await Task.Delay(minPause + ((maxPause - minPause) * random.NextDouble()), token);
                await gate.WaitAsync(token);
                try
                {
                    process!.KillHard();
                    lock (killedAt)
                    {
                        killedAt.Add(clock.Elapsed);
                    }

                    await process.DisposeAsync();
                    process = await RuntimeProcess.StartAsync(storageConnectionString, taskHub, port, settings);
                }
                finally
                {
                    gate.Release();
                }
            }
        }, token);
    }

    /// <summary>Waits until every kill asked for has happened.</summary>
    public async Task KillsDoneAsync()
    {
        if (killing is not null)
        {
            await killing;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (stop is not null)
        {
            await stop.CancelAsync();
            try
            {
                await (killing ?? Task.CompletedTask);
            }
            catch (OperationCanceledException)
            {
                // Stopped early (the drill failed).
            }

            stop.Dispose();
        }

        if (process is not null)
        {
            await process.DisposeAsync();
        }

        gate.Dispose();
    }
}
