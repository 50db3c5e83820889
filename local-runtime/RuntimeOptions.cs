using System.Globalization;
using Credit.LocalRuntime.Configuration;

namespace Credit.LocalRuntime;

/// <summary>
/// What the local runtime runs with. Port, worker id and the blob polling interval have no Functions setting
/// (section "Runtime" of its appsettings.json); everything else is read where the Functions host reads it:
/// host.json's <c>extensions.durableTask</c> and <c>extensions.http</c>.
/// </summary>
public sealed class RuntimeOptions
{
    public const string Section = "Runtime";
    const string DurableTask = FunctionsSettings.HostSection + ":extensions:durableTask";

    /// <summary>The port of the HTTP triggers; 7071 as with `func start`.</summary>
    public int Port { get; set; } = 7071;

    /// <summary>How often the containers of (Event Grid-sourced) blob triggers are looked at: the local stand-in for Event Grid's push.</summary>
    public TimeSpan BlobPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Stable across restarts, so a restarted runtime takes its partition leases back at once.</summary>
    public string? WorkerId { get; set; }

    public string TaskHubName { get; private set; } = "CreditHub";

    /// <summary>Fixed when the task hub is created; more partitions let more runtime processes share the work.</summary>
    public int PartitionCount { get; private set; } = 4;

    public TimeSpan MaxQueuePollingInterval { get; private set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a dequeued message stays hidden: after a crash, how soon the work of a dead process reappears.</summary>
    public TimeSpan QueueVisibilityTimeout { get; private set; } = TimeSpan.FromMinutes(5);

    public int MaxConcurrentActivities { get; private set; } = 10;

    public int MaxConcurrentOrchestrations { get; private set; } = 10;

    /// <summary>host.json's <c>extensions.http.routePrefix</c>; "api" when it sets none, as the host.</summary>
    public string RoutePrefix { get; private set; } = "api";

    public static RuntimeOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<RuntimeOptions>() ?? new RuntimeOptions();
        var durable = configuration.GetSection(DurableTask);
        var provider = durable.GetSection("storageProvider");
        options.TaskHubName = durable["hubName"] ?? options.TaskHubName;
        options.PartitionCount = Int(provider["partitionCount"]) ?? options.PartitionCount;
        options.MaxQueuePollingInterval = Time(provider["maxQueuePollingInterval"]) ?? options.MaxQueuePollingInterval;
        options.QueueVisibilityTimeout = Time(provider["workItemQueueVisibilityTimeout"]) ?? options.QueueVisibilityTimeout;
        options.MaxConcurrentActivities = Int(durable["maxConcurrentActivityFunctions"]) ?? options.MaxConcurrentActivities;
        options.MaxConcurrentOrchestrations = Int(durable["maxConcurrentOrchestratorFunctions"]) ?? options.MaxConcurrentOrchestrations;
        options.RoutePrefix = configuration[FunctionsSettings.HostSection + ":extensions:http:routePrefix"] ?? options.RoutePrefix;
        return options;
    }

    static int? Int(string? value) => value is null ? null : int.Parse(value, CultureInfo.InvariantCulture);

    static TimeSpan? Time(string? value) => value is null ? null : TimeSpan.Parse(value, CultureInfo.InvariantCulture);
}
