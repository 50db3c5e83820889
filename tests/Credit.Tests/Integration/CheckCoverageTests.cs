using Credit.Calendar;
using Credit.JointCases;
using Credit.Lists;
using Credit.Records;
using Credit.Statistics;
using Credit.Storage;
using Credit.Testing;
using Credit.Tests.Support;
using Microsoft.Extensions.Options;

namespace Credit.Tests.Integration;

/// <summary>应查必查 coverage from stored licences and checks: a licence counts when its subject was checked, for it, in the days before it.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class CheckCoverageTests(Azurite azurite)
{
    static readonly string Department = Rows.DepartmentCode(951);
    readonly StorageClients storage = StorageClients.FromConnectionString(azurite.ConnectionString);

    static Dictionary<string, string> Licence(string document, string subject) => new()
    {
        ["行政相对人名称"] = "北京示例有限公司", ["行政相对人类别"] = "法人及非法人组织", ["统一社会信用代码"] = subject,
        ["行政许可决定文书名称"] = "许可决定书", ["行政许可决定文书号"] = document, ["许可类别"] = "普通", ["许可内容"] = "经营许可",
        ["许可决定日期"] = "2025-04-15", ["有效期自"] = "2025-04-15", ["有效期至"] = "2030-04-14", ["许可机关"] = "北京市某局",
        ["许可机关统一社会信用代码"] = Department, ["当前状态"] = "有效", ["数据来源单位"] = "北京市某局", ["数据来源单位统一社会信用代码"] = Department,
    };

    async Task CheckAsync(string subject, string day, string? approval, string department)
    {
        var clock = new ShiftedClock(DateTimeOffset.Parse($"{day}T04:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await new CreditCheck(new ListStore(storage, TestStorage.DataKeys(storage)), new CaseStore(storage), storage, new StatisticsLedger(storage), clock)
            .CheckAsync(subject, department, approval);
    }

    [Fact]
    public async Task A_licence_counts_when_its_subject_was_checked_for_it_by_its_department_within_the_window_before_the_decision()
    {
        await storage.EnsureCreatedAsync();
        var subjects = Enumerable.Range(961, 6).Select(Rows.DepartmentCode).ToArray();
        var records = subjects.Select((s, i) => new RecordValidator(RecordSchema.License, Department, new DateOnly(2025, 4, 20), WorkingDayCalendar.Default, 7, Rows.SubjectKeys)
            .Validate(Rows.Raw(RecordSchema.License, i + 2, Licence($"京某许〔2025〕{i + 1}号", s))).Record!).ToList();
        await TestStorage.Records(storage, TimeProvider.System).SaveAsync(records, "coverage", CancellationToken.None);

        await CheckAsync(subjects[0], "2025-04-05", null, Department);                  // checked, no approval named: counts
        await CheckAsync(subjects[1], "2025-03-20", "京某许〔2025〕2号", Department);     // for this approval, 26 days before: counts
        await CheckAsync(subjects[2], "2025-04-10", "京某许〔2025〕9号", Department);     // for another approval: does not
        await CheckAsync(subjects[3], "2025-03-10", null, Department);                  // 36 days before, past the 30-day window
        await CheckAsync(subjects[4], "2025-04-16", null, Department);                  // the day after the decision
        await CheckAsync(subjects[5], "2025-04-10", null, Rows.DepartmentCode(952));    // by another department

        var coverage = new CheckCoverage(storage, Options.Create(new SupervisionOptions()));
        Assert.Equal((6L, 2L), await coverage.OfAsync("2025-04", Department, CancellationToken.None));
        Assert.Equal((0L, 0L), await coverage.OfAsync("2025-03", Department, CancellationToken.None));
    }
}
