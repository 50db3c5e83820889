using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Credit.Storage;

/// <summary>
/// Reads a storage connection the way Azure Functions does: a connection string locally
/// (<c>AzureWebJobsStorage</c>), an identity-based connection in Azure (<c>AzureWebJobsStorage__blobServiceUri</c>,
/// <c>__tableServiceUri</c>, <c>__queueServiceUri</c> or <c>__accountName</c>, with <c>__credential=managedidentity</c> and <c>__clientId</c>),
/// so that no account key is in any app setting.
/// </summary>
public static class StorageConnection
{
    public static StorageClients FromConfiguration(IConfiguration configuration, string name)
    {
        if (configuration[name] is { Length: > 0 } connectionString)
        {
            return StorageClients.FromConnectionString(connectionString);
        }

        var section = configuration.GetSection(name);
        var blobUri = section["blobServiceUri"];
        var tableUri = section["tableServiceUri"];
        var queueUri = section["queueServiceUri"];
        if (blobUri is null || tableUri is null || queueUri is null)
        {
            // accountName implies global Azure's endpoints; Azure China needs the service URIs (the template sets them).
            var account = section["accountName"] ?? throw new InvalidOperationException(
                $"The storage connection '{name}' is not configured: set {name} (a connection string) or {name}__blobServiceUri, {name}__tableServiceUri and {name}__queueServiceUri (or {name}__accountName) for an identity-based connection.");
            blobUri ??= $"https://{account}.blob.core.windows.net";
            tableUri ??= $"https://{account}.table.core.windows.net";
            queueUri ??= $"https://{account}.queue.core.windows.net";
        }

        var credential = Credential(section);
        return new StorageClients(
            new BlobServiceClient(new Uri(blobUri), credential), new TableServiceClient(new Uri(tableUri), credential), new QueueServiceClient(new Uri(queueUri), credential));
    }

    /// <summary>The credential of an identity-based connection: the managed identity in Azure (<c>__credential</c>, <c>__clientId</c>), else the developer's.</summary>
    public static TokenCredential Credential(IConfigurationSection section) =>
        string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(section["clientId"] is { Length: > 0 } clientId ? ManagedIdentityId.FromUserAssignedClientId(clientId) : ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential();
}
