using Credit.Records;

namespace Credit.Tests.Unit;

public sealed class DateTextTests
{
    [Theory]
    [InlineData("2017-03-31")]
    [InlineData("2017/3/31")]
    [InlineData("2017年3月31日")]
    [InlineData(" 2017-03-31 00:00:00 ")]
    [InlineData("2017/03/31 8:30")]
    [InlineData("2017-3-31")]
    public void Reads_the_ways_departments_write_dates(string text)
    {
        Assert.True(DateText.TryParse(text, out var date));
        Assert.Equal(new DateOnly(2017, 3, 31), date);
    }

    [Theory]
    [InlineData("2017-02-30")]
    [InlineData("2017-02-29")]
    [InlineData("2017-13-01")]
    [InlineData("2017-00-10")]
    [InlineData("2017-03-00")]
    [InlineData("1948-12-31")]
    [InlineData("2101-01-01")]
    [InlineData("２０１７-03-31")]
    [InlineData("٢٠١٧-٠٣-٣١")]
    [InlineData("2017.03.31")]
    [InlineData("31/03/2017")]
    [InlineData("2017-3")]
    [InlineData("长期")]
    [InlineData("")]
    public void Rejects_what_is_not_a_date(string text) => Assert.False(DateText.TryParse(text, out _));

    [Theory]
    [InlineData("2016-02-29", 2016, 2, 29)]
    [InlineData("1949-01-01", 1949, 1, 1)]
    [InlineData("2100-12-31", 2100, 12, 31)]
    public void Reads_leap_days_and_the_ends_of_the_range(string text, int year, int month, int day)
    {
        Assert.True(DateText.TryParse(text, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }
}
