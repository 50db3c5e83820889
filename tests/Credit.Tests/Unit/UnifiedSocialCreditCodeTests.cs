using Credit.Identifiers;
using Credit.Testing;

namespace Credit.Tests.Unit;

public sealed class UnifiedSocialCreditCodeTests
{
    [Theory]
    [InlineData("91110000600037341L")]
    [InlineData("91440101MA5CJQ4N59")]
    [InlineData("913502000728319549")]
    [InlineData("11110000000021135M")]
    public void Accepts_valid_codes(string code) => Assert.True(UnifiedSocialCreditCode.Check(code).IsValid);

    [Fact]
    public void Accepts_every_code_of_real_registered_organisations()
    {
        if (Repository.SharedReference is not { } reference)
        {
            return;
        }

        var codes = File.ReadLines(Path.Combine(reference, "uscc-valid.txt")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.NotEmpty(codes);
        Assert.All(codes, code => Assert.True(UnifiedSocialCreditCode.IsValid(code), code));
    }

    [Theory]
    [InlineData("91110000600037341M", "USCC_CHECK_CHARACTER")]
    [InlineData("91110000600037341", "USCC_LENGTH")]
    [InlineData("91110000600037341LL", "USCC_LENGTH")]
    [InlineData("9111000060003734IL", "USCC_CHARACTER")]
    [InlineData("91110000600037341l", "USCC_CHARACTER")]
    [InlineData("", "USCC_EMPTY")]
    public void Rejects_with_the_rule_broken(string code, string reason)
    {
        var result = UnifiedSocialCreditCode.Check(code);
        Assert.False(result.IsValid);
        Assert.Equal(reason, result.ReasonCode);
    }

    [Fact]
    public void A_wrong_check_character_names_the_expected_one()
    {
        var result = UnifiedSocialCreditCode.Check("91110000600037341M");
        Assert.Contains("'L'", result.MessageEn, StringComparison.Ordinal);
        Assert.Contains("“L”", result.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_single_character_change_of_a_valid_code_is_caught()
    {
        const string valid = "91110000600037341L";
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        for (var i = 0; i < valid.Length; i++)
        {
            foreach (var c in alphabet.Where(c => c != valid[i]))
            {
                var changed = valid[..i] + c + valid[(i + 1)..];
                Assert.False(UnifiedSocialCreditCode.IsValid(changed), changed);
            }
        }
    }
}
