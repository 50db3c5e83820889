using Credit.Calendar;

namespace Credit.Tests.Unit;

/// <summary>The health check's holiday rule: this year always, the next from 1 December.</summary>
public sealed class HolidayCoverageTests
{
    [Theory]
    [InlineData("2026-11-30", true)]
    [InlineData("2026-12-01", false)]
    [InlineData("2025-12-15", true)]
    [InlineData("2027-03-01", false)]
    public void Covered_this_year_and_from_December_the_next(string today, bool covered)
    {
        var (isCovered, detail) = HolidayCoverage.Check(WorkingDayCalendar.LoadEmbedded(), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(covered, isCovered);
        Assert.Equal(covered, !detail.Contains("PUT /api/calendar/years/", StringComparison.Ordinal));
    }

    [Fact]
    public void An_added_year_covers_it()
    {
        var calendar = WorkingDayCalendar.LoadEmbedded();
        using var json = System.Text.Json.JsonDocument.Parse("""{"notices":["https://www.gov.cn/x"],"offDays":{"2027-01-01":"元旦"},"makeupWorkdays":{}}""");
        var (year, errors) = YearArrangement.Parse(2027, json.RootElement);
        Assert.Empty(errors);
        calendar.Use([year!]);
        Assert.True(HolidayCoverage.Check(calendar, new DateOnly(2026, 12, 1)).Covered);
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 1, 1)));
        Assert.False(WorkingDayCalendar.Default.HasArrangement(2027));
    }
}
