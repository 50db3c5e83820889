namespace Credit.LocalRuntime;

/// <summary>Settings of the local runtime (section "Runtime").</summary>
public sealed class RuntimeOptions
{
    public const string Section = "Runtime";

    /// <summary>The port of the HTTP triggers; 7071 as with `func start`.</summary>
    public int Port { get; set; } = 7071;

    public TimeSpan BlobPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    public string TaskHubName { get; set; } = "CreditHub";

    /// <summary>Fixed when the task hub is created; more partitions let more runtime processes share the work.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>Stable across restarts, so a restarted runtime takes its partition leases back at once.</summary>
    public string? WorkerId { get; set; }

    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a dequeued message stays hidden. After a crash, the work a dead process had taken reappears only
    /// after this time (the provider's 5-minute default would stall a restarted runtime that long); every
    /// activity of this app finishes well within it.
    /// </summary>
    public TimeSpan QueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxConcurrentActivities { get; set; } = 4;

    public int MaxConcurrentOrchestrations { get; set; } = 8;
}
