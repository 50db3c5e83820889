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

    readonly JsonRowTable<DishonestyReport> table = new(storage.Table(StorageNames.DishonestyReportsTable), r => (r.Id, Row), r =>
    [
        new("State", r.State.ToString()),
        new("Department", r.Department),
        new("Due", r.Due is { } due ? DateText.ToIso(due) : null),
        new("OverdueMarked", r.OverdueMarkedAt is not null),
        new("RemindOn", r.RemindOn is { } remind ? DateText.ToIso(remind) : null),
        new("Reminded", r.RemindedAt is not null),
    ]);

    /// <summary>Whether <paramref name="id"/> is a report id: DR and 24 lowercase hex digits.</summary>
    public static bool IsId(string? id) => PrefixedId.Is(id, "DR");

    public Task AddAsync(DishonestyReport report, CancellationToken cancellationToken) => table.AddAsync(report, cancellationToken);

    public async Task<(DishonestyReport Report, ETag ETag)?> GetAsync(string id, CancellationToken cancellationToken) =>
        IsId(id) ? await table.GetAsync(id, Row, cancellationToken) : null;

    /// <summary>Writes the report as changed, if no one changed it since <paramref name="etag"/>; false when someone did.</summary>
    public Task<bool> ReplaceAsync(DishonestyReport report, ETag etag, CancellationToken cancellationToken) => table.ReplaceAsync(report, etag, cancellationToken);

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

        return [.. (await table.QueryAsync(filters.Count == 0 ? null : string.Join(" and ", filters), cancellationToken)).OrderByDescending(r => r.FiledAt)];
    }

    /// <summary>The reports whose current step is to be reminded and was not, or is past its due day and was not marked overdue: for the deadline run.</summary>
    public Task<IReadOnlyList<DishonestyReport>> DueAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var day = DateText.ToIso(today);
        return table.QueryAsync(TableClient.CreateQueryFilter($"(Due lt {day} and OverdueMarked eq {false}) or (RemindOn le {day} and Reminded eq {false})"), cancellationToken);
    }
}
