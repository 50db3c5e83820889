using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Credit.Records;
using Credit.Storage;

namespace Credit.DishonestyReports;

/// <summary>
/// Reports of dishonesty in table DishonestyReports, one partition each (partition = id): a point read by id, and a
/// table query for the office's and a department's lists and the deadline run (reports are few beside records).
/// </summary>
public sealed class DishonestyReportStore(StorageClients storage)
{
    const string Row = "report";
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");
    readonly TableClient table = storage.Table(StorageNames.DishonestyReportsTable);

    /// <summary>Whether <paramref name="id"/> is a report id: DR and 24 lowercase hex digits.</summary>
    public static bool IsId(string? id) => id is { Length: 26 } && id.StartsWith("DR", StringComparison.Ordinal) && !id.AsSpan(2).ContainsAnyExcept(LowerHex);

    public Task AddAsync(DishonestyReport report, CancellationToken cancellationToken) => table.AddEntityAsync(Entity(report), cancellationToken);

    public async Task<(DishonestyReport Report, ETag ETag)?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsId(id))
        {
            return null;
        }

        var found = await table.GetEntityIfExistsAsync<TableEntity>(id, Row, cancellationToken: cancellationToken);
        return found.HasValue ? (From(found.Value!), found.Value!.ETag) : null;
    }

    /// <summary>Writes the report as changed, if no one changed it since <paramref name="etag"/>; false when someone did.</summary>
    public async Task<bool> ReplaceAsync(DishonestyReport report, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await table.UpdateEntityAsync(Entity(report), etag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>The reports in <paramref name="state"/> (any, when null) assigned to <paramref name="department"/> (any, when null), newest first.</summary>
    public async Task<IReadOnlyList<DishonestyReport>> ListAsync(ReportState? state, string? department, CancellationToken cancellationToken)
    {
        var filters = new List<string>();
        if (state is { } wanted)
        {
            filters.Add(TableClient.CreateQueryFilter($"State eq {wanted.ToString()}"));
        }

        if (department is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"Department eq {department}"));
        }

        var found = new List<DishonestyReport>();
        await foreach (var row in table.QueryAsync<TableEntity>(filters.Count == 0 ? null : string.Join(" and ", filters), cancellationToken: cancellationToken))
        {
            found.Add(From(row));
        }

        return [.. found.OrderByDescending(r => r.FiledAt)];
    }

    /// <summary>The reports whose current step is past its due day and not yet marked overdue, for the deadline run.</summary>
    public async Task<IReadOnlyList<DishonestyReport>> PastDueAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var found = new List<DishonestyReport>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"Due lt {DateText.ToIso(today)} and OverdueMarked eq {false}"), cancellationToken: cancellationToken))
        {
            found.Add(From(row));
        }

        return found;
    }

    static TableEntity Entity(DishonestyReport report) => new(report.Id, Row)
    {
        ["Json"] = JsonSerializer.Serialize(report, Json),
        ["State"] = report.State.ToString(),
        ["Department"] = report.Department,
        ["Due"] = report.Due is { } due ? DateText.ToIso(due) : null,
        ["OverdueMarked"] = report.OverdueMarkedAt is not null,
    };

    static DishonestyReport From(TableEntity row) => JsonSerializer.Deserialize<DishonestyReport>(row.GetString("Json"), Json)!;
}
