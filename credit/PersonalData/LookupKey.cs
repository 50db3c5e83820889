using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Credit.Storage;

namespace Credit.PersonalData;

/// <summary>
/// The key of the keyed hashes (a natural person's key, the ids of records and entries: <see cref="Identifiers.SubjectKeys"/>),
/// stored wrapped by the <see cref="KeyEncryptionKey"/> in container config (keys/lookup-key.json), so that the
/// personal-data key can be rotated without changing any person's key or any id. It is the deployment's first
/// personal-data key (the hashes made before it was stored were made with that one), stored by the first instance
/// that needs it (create-if-absent).
/// </summary>
public sealed class LookupKey(StorageClients storage, KeyEncryptionKey keyEncryptionKey)
{
    const string BlobName = "keys/lookup-key.json";
    const string Purpose = "lookup-key";

    /// <summary>The stored lookup key; <paramref name="first"/> (the first personal-data key) is stored when none is.</summary>
    public async Task<byte[]> LoadAsync(byte[] first, CancellationToken cancellationToken = default)
    {
        var container = storage.Container(StorageNames.ConfigContainer);
        var blob = container.GetBlobClient(BlobName);
        while (true)
        {
            try
            {
                return Unwrap((await blob.DownloadContentAsync(cancellationToken)).Value.Content).Secret;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            }

            try
            {
                await blob.UploadAsync(BinaryData.FromObjectAsJson(new StoredLookupKey(Convert.ToBase64String(keyEncryptionKey.Wrap(first, Purpose)))),
                    new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
                return first;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another instance stored it first: read that one.
            }
        }
    }

    /// <summary>Wraps the lookup key again under the current personal-data key when only the previous one opens it; whether it did.</summary>
    public async Task<bool> RewrapAsync(CancellationToken cancellationToken = default)
    {
        var blob = storage.Container(StorageNames.ConfigContainer).GetBlobClient(BlobName);
        var content = (await blob.DownloadContentAsync(cancellationToken)).Value;
        var (secret, underPrevious) = Unwrap(content.Content);
        if (underPrevious)
        {
            await blob.UploadAsync(BinaryData.FromObjectAsJson(new StoredLookupKey(Convert.ToBase64String(keyEncryptionKey.Wrap(secret, Purpose)))),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = content.Details.ETag } }, cancellationToken);
        }

        return underPrevious;
    }

    (byte[] Secret, bool UnderPrevious) Unwrap(BinaryData content)
    {
        try
        {
            return keyEncryptionKey.Unwrap(Convert.FromBase64String(JsonSerializer.Deserialize<StoredLookupKey>(content)!.Wrapped), Purpose);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"The lookup key ({BlobName}) does not unwrap with this deployment's personal-data key: the setting Credit:PersonalDataKey is not the one it was wrapped under (while that key is rotated, the one before it goes in Credit:PreviousPersonalDataKey).", e);
        }
    }

    sealed record StoredLookupKey(string Wrapped);
}
