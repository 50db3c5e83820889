using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Credit.Storage;

namespace Credit.PersonalData;

/// <summary>
/// The key of the keyed hashes (a natural person's key, the ids of records and entries: <see cref="Identifiers.SubjectKeys"/>),
/// stored wrapped in container config (keys/lookup-key.json), so that the personal-data key can be rotated without
/// changing any person's key or any id.
/// </summary>
public sealed class LookupKey(StorageClients storage, IKeyWrapping wrapping)
    : WrappedSecret(storage, wrapping, "keys/lookup-key.json", "lookup-key", () => RandomNumberGenerator.GetBytes(32));

/// <summary>
/// A secret the product makes itself and keeps stored wrapped (<see cref="IKeyWrapping"/>) in container config, as
/// the data keys are. It is made by the first instance that needs it (create-if-absent, so instances starting together
/// agree on one), and appears in no setting: reading it takes both storage and the wrapping key.
/// </summary>
public class WrappedSecret(StorageClients storage, IKeyWrapping wrapping, string blobName, string purpose, Func<byte[]> make)
{
    string BlobName => blobName;

    string Purpose => purpose;

    /// <summary>The stored secret; a new one when none is stored yet.</summary>
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

            var made = make();
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

    /// <summary>Wraps the secret again under the current wrapping key when another one wrapped it; whether it did (none stored yet: false).</summary>
    public async Task<bool> RewrapAsync(CancellationToken cancellationToken = default)
    {
        var blob = storage.Container(StorageNames.ConfigContainer).GetBlobClient(BlobName);
        BlobDownloadResult content;
        try
        {
            content = (await blob.DownloadContentAsync(cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Not made yet: the first instance that needs it wraps it under the current key.
            return false;
        }

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
            throw new InvalidOperationException($"The {Purpose.Replace('-', ' ')} ({BlobName}) does not unwrap with this deployment's keys: {e.Message}. The setting Credit:PersonalDataKey is not the one it was wrapped under (while that key is rotated, the one before it goes in Credit:PreviousPersonalDataKey).", e);
        }
    }

    static WrappedKey Read(BinaryData content) => JsonSerializer.Deserialize<StoredLookupKey>(content)!.WrappedKey;

    /// <summary>The wrapped secret and what wrapped it (none: the personal-data key setting).</summary>
    sealed record StoredLookupKey(string Wrapped, string? WrappedBy)
    {
        [System.Text.Json.Serialization.JsonIgnore]
        public WrappedKey WrappedKey => new(Wrapped, WrappedBy);

        public static StoredLookupKey Of(WrappedKey wrapped) => new(wrapped.Value, wrapped.WrappedBy);
    }
}
