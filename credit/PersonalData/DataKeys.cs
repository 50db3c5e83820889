using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Credit.Storage;

namespace Credit.PersonalData;

/// <summary>
/// The data keys of field encryption (envelope encryption): random 256-bit keys, each stored only wrapped by the
/// <see cref="KeyEncryptionKey"/>, one blob per version in container config under keys/. The first instance that
/// needs one creates version 1 (create-if-absent, so concurrent instances agree on it); every instance loads them
/// once and keeps them in memory.
/// </summary>
public sealed class DataKeys(StorageClients storage, KeyEncryptionKey keyEncryptionKey)
{
    const string Prefix = "keys/data-key-";
    Lazy<Task<FieldCipher>>? loading;

    public async ValueTask<FieldCipher> CipherAsync(CancellationToken cancellationToken = default)
    {
        var current = Volatile.Read(ref loading);
        if (current is null)
        {
            Interlocked.CompareExchange(ref loading, new Lazy<Task<FieldCipher>>(() => LoadAsync(CancellationToken.None)), null);
            current = Volatile.Read(ref loading)!;
        }

        try
        {
            return await current.Value.WaitAsync(cancellationToken);
        }
        catch when (current.Value.IsFaulted)
        {
            // A load that failed (storage away) is not kept: the next call tries again.
            Interlocked.CompareExchange(ref loading, null, current);
            throw;
        }
    }

    async Task<FieldCipher> LoadAsync(CancellationToken cancellationToken)
    {
        var container = storage.Container(StorageNames.ConfigContainer);
        var keys = new Dictionary<int, byte[]>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, Prefix, cancellationToken))
        {
            var stored = JsonSerializer.Deserialize<StoredDataKey>((await container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken)).Value.Content)!;
            try
            {
                keys[stored.Version] = keyEncryptionKey.Unwrap(Convert.FromBase64String(stored.Wrapped), stored.Version);
            }
            catch (CryptographicException e)
            {
                throw new InvalidOperationException($"Data key {stored.Version} ({blob.Name}) does not unwrap with this deployment's personal-data key: the setting Credit:PersonalDataKey is not the one the data was encrypted under.", e);
            }
        }

        if (keys.Count > 0)
        {
            return new FieldCipher(keys, keys.Keys.Max());
        }

        const int First = 1;
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var created = new StoredDataKey(First, Convert.ToBase64String(keyEncryptionKey.Wrap(dataKey, First)), "AES-256-GCM", DateTimeOffset.UtcNow);
        try
        {
            await container.GetBlobClient(BlobName(First)).UploadAsync(BinaryData.FromObjectAsJson(created), new Azure.Storage.Blobs.Models.BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another instance created it first: use that one.
            return await LoadAsync(cancellationToken);
        }

        return new FieldCipher(new Dictionary<int, byte[]> { [First] = dataKey }, First);
    }

    static string BlobName(int version) => Prefix + version.ToString("D6", CultureInfo.InvariantCulture) + ".json";

    sealed record StoredDataKey(int Version, string Wrapped, string Algorithm, DateTimeOffset CreatedAt);
}
