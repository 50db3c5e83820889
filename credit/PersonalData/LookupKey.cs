using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Credit.Storage;

namespace Credit.PersonalData;

/// <summary>
/// The key of the keyed hashes (a natural person's key, the ids of records and entries: <see cref="Identifiers.SubjectKeys"/>),
/// stored wrapped (<see cref="IKeyWrapping"/>) in container config (keys/lookup-key.json), so that the
/// personal-data key can be rotated without changing any person's key or any id. It is random, made by the first
/// instance that needs it (create-if-absent, so instances starting together agree on one), and appears in no setting:
/// reading it takes both storage and the wrapping key.
/// </summary>
public sealed class LookupKey(StorageClients storage, IKeyWrapping wrapping)
{
    const string BlobName = "keys/lookup-key.json";
    const string Purpose = "lookup-key";

    /// <summary>The stored lookup key; a new random one when none is stored yet.</summary>
    public async Task<byte[]> LoadAsync(CancellationToken cancellationToken = default)
    {
        var container = storage.Container(StorageNames.ConfigContainer);
        var blob = container.GetBlobClient(BlobName);
        while (true)
        {
            try
            {
                return await UnwrapAsync(Read((await blob.DownloadContentAsync(cancellationToken)).Value.Content), cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            }

            var made = RandomNumberGenerator.GetBytes(32);
            try
            {
                await blob.UploadAsync(BinaryData.FromObjectAsJson(StoredLookupKey.Of(await wrapping.WrapAsync(made, Purpose, cancellationToken))),
                    new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
                return made;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another instance stored it first: read that one.
            }
        }
    }

    /// <summary>Wraps the lookup key again under the current wrapping key when another one wrapped it; whether it did.</summary>
    public async Task<bool> RewrapAsync(CancellationToken cancellationToken = default)
    {
        var blob = storage.Container(StorageNames.ConfigContainer).GetBlobClient(BlobName);
        var content = (await blob.DownloadContentAsync(cancellationToken)).Value;
        var wrapped = Read(content.Content);
        if (!await wrapping.IsStaleAsync(wrapped, Purpose, cancellationToken))
        {
            return false;
        }

        var again = await wrapping.WrapAsync(await UnwrapAsync(wrapped, cancellationToken), Purpose, cancellationToken);
        await blob.UploadAsync(BinaryData.FromObjectAsJson(StoredLookupKey.Of(again)),
            new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = content.Details.ETag } }, cancellationToken);
        return true;
    }

    async Task<byte[]> UnwrapAsync(WrappedKey wrapped, CancellationToken cancellationToken)
    {
        try
        {
            return await wrapping.UnwrapAsync(wrapped, Purpose, cancellationToken);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"The lookup key ({BlobName}) does not unwrap with this deployment's keys: {e.Message}. The setting Credit:PersonalDataKey is not the one it was wrapped under (while that key is rotated, the one before it goes in Credit:PreviousPersonalDataKey).", e);
        }
    }

    static WrappedKey Read(BinaryData content) => JsonSerializer.Deserialize<StoredLookupKey>(content)!.WrappedKey;

    /// <summary>The wrapped lookup key and what wrapped it (none: the personal-data key setting).</summary>
    sealed record StoredLookupKey(string Wrapped, string? WrappedBy)
    {
        [System.Text.Json.Serialization.JsonIgnore]
        public WrappedKey WrappedKey => new(Wrapped, WrappedBy);

        public static StoredLookupKey Of(WrappedKey wrapped) => new(wrapped.Value, wrapped.WrappedBy);
    }
}
