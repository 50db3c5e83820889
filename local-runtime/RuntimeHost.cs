using Credit.Functions.Hosting;
using Credit.LocalRuntime.Blobs;
using Credit.LocalRuntime.Catalog;
using Credit.LocalRuntime.Configuration;
using Credit.LocalRuntime.Durable;
using Credit.LocalRuntime.Http;
using Credit.LocalRuntime.Timers;

namespace Credit.LocalRuntime;

/// <summary>
/// The functions app without the Functions host: every [Function] of the functions assembly served by the
/// part of the runtime that handles its trigger. A function no part serves stops the start.
/// </summary>
public sealed class RuntimeHost : IAsyncDisposable
{
    RuntimeHost(WebApplication app, DurableEngine engine, FunctionCatalog catalog, IReadOnlyList<string> served)
    {
        App = app;
        Engine = engine;
        Catalog = catalog;
        Served = served;
    }

    public WebApplication App { get; }
    public DurableEngine Engine { get; }
    public FunctionCatalog Catalog { get; }
    public IReadOnlyList<string> Served { get; }

    public static async Task<RuntimeHost> BuildAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddFunctionsFiles(AppContext.BaseDirectory);
        var catalog = FunctionCatalog.Discover(typeof(CreditServices).Assembly).WithoutDisabled(builder.Configuration);
        var hostLogging = builder.Configuration.GetSection(FunctionsSettings.HostSection + ":logging");
        builder.Logging.AddConfiguration(hostLogging);
        var options = RuntimeOptions.From(builder.Configuration);
        // Before any worker, timer or listener starts: a second runtime on a taken port must not take work either.
        ThrowIfPortTaken(options.Port);
        builder.WebHost.UseUrls($"http://localhost:{options.Port}");
        // The request size limit of Azure Functions' HTTP front end; larger files go straight to blob storage.
        // No Server header: it only tells an attacker what answers.
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = 100 * 1024 * 1024;
            k.AddServerHeader = false;
        });
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        builder.Services.AddSingleton(catalog);
        builder.Services.AddCreditSystem(builder.Configuration);
        builder.Services.AddMvcCore();
        builder.Services.AddHostedService<BlobTriggerListener>();
        builder.Services.AddHostedService<TimerTriggerHost>();

        var engine = await DurableEngine.StartAsync(
            builder.Configuration[CreditServices.StorageConnectionSetting] ?? throw new InvalidOperationException($"The setting {CreditServices.StorageConnectionSetting} is missing."),
            options,
            logging => logging.AddConfiguration(hostLogging).AddConfiguration(builder.Configuration.GetSection("Logging")).AddConsole(),
            cancellationToken);
        var served = new List<string>(engine.AddWorkerAndClient(builder.Services, catalog));
        served.AddRange(catalog.OfKind(TriggerKind.Blob).Concat(catalog.OfKind(TriggerKind.Timer)).Select(f => f.Name));

        var app = builder.Build();
        engine.AppServices = app.Services;
        // What the server answers itself (no function ran) carries the product's headers too.
        app.Use((http, next) =>
        {
            SecurityHeaders.Apply(http);
            return next(http);
        });
        HttpTriggerEndpoints.UseProductErrorBodies(app);
        served.AddRange(HttpTriggerEndpoints.Map(app, catalog, options.RoutePrefix));

        var unserved = catalog.Functions.Where(f => !served.Contains(f.Name)).Select(f => $"{f.Name} ({f.Kind})").ToList();
        if (unserved.Count > 0)
        {
            throw new InvalidOperationException($"The local runtime does not serve these functions: {string.Join(", ", unserved)}.");
        }

        return new RuntimeHost(app, engine, catalog, served);
    }

    static void ThrowIfPortTaken(int port)
    {
        if (port == 0)
        {
            return;
        }

        try
        {
            using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            probe.Start();
        }
        catch (System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException($"Port {port} is in use (another runtime or program on localhost:{port}): stop it, or choose another port with Runtime__Port (scripts/start.sh: CREDIT_PORT).");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Engine.DisposeAsync();
    }
}
