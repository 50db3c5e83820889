using System.Net;
using System.Net.Sockets;
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
    readonly WebApplication sidecar;
    readonly ILoggerFactory loggerFactory;

    DurableEngine(WebApplication sidecar, GrpcChannel channel, ILoggerFactory loggerFactory)
    {
        this.sidecar = sidecar;
        this.loggerFactory = loggerFactory;
        Channel = channel;
    }

    public GrpcChannel Channel { get; }

    public static async Task<DurableEngine> StartAsync(string storageConnectionString, RuntimeOptions options, Action<ILoggingBuilder> configureLogging, CancellationToken cancellationToken)
    {
        var loggerFactory = LoggerFactory.Create(configureLogging);
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.TaskHubName,
            StorageAccountClientProvider = new StorageAccountClientProvider(storageConnectionString),
            WorkerId = options.WorkerId ?? $"{Environment.MachineName}-{options.Port}",
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
        return new DurableEngine(sidecar, GrpcChannel.ForAddress($"http://127.0.0.1:{port}"), loggerFactory);
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
        loggerFactory.Dispose();
    }

    static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
