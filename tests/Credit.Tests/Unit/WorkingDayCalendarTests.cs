using System.Text.Json;
using Credit.Calendar;
using Credit.Testing;

namespace Credit.Tests.Unit;

public sealed class WorkingDayCalendarTests
{
    readonly WorkingDayCalendar calendar = WorkingDayCalendar.Default;

    [Theory]
    [InlineData("2017-03-31", "2017-04-12")]
    [InlineData("2019-04-26", "2019-05-08")]
    [InlineData("2020-01-20", "2020-02-06")]
    [InlineData("2024-09-27", "2024-10-12")]
    [InlineData("2026-02-12", "2026-02-28")]
    public void Seventh_working_day_after_a_decision(string decision, string expected)
    {
        var result = calendar.AddWorkingDays(DateOnly.Parse(decision, System.Globalization.CultureInfo.InvariantCulture), 7);
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), result.Date);
        Assert.False(result.IsEstimate);
    }

    [Fact]
    public void Every_date_of_the_State_Council_arrangements_agrees()
    {
        if (Repository.SharedReference is not { } reference)
        {
            return;
        }

        var checkedDates = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(reference, "holidays"), "20*.json"))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var day in document.RootElement.GetProperty("days").EnumerateArray())
            {
                var date = DateOnly.Parse(day.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                var offDay = day.GetProperty("isOffDay").GetBoolean();
                Assert.True(calendar.HasArrangement(date.Year) || date.Month == 12, $"{date} lies in a year without arrangement");
                Assert.Equal(!offDay, calendar.IsWorkingDay(date) ?? !offDay);
                checkedDates++;
            }
        }

        Assert.True(checkedDates > 300, $"only {checkedDates} reference dates were read");
    }

    [Fact]
    public void Ten_years_of_arrangements_are_loaded() => Assert.Equal(Enumerable.Range(2017, 10), calendar.LoadedYears.Order());

    [Fact]
    public void A_deadline_reaching_into_a_year_without_arrangement_is_flagged()
    {
        var result = calendar.AddWorkingDays(new DateOnly(2026, 12, 28), 7);
        Assert.True(result.IsEstimate);
        Assert.Equal([2027], result.YearsWithoutArrangement);
        Assert.Null(calendar.IsWorkingDay(new DateOnly(2027, 1, 4)));
    }

    [Fact]
    public void Makeup_Saturday_counts_and_holiday_weekday_does_not()
    {
        Assert.True(calendar.IsWorkingDay(new DateOnly(2024, 10, 12)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2024, 10, 1)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2024, 10, 13)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2024, 10, 8)));
    }

    [Fact]
    public void Counting_is_the_inverse_of_adding()
    {
        var from = new DateOnly(2020, 1, 20);
        var deadline = calendar.AddWorkingDays(from, 7).Date;
        Assert.Equal(7, calendar.CountWorkingDays(from, deadline).Days);
    }
}
