using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Credit.Storage;

namespace Credit.PersonalData;

/// <summary>
/// The data keys of field encryption (envelope encryption): random 256-bit keys, each stored only wrapped
/// (<see cref="IKeyWrapping"/>: the Key Vault key in Azure, the personal-data key setting locally), one blob per version in container config under keys/. The first instance that
/// needs one creates version 1 (create-if-absent, so concurrent instances agree on it); every instance loads them
/// and loads them again after <paramref name="refresh"/> (a minute by default), so that a key added by a rotation is
/// read everywhere within that time. A rotation adds its key pending (read, not yet written with), then activates
/// it: values are sealed with the highest active version, and every version stays readable.
/// </summary>
public sealed class DataKeys(StorageClients storage, IKeyWrapping wrapping, TimeProvider? clock = null, TimeSpan? refresh = null, string ring = DataKeys.PersonalDataRing)
{
    /// <summary>The ring of personal data; another ring (the reporters', <c>DishonestyReports.ReporterKeys</c>) has keys of its own, under keys/{ring}-.</summary>
    public const string PersonalDataRing = "data-key";

    readonly string prefix = $"keys/{ring}-";
    readonly TimeProvider time = clock ?? TimeProvider.System;
    readonly TimeSpan refreshAfter = refresh ?? TimeSpan.FromMinutes(1);
    Loaded? loaded;

    sealed record Loaded(Lazy<Task<FieldCipher>> Cipher, long At);

    public async ValueTask<FieldCipher> CipherAsync(CancellationToken cancellationToken = default)
    {
        var current = Volatile.Read(ref loaded);
        if (current is null || (current.Cipher.IsValueCreated && current.Cipher.Value.IsCompletedSuccessfully && time.GetElapsedTime(current.At) >= refreshAfter))
        {
            var next = new Loaded(new Lazy<Task<FieldCipher>>(() => LoadAsync(CancellationToken.None)), time.GetTimestamp());
            current = Interlocked.CompareExchange(ref loaded, next, current) == current ? next : Volatile.Read(ref loaded)!;
        }

        try
        {
            return await current.Cipher.Value.WaitAsync(cancellationToken);
        }
        catch when (current.Cipher.Value.IsFaulted)
        {
            // A load that failed (storage away) is not kept: the next call tries again.
            Interlocked.CompareExchange(ref loaded, null, current);
            throw;
        }
    }

    /// <summary>The highest version stored, pending or not.</summary>
    public async Task<int> LatestVersionAsync(CancellationToken cancellationToken = default)
    {
        var latest = 0;
        await foreach (var blob in storage.Container(StorageNames.ConfigContainer).GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            latest = Math.Max(latest, VersionOf(blob.Name));
        }

        return latest;
    }

    /// <summary>Adds data key <paramref name="version"/>, pending: read by every instance, written with by none. Nothing when it exists.</summary>
    public async Task AddPendingAsync(int version, CancellationToken cancellationToken = default)
    {
        await CreateAsync(StoredDataKey.Of(version, await wrapping.WrapAsync(RandomNumberGenerator.GetBytes(32), Purpose(version), cancellationToken), time.GetUtcNow()) with { Pending = true }, cancellationToken);
        Volatile.Write(ref loaded, null);
    }

