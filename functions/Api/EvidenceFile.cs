using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Credit.Functions.Api;

/// <summary>
/// The one rule of an uploaded evidence file, for objections, reports of dishonesty and complaints alike: one file of
/// at most 10 MB under a plain name of at most 100 characters (no path separator, control or bidirectional character).
/// </summary>
public static class EvidenceFile
{
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>Why the upload is refused (400 EVIDENCE), or null when it may be stored.</summary>
    public static ObjectResult? Refusal(HttpRequest request, string name) =>
        name.Length > 100 || name.IndexOfAny(['/', '\\']) >= 0 || Records.TextRules.FirstForbidden(name, false) >= 0 || request.ContentLength is null or 0 or > MaxBytes
            ? ApiResults.Error(StatusCodes.Status400BadRequest, "EVIDENCE", $"send one file of at most {MaxBytes / 1048576} MB with a plain file name of at most 100 characters (no '/')",
                $"请上传单个不超过{MaxBytes / 1048576}MB的文件，文件名不超过100个字符且不含“/”")
            : null;
}
