using System.Globalization;
using Azure.Data.Tables;
using Credit.Calendar;
using Credit.Storage;
using Microsoft.Extensions.Options;

namespace Credit.Statistics;

/// <summary>
/// 应查必查 (京政发〔2017〕15号; DOMAIN.md: every administrative approval checks the subject first): of the licensing
/// decisions a department made in a month, how many had their subject checked by that department within
/// <see cref="SupervisionOptions.CheckWindowDays"/> days before the decision — by a check that named no approval, or
/// named this one (its 行政许可决定文书号 or 许可编号). Checking anyone else no longer counts. Read from table Records
/// (the department's 16 partitions, decisions of the month) and table CreditChecks (the department's months that the
/// window reaches).
/// </summary>
public sealed class CheckCoverage(StorageClients storage, IOptions<SupervisionOptions> options)
{
    readonly TableClient records = storage.Table(StorageNames.RecordsTable);
    readonly TableClient checks = storage.Table(StorageNames.CreditChecksTable);

    public async Task<(long Decided, long Checked)> OfAsync(string month, string department, CancellationToken cancellationToken)
    {
        if (!Months.TryParse(month, out var first))
        {
            throw new ArgumentException($"'{month}' is not a month (yyyy-MM)", nameof(month));
        }

        var window = options.Value.CheckWindowDays;
        var byDepartment = TableClient.CreateQueryFilter($"PartitionKey ge {department + "-0"} and PartitionKey le {department + "-f"}");
        var filter = byDepartment + " and " + TableClient.CreateQueryFilter(
            $"Kind eq {nameof(Records.RecordKind.License)} and DecisionDate ge {Records.DateText.ToIso(first)} and DecisionDate lt {Records.DateText.ToIso(first.AddMonths(1))}");
        var licences = new List<(string SubjectKey, DateOnly Decided, string? Document, string? Number)>();
        await foreach (var row in records.QueryAsync<TableEntity>(filter, select: ["SubjectKey", "DecisionDate", "DocumentNumber", "XK_XKBH"], cancellationToken: cancellationToken))
        {
            licences.Add((row.GetString("SubjectKey"), DateOnly.ParseExact(row.GetString("DecisionDate"), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                row.GetString("DocumentNumber"), row.GetString("XK_XKBH")));
        }

        if (licences.Count == 0)
        {
            return (0, 0);
        }

        var made = new Dictionary<string, List<(DateOnly Day, string? Approval)>>(StringComparer.Ordinal);
        for (var m = new DateOnly(first.AddDays(-window).Year, first.AddDays(-window).Month, 1); m <= first; m = m.AddMonths(1))
        {
            var partition = $"{department}-{m.ToString("yyyyMM", CultureInfo.InvariantCulture)}";
            await foreach (var row in checks.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["SubjectKey", "At", "ApprovalId"], cancellationToken: cancellationToken))
            {
                var day = DateOnly.FromDateTime(row.GetDateTimeOffset("At")!.Value.ToOffset(BeijingTime.Offset).DateTime);
                (made.TryGetValue(row.GetString("SubjectKey"), out var list) ? list : made[row.GetString("SubjectKey")] = []).Add((day, row.GetString("ApprovalId")));
            }
        }

        var covered = licences.LongCount(l => made.TryGetValue(l.SubjectKey, out var found) && found.Any(c =>
            c.Day <= l.Decided && c.Day >= l.Decided.AddDays(-window) && (c.Approval is null || c.Approval == l.Document || c.Approval == l.Number)));
        return (licences.Count, covered);
    }
}
