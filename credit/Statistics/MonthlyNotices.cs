using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Credit.Departments;
using Credit.Storage;
using Microsoft.Extensions.Options;

namespace Credit.Statistics;

/// <summary>Builds the monthly notice from a month's figures and keeps it, as JSON and printable HTML, in container reports.</summary>
public sealed class MonthlyNotices(StatisticsStore store, StatisticsLedger ledger, DepartmentRegistry registry, JointCases.CaseStore cases, StorageClients storage, IOptions<SupervisionOptions> options, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<MonthlyNotice> BuildAsync(string month, CancellationToken cancellationToken)
    {
        var thresholds = options.Value;
        var names = (await registry.ListAsync(cancellationToken)).ToDictionary(d => d.Code, d => d.Name, StringComparer.Ordinal);
        var (figures, disclosures) = await store.MonthAsync(month, cancellationToken);
        var named = new List<NamedDepartment>();
        foreach (var f in figures.OrderBy(f => f.Department, StringComparer.Ordinal))
        {
            var shortfalls = Shortfalls(f, thresholds);
            if (shortfalls.Count == 0)
            {
                continue;
            }

            var overdue = (await ledger.OverdueAsync(month, f.Department, cancellationToken))
                .Concat((disclosures.GetValueOrDefault(f.Department) ?? []).Select(d => new OverdueItem(StatisticKinds.DisclosureOverdue, $"record:{d.RecordId}", Calendar.BeijingTime.StartOf(d.Deadline.AddDays(1)))))
                .ToList();
            named.Add(new NamedDepartment(f.Department, names.GetValueOrDefault(f.Department, f.Department), f, shortfalls, overdue));
        }

        var first = Months.TryParse(month, out var parsed) ? parsed : throw new ArgumentException($"'{month}' is not a month (yyyy-MM)", nameof(month));
        var monthEnd = Calendar.BeijingTime.StartOf(first.AddMonths(1));
        var handled = figures.Select(f => f.Integrity?.ComplaintHandling ?? Timeliness.None).ToList();
        var officeHandling = new Timeliness(handled.Sum(h => h.OnTime), handled.Sum(h => h.Late), handled.Sum(h => h.Overdue));
        return new MonthlyNotice(month, clock.GetUtcNow(), clock.GetUtcNow() >= monthEnd, thresholds, figures.Count, named, await cases.UnimplementedAsync(null, cancellationToken), officeHandling);
    }

    public async Task<MonthlyNotice> WriteAsync(string month, CancellationToken cancellationToken)
    {
        var notice = await BuildAsync(month, cancellationToken);
        var container = storage.Container(StorageNames.ReportsContainer);
        await container.GetBlobClient(BlobName(month, "json")).UploadAsync(BinaryData.FromString(JsonSerializer.Serialize(notice, Json)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" } }, cancellationToken);
        await container.GetBlobClient(BlobName(month, "html")).UploadAsync(BinaryData.FromString(MonthlyNoticeHtml.Render(notice)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/html; charset=utf-8" } }, cancellationToken);
        return notice;
    }

    /// <summary>The stored notice ("json" or "html"), or null when no run has written it yet.</summary>
    public async Task<BinaryData?> ReadAsync(string month, string format, CancellationToken cancellationToken)
    {
        try
        {
            return (await storage.Container(StorageNames.ReportsContainer).GetBlobClient(BlobName(month, format)).DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Whether the month's stored notice was written before the month ended (and so must be written again, final).</summary>
    public async Task<bool> IsProvisionalAsync(string month, CancellationToken cancellationToken)
    {
        var stored = await ReadAsync(month, "json", cancellationToken);
        return stored is not null && JsonDocument.Parse(stored).RootElement.GetProperty("final").GetBoolean() is false;
    }

    public static string BlobName(string month, string format) => $"{month}/notice.{format}";

    static List<Shortfall> Shortfalls(DepartmentStatistics f, SupervisionOptions t)
    {
        var found = new List<Shortfall>();
        if (f.Disclosure.OnTimeShare is { } disclosed && disclosed < t.MinDisclosureOnTimeShare)
        {
            found.Add(new Shortfall("DISCLOSURE_ON_TIME", $"7个工作日内公示率{Percent(disclosed)}，低于{Percent(t.MinDisclosureOnTimeShare)}",
                $"{Percent(disclosed)} disclosed within 7 working days, below {Percent(t.MinDisclosureOnTimeShare)}"));
        }

        if (f.Feedback.OnTimeShare is { } answered && answered < t.MinFeedbackOnTimeShare)
        {
            found.Add(new Shortfall("FEEDBACK_ON_TIME", $"按期执行反馈率{Percent(answered)}，低于{Percent(t.MinFeedbackOnTimeShare)}",
                $"{Percent(answered)} of execution feedback on time, below {Percent(t.MinFeedbackOnTimeShare)}"));
        }

        if (f.Sharing?.OnTimeShare is { } shared && shared < t.MinSharingOnTimeShare)
        {
            found.Add(new Shortfall("SHARING_ON_TIME", $"共享及时率{Percent(shared)}，低于{Percent(t.MinSharingOnTimeShare)}",
                $"{Percent(shared)} of published records shared with the national and regional platforms on time, below {Percent(t.MinSharingOnTimeShare)}"));
        }

        if (f.Commitments?.Deficiencies.OnTimeShare is { } supplied && supplied < t.MinDeficiencyOnTimeShare)
        {
            found.Add(new Shortfall("DEFICIENCY_ON_TIME", $"容缺材料按期补交率{Percent(supplied)}，低于{Percent(t.MinDeficiencyOnTimeShare)}",
                $"{Percent(supplied)} of 容缺受理 commitments had their missing items supplied by the due day, below {Percent(t.MinDeficiencyOnTimeShare)}"));
        }

        if (f.CheckCoverage is { } coverage && coverage < t.MinCheckCoverage)
        {
            found.Add(new Shortfall("CHECK_COVERAGE", $"应查必查覆盖率{Percent(coverage)}（许可前查询主体的{f.LicencesChecked}件/许可决定{f.LicencesDecided}件），低于{Percent(t.MinCheckCoverage)}",
                $"credit checks cover {Percent(coverage)} of licensing decisions ({f.LicencesChecked} of {f.LicencesDecided} had their subject checked before the decision), below {Percent(t.MinCheckCoverage)}"));
        }

        if (f.Integrity?.ComplaintsUpheld is { } upheld && upheld > t.MaxComplaintsUpheld)
        {
            found.Add(new Shortfall("COMPLAINTS_UPHELD", $"政府违约失信投诉成立{upheld}件", $"{upheld} complaints of its breach of contract or promise upheld (政务失信)"));
        }

        if (f.OverdueItems > t.MaxOverdueItems)
        {
            found.Add(new Shortfall("OVERDUE_ITEMS", $"逾期事项{f.OverdueItems}项", $"{f.OverdueItems} overdue items"));
        }

        return found;
    }

    static string Percent(double share) => share.ToString("0.#%", CultureInfo.InvariantCulture);
}
