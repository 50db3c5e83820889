using System.Text.Json;
using Azure.Data.Tables;
using Credit.Storage;

namespace Credit.Statistics;

/// <summary>A record still unpublished after its disclosure deadline.</summary>
public sealed record OverdueDisclosure(string RecordId, DateOnly Deadline);

/// <summary>A month's figures of every department, and the overdue disclosures each department's row lists.</summary>
public sealed record MonthFigures(IReadOnlyList<DepartmentStatistics> Figures, IReadOnlyDictionary<string, IReadOnlyList<OverdueDisclosure>> OverdueDisclosures);

/// <summary>
/// The computed figures, table Statistics: partition = month, row = department. "Figures" holds what the counted
/// facts give; "DisclosureOverdue" the snapshot of records still unpublished past their deadline (and
/// "DisclosureOverdueItems" which), and
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

    /// <summary>The most overdue disclosures a row lists (a table property holds 64 KiB); the count is always whole.</summary>
    public const int MaxListedDisclosures = 400;

    /// <summary>The snapshot of a department's records still unpublished past their deadline: how many, and which (the first <see cref="MaxListedDisclosures"/> by deadline).</summary>
    public Task SaveDisclosureOverdueAsync(string month, string department, IReadOnlyList<OverdueDisclosure> overdue, CancellationToken cancellationToken) =>
        table.UpsertEntityAsync(new TableEntity(month, department)
        {
            ["DisclosureOverdue"] = (long)overdue.Count,
            ["DisclosureOverdueItems"] = JsonSerializer.Serialize(Listed(overdue), Json),
        }, TableUpdateMode.Merge, cancellationToken);

    /// <summary>Which of a department's overdue disclosures its row lists: the longest overdue first.</summary>
    public static IEnumerable<OverdueDisclosure> Listed(IEnumerable<OverdueDisclosure> overdue) =>
        overdue.OrderBy(o => o.Deadline).ThenBy(o => o.RecordId, StringComparer.Ordinal).Take(MaxListedDisclosures);

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
    public async Task<IReadOnlyList<DepartmentStatistics>> OfMonthAsync(string month, CancellationToken cancellationToken) =>
        (await MonthAsync(month, cancellationToken)).Figures;

    /// <summary>Every department with figures in the month, and the overdue disclosures each row lists (one partition query).</summary>
    public async Task<MonthFigures> MonthAsync(string month, CancellationToken cancellationToken)
    {
        var figures = new List<DepartmentStatistics>();
        var overdue = new Dictionary<string, IReadOnlyList<OverdueDisclosure>>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == month, cancellationToken: cancellationToken))
        {
            figures.Add(FromEntity(row));
            if (row.GetString("DisclosureOverdueItems") is { Length: > 2 } json)
            {
                overdue[row.RowKey] = JsonSerializer.Deserialize<List<OverdueDisclosure>>(json, Json)!;
            }
        }

        return new MonthFigures(figures, overdue);
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
