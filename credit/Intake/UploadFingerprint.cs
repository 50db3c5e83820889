using System.Buffers;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Credit.Intake;

/// <summary>
/// Identifies one version of an uploaded file by its content, frozen in a snapshot. The ingestion reads the
/// snapshot, which no later upload under the same name changes (issue 15: an overwrite with the same bytes
/// changed the blob's version and failed the ingestion pinned to it). The orchestration's instance id is
/// derived from the path and the content hash, so a repeated upload of the same content starts nothing new.
/// </summary>
public static class UploadFingerprint
{
    /// <summary>Metadata the upload API sets: the SHA-256 of the content it wrote, so the trigger need not read the file for it.</summary>
    public const string HashMetadata = "contentsha256";

    const int BlockBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Writes a file as staged blocks while hashing it, and commits them with the hash in its metadata: one
    /// BlobCreated event, and the file read once. Up to <see cref="BlocksInFlight"/> blocks are staged at once while
    /// the next is read, as the SDK's own upload does.
    /// </summary>
    public static async Task<BlobContentInfo> WriteAsync(BlockBlobClient blob, Stream content, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var blocks = new List<string>();
        var staging = new List<Task>();
        try
        {
            while (true)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(BlockBytes);
                var read = await content.ReadAtLeastAsync(buffer.AsMemory(0, BlockBytes), BlockBytes, throwOnEndOfStream: false, cancellationToken);
                if (read == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }

                hash.AppendData(buffer, 0, read);
                var id = Convert.ToBase64String(BitConverter.GetBytes(blocks.Count));
                blocks.Add(id);
                staging.Add(StageAsync(blob, id, buffer, read, cancellationToken));
                if (staging.Count == BlocksInFlight)
                {
                    var staged = await Task.WhenAny(staging);
                    staging.Remove(staged);
                    await staged;
                }
            }

            await Task.WhenAll(staging);
        }
        catch
        {
            // The blocks already in flight finish (or fail) before the error surfaces; uncommitted blocks expire on their own.
            await Task.WhenAll(staging.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
            throw;
        }

        var metadata = new Dictionary<string, string> { [HashMetadata] = Convert.ToHexStringLower(hash.GetHashAndReset()) };
        return await blob.CommitBlockListAsync(blocks, new CommitBlockListOptions { Metadata = metadata }, cancellationToken);
    }

    const int BlocksInFlight = 4;

    static async Task StageAsync(BlockBlobClient blob, string id, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        try
        {
            using var block = new MemoryStream(buffer, 0, length, writable: false);
            await blob.StageBlockAsync(id, block, cancellationToken: cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Snapshots the blob as it is now and fingerprints the snapshot: the hash the upload API recorded, else
    /// (a file written by a storage tool) the hash of its content. Null when the blob is gone.
    /// </summary>
    public static async Task<UploadRef?> FreezeAsync(BlobClient blob, string departmentCode, string fileName, CancellationToken cancellationToken)
    {
        string snapshot;
        try
        {
            snapshot = (await blob.CreateSnapshotAsync(cancellationToken: cancellationToken)).Value.Snapshot;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }

        var frozen = blob.WithSnapshot(snapshot);
        var properties = (await frozen.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        var hash = properties.Metadata.TryGetValue(HashMetadata, out var recorded) && IsSha256(recorded)
            ? recorded
            : await HashContentAsync(frozen, cancellationToken);
        var pathHash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(fileName)))[..12];
        return new UploadRef(departmentCode, fileName, properties.ETag.ToString(), hash, properties.ContentLength, $"intake-{departmentCode}-{pathHash}-{hash[..24]}", snapshot);
    }

    /// <summary>Deletes a snapshot no ingestion needs (its content is already ingested or being ingested from another).</summary>
    public static async Task ReleaseAsync(BlobClient blob, UploadRef upload, CancellationToken cancellationToken)
    {
        if (upload.Snapshot is { } snapshot)
        {
            await blob.WithSnapshot(snapshot).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
    }

    static async Task<string> HashContentAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
        await using var content = download.Value.Content;
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
    }

    static bool IsSha256(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigitLower);
}
