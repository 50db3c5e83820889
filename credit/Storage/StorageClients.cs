using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Credit.Storage;

/// <summary>The clients of the product's storage account, created once and shared (the SDK clients are thread-safe).</summary>
public sealed class StorageClients(BlobServiceClient blobs, TableServiceClient tables, QueueServiceClient queues)
{
    public BlobServiceClient Blobs { get; } = blobs;
    public TableServiceClient Tables { get; } = tables;
    public QueueServiceClient Queues { get; } = queues;

    public static StorageClients FromConnectionString(string connectionString) =>
        new(new BlobServiceClient(connectionString), new TableServiceClient(connectionString), new QueueServiceClient(connectionString));

    public TableClient Table(string name) => Tables.GetTableClient(name);

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(name);

    /// <summary>Creates what is missing; safe to call at every start.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(StorageNames.Containers.Select(c => Container(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        await Task.WhenAll(StorageNames.Tables.Select(t => Table(t).CreateIfNotExistsAsync(cancellationToken)));
    }
}
