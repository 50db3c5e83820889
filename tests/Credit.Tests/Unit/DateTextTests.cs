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
    public void Reads_the_ways_departments_write_dates(string text)
    {
        Assert.True(DateText.TryParse(text, out var date));
        Assert.Equal(new DateOnly(2017, 3, 31), date);
    }

    [Theory]
    [InlineData("2017-02-30")]
    [InlineData("2017.03.31")]
    [InlineData("31/03/2017")]
    [InlineData("2017-3")]
    [InlineData("长期")]
    [InlineData("")]
    public void Rejects_what_is_not_a_date(string text) => Assert.False(DateText.TryParse(text, out _));
}
