using System.Text.Json;
using Azure.Data.Tables;
using Credit.Storage;

namespace Credit.Statistics;

/// <summary>
/// The computed figures, table Statistics: partition = month, row = department. "Figures" holds what the counted
/// facts give; "DisclosureOverdue" the snapshot of records still unpublished past their deadline, and
/// "LicencesDecided"/"LicencesChecked" the coverage snapshot, kept apart because they are read from the disclosure
/// queue and from the records and checks, not from facts.
/// </summary>
public sealed class StatisticsStore(StorageClients storage)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    readonly TableClient table = storage.Table(StorageNames.StatisticsTable);

    public Task SaveAsync(DepartmentStatistics figures, CancellationToken cancellationToken) =>
        table.UpsertEntityAsync(new TableEntity(figures.Month, figures.Department)
        {
            ["Figures"] = JsonSerializer.Serialize(figures, Json),
        }, TableUpdateMode.Merge, cancellationToken);

    /// <summary>The coverage snapshot (<see cref="CheckCoverage"/>): licences decided in the month and those checked before.</summary>
    public Task SaveCoverageAsync(string month, string department, long decided, long checkedBefore, CancellationToken cancellationToken) =>
        table.UpsertEntityAsync(new TableEntity(month, department) { ["LicencesDecided"] = decided, ["LicencesChecked"] = checkedBefore }, TableUpdateMode.Merge, cancellationToken);

    public Task SaveDisclosureOverdueAsync(string month, string department, long overdue, CancellationToken cancellationToken) =>
        table.UpsertEntityAsync(new TableEntity(month, department) { ["DisclosureOverdue"] = overdue }, TableUpdateMode.Merge, cancellationToken);

    /// <summary>Whether any department of the month has a disclosure overdue snapshot above zero (a query that returns only those).</summary>
    public async Task<bool> AnyDisclosureOverdueAsync(string month, CancellationToken cancellationToken)
    {
        await foreach (var _ in table.QueryAsync<TableEntity>(e => e.PartitionKey == month && e.GetInt64("DisclosureOverdue") > 0, maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            return true;
        }

        return false;
    }

    /// <summary>Every department with figures in the month (one partition query).</summary>
    public async Task<IReadOnlyList<DepartmentStatistics>> OfMonthAsync(string month, CancellationToken cancellationToken)
    {
        var figures = new List<DepartmentStatistics>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == month, cancellationToken: cancellationToken))
        {
            figures.Add(FromEntity(row));
        }

        return figures;
    }

    public async Task<DepartmentStatistics?> GetAsync(string month, string department, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(month, department, cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    static DepartmentStatistics FromEntity(TableEntity row)
    {
        var figures = row.GetString("Figures") is { } json
            ? JsonSerializer.Deserialize<DepartmentStatistics>(json, Json)!
            : DepartmentStatistics.Empty(row.PartitionKey, row.RowKey);
        return figures with
        {
            Disclosure = figures.Disclosure with { Overdue = row.GetInt64("DisclosureOverdue") ?? 0 },
            LicencesDecided = row.GetInt64("LicencesDecided") ?? 0,
            LicencesChecked = row.GetInt64("LicencesChecked") ?? 0,
        };
    }
}
