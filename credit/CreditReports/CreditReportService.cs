using System.Security.Cryptography;
using System.Text;
using Credit.Identifiers;

namespace Credit.CreditReports;

/// <summary>What the verification of a report tells anyone: whether it is genuine, when it was issued and its hashes, never its content.</summary>
public sealed record CreditReportVerification(
    string Id, bool Authentic, CreditReportKind Kind, DateTimeOffset IssuedAt, string PdfSha256, string HtmlSha256, string Signature, string SignedText, string KeyId, bool? Matches);

/// <summary>
/// 信用报告: ordered by a subject (by its own key), issued by an activity (content gathered, rendered as PDF and HTML,
/// hashed, signed, stored), served by id to the subject, and verified by anyone holding its id: the stored files'
/// hashes are computed again and the signature checked, so that a report changed after issue is not authentic.
/// </summary>
public sealed class CreditReportService(CreditReportStore store, CreditReportComposer composer, ReportSigningKey signingKey, SubjectKeys subjectKeys, TimeProvider clock)
{
    static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>"CR" and 24 lowercase hex digits.</summary>
    public static bool IsId(string? id) =>
        id is { Length: 26 } && id.StartsWith("CR", StringComparison.Ordinal) && !id.AsSpan(2).ContainsAnyExcept(LowerHex);

    /// <summary>
    /// Stores the order (issued now) and returns it; with an idempotency key the same request sent again returns the
    /// first order (<c>Created</c> false), so that a client that retries gets one report. <paramref name="consentId"/>:
    /// ordered by a grantee under that consent of the subject.
    /// </summary>
    public async Task<(StoredCreditReport Report, bool Created)> OrderAsync(
        string subjectKey, CreditReportKind kind, IReadOnlyList<string> fields, IReadOnlyList<string> departments, string? idempotencyKey, string publicApiUrl, CancellationToken cancellationToken,
        string? consentId = null)
    {
        var id = "CR" + (idempotencyKey is null ? RandomNumberGenerator.GetHexString(24, lowercase: true) : subjectKeys.Identifier($"credit-report|{subjectKey}|{consentId}|{idempotencyKey}", 24));
        var order = new CreditReportOrder(id, subjectKey, kind, fields, departments, clock.GetUtcNow(), $"{publicApiUrl.TrimEnd('/')}/reports/{id}/verification", consentId);
        // A new order is what was stored; only one sent again reads the first.
        return await store.AddAsync(order, cancellationToken)
            ? (new StoredCreditReport(id, subjectKey, kind, order.IssuedAt, CreditReportStatus.Pending, order), true)
            : (await store.GetAsync(id, cancellationToken) ?? throw new InvalidOperationException($"credit report {id} was not stored"), false);
    }

    /// <summary>The activity's work: renders, hashes, signs and stores the report; an issued one is left as it is.</summary>
    public async Task IssueAsync(string id, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(id, cancellationToken) ?? throw new InvalidOperationException($"credit report {id} is not ordered");
        if (stored.Status == CreditReportStatus.Ready)
        {
            return;
        }

        var report = await composer.ComposeAsync(stored.Order, cancellationToken);
        var (pdf, html) = (CreditReportPdf.Render(report), CreditReportHtml.Render(report));
        var (_, keyId) = await signingKey.PublicKeyAsync(cancellationToken);
        var hashed = stored with { PdfSha256 = Sha256(pdf), HtmlSha256 = Sha256(Encoding.UTF8.GetBytes(html)), KeyId = keyId };
        await store.IssueAsync(hashed with { Signature = await signingKey.SignAsync(hashed.SignedText, cancellationToken) }, pdf, html, cancellationToken);
    }

    /// <summary>
    /// Checks a report: its stored files hash as signed, and the signature holds. <paramref name="sha256"/>: the hash of a
    /// copy the verifier holds, compared with both renderings. Null for an unknown id or one not issued yet.
    /// </summary>
    public async Task<CreditReportVerification?> VerifyAsync(string id, string? sha256, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { Status: CreditReportStatus.Ready } issued)
        {
            return null;
        }

        var pdf = await store.FileAsync(id, CreditReportStore.PdfFile, cancellationToken);
        var html = await store.FileAsync(id, CreditReportStore.HtmlFile, cancellationToken);
        var authentic = pdf is not null && html is not null
            && Sha256(pdf.ToArray()) == issued.PdfSha256 && Sha256(html.ToArray()) == issued.HtmlSha256
            && await signingKey.VerifyAsync(issued.SignedText, issued.Signature!, cancellationToken);
        bool? matches = sha256 is null ? null : string.Equals(sha256, issued.PdfSha256, StringComparison.OrdinalIgnoreCase) || string.Equals(sha256, issued.HtmlSha256, StringComparison.OrdinalIgnoreCase);
        return new CreditReportVerification(id, authentic, issued.Kind, issued.IssuedAt, issued.PdfSha256!, issued.HtmlSha256!, issued.Signature!, issued.SignedText, issued.KeyId!, matches);
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
