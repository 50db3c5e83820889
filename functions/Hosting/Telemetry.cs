using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Credit.Telemetry;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Credit.Functions.Hosting;

/// <summary>
/// The worker's logs, traces and the product's metrics (<see cref="CreditMetrics"/>) through OpenTelemetry to
/// Application Insights where APPLICATIONINSIGHTS_CONNECTION_STRING is set (the template sets it; host.json's
/// telemetryMode makes the host use OpenTelemetry too). The resource accepts Entra ID tokens only: the exporter
/// signs in as the app's identity (AzureWebJobsStorage__clientId names it). Without the setting nothing is exported.
/// </summary>
public static class Telemetry
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static IServiceCollection AddCreditTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration[ConnectionStringSetting] is not { Length: > 0 })
        {
            return services;
        }

        var clientId = configuration["AzureWebJobsStorage:clientId"];
        services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter(CreditMetrics.MeterName))
            .UseFunctionsWorkerDefaults()
            .UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = configuration[ConnectionStringSetting];
                options.Credential = clientId is { Length: > 0 } ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)) : new DefaultAzureCredential();
            });
        return services;
    }
}
