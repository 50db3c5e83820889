namespace Credit.Identifiers;

/// <summary>统一社会信用代码 (GB 32100-2015): 18 characters, the last a check character over the first 17.</summary>
public static class UnifiedSocialCreditCode
{
    public const int Length = 18;
    const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static bool IsValid(string? code) => Check(code).IsValid;

    public static CheckResult Check(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return CheckResult.Invalid("USCC_EMPTY", "统一社会信用代码为空", "the unified social credit code is empty");
        }

        if (code.Length != Length)
        {
            return CheckResult.Invalid(
                "USCC_LENGTH",
                $"统一社会信用代码应为18位，实际为{code.Length}位",
                $"the unified social credit code must have 18 characters, it has {code.Length}");
        }

        for (var i = 0; i < Length; i++)
        {
            if (Alphabet.IndexOf(code[i], StringComparison.Ordinal) < 0)
            {
                return CheckResult.Invalid(
                    "USCC_CHARACTER",
                    $"统一社会信用代码第{i + 1}位“{code[i]}”不是允许的字符（数字或除I、O、S、V、Z外的大写字母）",
                    $"character {i + 1} of the unified social credit code, '{code[i]}', is not allowed (digits and capital letters except I, O, S, V, Z)");
            }
        }

        var expected = CheckCharacter(code.AsSpan(0, Length - 1));
        return code[^1] == expected
            ? CheckResult.Valid
            : CheckResult.Invalid(
                "USCC_CHECK_CHARACTER",
                $"统一社会信用代码校验位错误：应为“{expected}”，实际为“{code[^1]}”",
                $"the check character of the unified social credit code is wrong: expected '{expected}', found '{code[^1]}'");
    }

    /// <summary>The check character (position 18) of the first 17 characters, which must all be of the code's alphabet.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1)
        {
            throw new ArgumentException("the check character is computed over exactly 17 characters", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var value = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            sum += (value >= 0 ? value : throw new ArgumentException($"'{first17[i]}' is not a character of the code", nameof(first17))) * Weights[i];
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }
}
