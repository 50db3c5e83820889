using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Credit.Storage;

namespace Credit.CreditReports;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<CreditReportStatus>))]
public enum CreditReportStatus
{
    Pending,
    Ready,
}

/// <summary>
/// A report as stored: whose it is, what was asked, and once issued the SHA-256 of its PDF and HTML and the signature
/// over <see cref="SignedText"/>. The files are in container credit-reports ({id}/report.pdf, {id}/report.html).
/// </summary>
public sealed record StoredCreditReport(
    string Id, string SubjectKey, CreditReportKind Kind, DateTimeOffset IssuedAt, CreditReportStatus Status, CreditReportOrder Order,
    string? PdfSha256 = null, string? HtmlSha256 = null, string? Signature = null, string? KeyId = null)
{
    /// <summary>What the signature covers: the report's identity, issue time and the hashes of both renderings.</summary>
    public string SignedText => $"credit-report|v1|{Id}|{Kind}|{IssuedAt.UtcDateTime:O}|{PdfSha256}|{HtmlSha256}";
}

/// <summary>Table CreditReports (partition = report id) and the report files in container credit-reports.</summary>
public sealed class CreditReportStore(StorageClients storage)
{
    public const string PdfFile = "report.pdf";
    public const string HtmlFile = "report.html";

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    readonly TableClient table = storage.Table(StorageNames.CreditReportsTable);

    /// <summary>Stores an order; false when a report of that id exists (an order sent again).</summary>
    public async Task<bool> AddAsync(CreditReportOrder order, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(new TableEntity(order.Id, string.Empty)
            {
                ["SubjectKey"] = order.SubjectKey, ["Kind"] = order.Kind.ToString(), ["IssuedAt"] = order.IssuedAt,
                ["Status"] = CreditReportStatus.Pending.ToString(), ["Order"] = JsonSerializer.Serialize(order, Json),
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<StoredCreditReport?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(id, string.Empty, cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }

        var e = row.Value!;
        return new StoredCreditReport(
            id, e.GetString("SubjectKey"), Enum.Parse<CreditReportKind>(e.GetString("Kind")), e.GetDateTimeOffset("IssuedAt")!.Value,
            Enum.Parse<CreditReportStatus>(e.GetString("Status")), JsonSerializer.Deserialize<CreditReportOrder>(e.GetString("Order"), Json)!,
            e.GetString("PdfSha256"), e.GetString("HtmlSha256"), e.GetString("Signature"), e.GetString("KeyId"));
    }

    /// <summary>Stores both files, then marks the report issued with its hashes and signature (a retry writes the same again).</summary>
    public async Task IssueAsync(StoredCreditReport issued, byte[] pdf, string html, CancellationToken cancellationToken)
    {
        var files = storage.Container(StorageNames.CreditReportsContainer);
        await files.GetBlobClient($"{issued.Id}/{PdfFile}").UploadAsync(BinaryData.FromBytes(pdf),
            new Azure.Storage.Blobs.Models.BlobUploadOptions { HttpHeaders = new() { ContentType = "application/pdf" } }, cancellationToken);
        await files.GetBlobClient($"{issued.Id}/{HtmlFile}").UploadAsync(BinaryData.FromString(html),
            new Azure.Storage.Blobs.Models.BlobUploadOptions { HttpHeaders = new() { ContentType = "text/html; charset=utf-8" } }, cancellationToken);
        await table.UpdateEntityAsync(new TableEntity(issued.Id, string.Empty)
        {
            ["Status"] = CreditReportStatus.Ready.ToString(), ["PdfSha256"] = issued.PdfSha256, ["HtmlSha256"] = issued.HtmlSha256,
            ["Signature"] = issued.Signature, ["KeyId"] = issued.KeyId,
        }, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<BinaryData?> FileAsync(string id, string file, CancellationToken cancellationToken)
    {
        try
        {
            return (await storage.Container(StorageNames.CreditReportsContainer).GetBlobClient($"{id}/{file}").DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
