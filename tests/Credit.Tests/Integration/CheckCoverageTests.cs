using Credit.Calendar;
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

    async Task CheckAsync(string subject, string day, string? approval, string department)
    {
        var clock = new ShiftedClock(DateTimeOffset.Parse($"{day}T04:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await TestStorage.CreditCheck(storage, clock).CheckAsync(subject, department, approval);
    }

    [Fact]
    public async Task A_licence_counts_when_its_subject_was_checked_for_it_by_its_department_within_the_window_before_the_decision()
    {
        await storage.EnsureCreatedAsync();
        var subjects = Enumerable.Range(961, 6).Select(Rows.DepartmentCode).ToArray();
        var records = subjects.Select((s, i) => Rows.LicenceRecord(Rows.Licence($"京某许〔2025〕{i + 1}号", s, Department), Department, new DateOnly(2025, 4, 20), i + 2)).ToList();
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
