using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Credit.LocalRuntime.Catalog;
using DurableTask.AzureStorage;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using CoreOrchestrationService = DurableTask.Core.IOrchestrationService;
using CoreOrchestrationServiceClient = DurableTask.Core.IOrchestrationServiceClient;

namespace Credit.LocalRuntime.Durable;

/// <summary>
/// The real durable engine: the Durable Task Framework's Azure Storage provider (history in the storage
/// account's tables, queues and blobs, so a killed process resumes where it stopped), served over gRPC on
/// loopback by the sidecar <see cref="TaskHubGrpcServer"/>, to which the Microsoft.DurableTask worker and
/// client of the runtime connect.
/// </summary>
public sealed class DurableEngine : IAsyncDisposable
{
    /// <summary>How long a stop waits for the partition leases to be released (a lease is released within seconds).</summary>
    static readonly TimeSpan LeaseReleaseWait = TimeSpan.FromSeconds(60);

    readonly WebApplication sidecar;
    readonly TableClient partitions;
    readonly string workerId;
    readonly ILoggerFactory loggerFactory;

    DurableEngine(WebApplication sidecar, TableClient partitions, string workerId, GrpcChannel channel, ILoggerFactory loggerFactory)
    {
        this.sidecar = sidecar;
        this.partitions = partitions;
        this.workerId = workerId;
        this.loggerFactory = loggerFactory;
        Channel = channel;
    }

    public GrpcChannel Channel { get; }

    public static async Task<DurableEngine> StartAsync(string storageConnectionString, RuntimeOptions options, Action<ILoggingBuilder> configureLogging, CancellationToken cancellationToken)
    {
        var loggerFactory = LoggerFactory.Create(configureLogging);
        var workerId = options.WorkerId ?? $"{Environment.MachineName}-{options.Port}";
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.TaskHubName,
            StorageAccountClientProvider = new StorageAccountClientProvider(storageConnectionString),
            WorkerId = workerId,
            PartitionCount = options.PartitionCount,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            WorkItemQueueVisibilityTimeout = options.QueueVisibilityTimeout,
            ControlQueueVisibilityTimeout = options.QueueVisibilityTimeout,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
            // The app lease serves blue/green deployments in Azure; locally it only delays a restart.
            UseAppLease = false,
            LoggerFactory = loggerFactory,
        });
        await service.CreateIfNotExistsAsync();

        var port = FreeLoopbackPort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<CoreOrchestrationService>(service);
        builder.Services.AddSingleton<CoreOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var sidecar = builder.Build();
        sidecar.MapGrpcService<TaskHubGrpcServer>();
        await sidecar.StartAsync(cancellationToken);
        return new DurableEngine(sidecar, new TableClient(storageConnectionString, $"{options.TaskHubName}Partitions"), workerId,
            GrpcChannel.ForAddress($"http://127.0.0.1:{port}"), loggerFactory);
    }

    /// <summary>Registers the worker (serving the catalog's orchestrator and activity functions) and the client.</summary>
    public IReadOnlyList<string> AddWorkerAndClient(IServiceCollection services, FunctionCatalog catalog)
    {
        var orchestrators = catalog.OfKind(TriggerKind.Orchestration).ToList();
        var activities = catalog.OfKind(TriggerKind.Activity).ToList();
        services.AddDurableTaskWorker(builder =>
        {
            builder.UseGrpc(Channel);
            builder.AddTasks(registry =>
            {
                foreach (var function in orchestrators)
                {
                    registry.AddOrchestrator(function.Name, () => new FunctionOrchestrator(function, AppServices));
                }

                foreach (var function in activities)
                {
                    registry.AddActivity(function.Name, sp => new FunctionActivity(function, sp));
                }
            });
        });
        services.AddDurableTaskClient(builder =>
        {
            builder.UseGrpc(Channel);
            builder.RegisterDirectly();
        });
        return [.. orchestrators.Concat(activities).Select(f => f.Name)];
    }

    /// <summary>The app's root services, for orchestrators (the registry creates them without a provider).</summary>
    public IServiceProvider AppServices
    {
        get => appServices ?? throw new InvalidOperationException("The app is not built yet.");
        set => appServices = value;
    }

    IServiceProvider? appServices;

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await sidecar.StopAsync();
        await sidecar.DisposeAsync();
        await WaitForLeasesReleasedAsync();
        loggerFactory.Dispose();
    }

    /// <summary>
    /// The sidecar stops the orchestration service from a callback nobody awaits: a partition manager still draining
    /// and releasing its leases when the storage goes away (a test's Azurite, a stopped emulator) times out ten minutes
    /// later and takes the process down. So a stop returns once this worker owns no partition lease (none at all when
    /// the service never started), or after <see cref="LeaseReleaseWait"/>.
    /// </summary>
    async Task WaitForLeasesReleasedAsync()
    {
        var until = DateTime.UtcNow + LeaseReleaseWait;
        var owned = TableClient.CreateQueryFilter($"CurrentOwner eq {workerId}");
        while (DateTime.UtcNow < until)
        {
            try
            {
                var any = false;
                await foreach (var _ in partitions.QueryAsync<TableEntity>(owned, maxPerPage: 1, select: ["RowKey"]))
                {
                    any = true;
                    break;
                }

                if (!any)
                {
                    return;
                }
            }
            catch (Azure.RequestFailedException)
            {
                // No partitions table (the service never started), or no storage left to hold a lease: nothing to wait for,
                // and a stop must not fail because the emulator went first.
                return;
            }

            await Task.Delay(200);
        }
    }

    static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
