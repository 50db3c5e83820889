using Azure;
using Azure.Data.Tables;
using Credit.Storage;

namespace Credit.JointCases;

/// <summary>How an amendment request was received under its idempotency key.</summary>
public enum AmendmentReceipt
{
    /// <summary>The first request under this key.</summary>
    New,

    /// <summary>The same request again (a client retrying): its signal is raised again, and the case applies it once.</summary>
    Repeated,

    /// <summary>The key was used for a different amendment of this case.</summary>
    KeyReused,
}

/// <summary>
/// The amendments requested of each case (table CaseAmendments, partition = the case, row = the request's
/// Idempotency-Key), so that a request sent again is recognised: an amendment is not idempotent by itself (each
/// one opens a new round of pushes), its key makes it so.
/// </summary>
public sealed class CaseAmendments(StorageClients storage, TimeProvider clock)
{
    /// <summary>The longest idempotency key taken (a UUID is 36 characters).</summary>
    public const int MaxKeyLength = 100;

    readonly TableClient table = storage.Table(StorageNames.CaseAmendmentsTable);

    /// <summary>Null when the key is one the API takes: 1 to <see cref="MaxKeyLength"/> visible ASCII characters.</summary>
    public static string? WhyNotKey(string key) =>
        key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~')
            ? $"Idempotency-Key must be 1 to {MaxKeyLength} visible ASCII characters (a UUID, for example)"
            : null;

    /// <summary>Keeps that the case applied the amendment received under <paramref name="key"/>, as round <paramref name="round"/>.</summary>
    public async Task MarkAppliedAsync(string caseId, string key, int round, CancellationToken cancellationToken = default)
    {
        try
        {
            await table.UpdateEntityAsync(new TableEntity(TableKeys.Escape(caseId), TableKeys.Escape(key)) { ["AppliedInRound"] = round, ["Key"] = key }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Not received through the API (no receipt to mark): nothing a client can send again.
        }
    }

    /// <summary>The keys of the amendments the case has applied (one partition query).</summary>
    public async Task<IReadOnlyList<string>> AppliedAsync(string caseId, CancellationToken cancellationToken = default)
    {
        var applied = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == TableKeys.Escape(caseId), select: ["Key", "AppliedInRound"], cancellationToken: cancellationToken))
        {
            if (row.GetInt32("AppliedInRound") is not null && row.GetString("Key") is { } key)
            {
                // The key as sent: a row key is its escaped form.
                applied.Add(key);
            }
        }

        return applied;
    }

    public async Task<AmendmentReceipt> ReceiveAsync(string caseId, string key, int? periodMonths, bool refreshMeasures, string reason, CancellationToken cancellationToken = default)
    {
        var request = $"{periodMonths}|{refreshMeasures}|{reason}";
        var (partition, row) = (TableKeys.Escape(caseId), TableKeys.Escape(key));
        try
        {
            await table.AddEntityAsync(new TableEntity(partition, row) { ["Request"] = request, ["ReceivedAt"] = clock.GetUtcNow() }, cancellationToken);
            return AmendmentReceipt.New;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var stored = await table.GetEntityAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
            return stored.Value.GetString("Request") == request ? AmendmentReceipt.Repeated : AmendmentReceipt.KeyReused;
        }
    }
}