    /// <summary>Makes data key <paramref name="version"/> the one values are sealed with (on each instance within the refresh time).</summary>
    public async Task ActivateAsync(int version, CancellationToken cancellationToken = default)
    {
        var blob = storage.Container(StorageNames.ConfigContainer).GetBlobClient(BlobName(version));
        var content = (await blob.DownloadContentAsync(cancellationToken)).Value;
        var stored = JsonSerializer.Deserialize<StoredDataKey>(content.Content)!;
        if (stored.Pending)
        {
            await blob.UploadAsync(BinaryData.FromObjectAsJson(stored with { Pending = false }), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfMatch = content.Details.ETag },
            }, cancellationToken);
        }

        Volatile.Write(ref loaded, null);
    }

    /// <summary>
    /// Wraps again under the current wrapping key every data key another one wrapped (the previous personal-data key,
    /// an earlier Key Vault key version); the keys themselves, and so every sealed value, stay as they are. Returns how
    /// many it wrapped.
    /// </summary>
    public async Task<int> RewrapAsync(CancellationToken cancellationToken = default)
    {
        var container = storage.Container(StorageNames.ConfigContainer);
        var rewrapped = 0;
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            var blob = container.GetBlobClient(item.Name);
            var content = (await blob.DownloadContentAsync(cancellationToken)).Value;
            var stored = JsonSerializer.Deserialize<StoredDataKey>(content.Content)!;
            var purpose = Purpose(stored.Version);
            if (await wrapping.IsStaleAsync(stored.WrappedKey, purpose, cancellationToken))
            {
                var again = await wrapping.WrapAsync(await wrapping.UnwrapAsync(stored.WrappedKey, purpose, cancellationToken), purpose, cancellationToken);
                // If-Match: an activation meanwhile is read again by the next attempt, not overwritten.
                await blob.UploadAsync(BinaryData.FromObjectAsJson(stored with { Wrapped = again.Value, WrappedBy = again.WrappedBy }),
                    new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = content.Details.ETag } }, cancellationToken);
                rewrapped++;
            }
        }

        Volatile.Write(ref loaded, null);
        return rewrapped;
    }

    async Task<FieldCipher> LoadAsync(CancellationToken cancellationToken)
    {
        var container = storage.Container(StorageNames.ConfigContainer);
        var keys = new Dictionary<int, byte[]>();
        var active = 0;
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            var stored = JsonSerializer.Deserialize<StoredDataKey>((await container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken)).Value.Content)!;
            try
            {
                keys[stored.Version] = await wrapping.UnwrapAsync(stored.WrappedKey, Purpose(stored.Version), cancellationToken);
            }
            catch (CryptographicException e)
            {
                throw new InvalidOperationException($"Data key {stored.Version} ({blob.Name}) does not unwrap with this deployment's keys ({e.Message}): the setting Credit:PersonalDataKey is not the one the data was encrypted under (while that key is rotated, the one before it goes in Credit:PreviousPersonalDataKey).", e);
            }

            active = stored.Pending ? active : Math.Max(active, stored.Version);
        }

        if (active > 0)
        {
            return new FieldCipher(keys, active);
        }

        const int First = 1;
        var dataKey = RandomNumberGenerator.GetBytes(32);
        if (!await CreateAsync(StoredDataKey.Of(First, await wrapping.WrapAsync(dataKey, Purpose(First), cancellationToken), time.GetUtcNow()), cancellationToken))
        {
            // Another instance created it first: use that one.
            return await LoadAsync(cancellationToken);
        }

        return new FieldCipher(new Dictionary<int, byte[]> { [First] = dataKey }, First);
    }

    /// <summary>Stores a key unless its version exists; false when it did.</summary>
    async Task<bool> CreateAsync(StoredDataKey stored, CancellationToken cancellationToken)
    {
        try
        {
            await storage.Container(StorageNames.ConfigContainer).GetBlobClient(BlobName(stored.Version)).UploadAsync(BinaryData.FromObjectAsJson(stored), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    // The ring is in the purpose, so that a key wrapped for one ring does not unwrap as another's.
    string Purpose(int version) => $"{ring}:{version.ToString(CultureInfo.InvariantCulture)}";

    string BlobName(int version) => prefix + version.ToString("D6", CultureInfo.InvariantCulture) + ".json";

    int VersionOf(string blobName) => int.Parse(blobName.AsSpan(prefix.Length, 6), CultureInfo.InvariantCulture);

    /// <summary>
    /// A wrapped data key; a pending one is read but not yet written with (keys stored before rotation existed have no
    /// flag: active). WrappedBy names the Key Vault key version that wrapped it (none: the personal-data key setting).
    /// </summary>
    sealed record StoredDataKey(int Version, string Wrapped, string Algorithm, DateTimeOffset CreatedAt)
    {
        public bool Pending { get; init; }

        public string? WrappedBy { get; init; }

        [System.Text.Json.Serialization.JsonIgnore]
        public WrappedKey WrappedKey => new(Wrapped, WrappedBy);

        public static StoredDataKey Of(int version, WrappedKey wrapped, DateTimeOffset createdAt) =>
            new(version, wrapped.Value, "AES-256-GCM", createdAt) { WrappedBy = wrapped.WrappedBy };
    }
}
