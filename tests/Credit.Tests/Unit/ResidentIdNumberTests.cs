using Credit.Identifiers;

namespace Credit.Tests.Unit;

public sealed class ResidentIdNumberTests
{
    [Theory]
    [InlineData("360426199101010071")]
    [InlineData("11010519491231002X")]
    [InlineData("11010519491231002x")]
    public void Accepts_valid_numbers(string number) => Assert.True(ResidentIdNumber.IsValid(number));

    [Theory]
    [InlineData("360426199101010072", "RESIDENT_ID_CHECK_CHARACTER")]
    [InlineData("36042619910101007", "RESIDENT_ID_LENGTH")]
    [InlineData("36042619910A010071", "RESIDENT_ID_CHARACTER")]
    [InlineData("360426199113010071", "RESIDENT_ID_BIRTH_DATE")]
    [InlineData("", "RESIDENT_ID_EMPTY")]
    public void Rejects_with_the_rule_broken(string number, string reason) => Assert.Equal(reason, ResidentIdNumber.Check(number).ReasonCode);

    [Fact]
    public void Messages_never_repeat_the_number()
    {
        var result = ResidentIdNumber.Check("360426199101010072");
        Assert.DoesNotContain("3604261991", result.MessageEn, StringComparison.Ordinal);
        Assert.DoesNotContain("3604261991", result.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Masking_keeps_the_first_six_and_last_four() => Assert.Equal("110105********002X", ResidentIdNumber.Mask("11010519491231002X"));
}
