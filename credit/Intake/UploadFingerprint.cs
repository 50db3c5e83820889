using System.Security.Cryptography;
using Azure.Storage.Blobs;

namespace Credit.Intake;

/// <summary>
/// Identifies one version of an uploaded file by its content. The orchestration's instance id is derived from
/// the path and the content hash, so a repeated trigger for the same content starts nothing new.
/// </summary>
public static class UploadFingerprint
{
    public static async Task<UploadRef> ComputeAsync(BlobClient blob, string departmentCode, string fileName, CancellationToken cancellationToken)
    {
        var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
        var details = download.Value.Details;
        await using var content = download.Value.Content;
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
        var pathHash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(fileName)))[..12];
        return new UploadRef(departmentCode, fileName, details.ETag.ToString(), hash, details.ContentLength, $"intake-{departmentCode}-{pathHash}-{hash[..24]}");
    }
}
