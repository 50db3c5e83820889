using System.Globalization;

namespace Credit.Identifiers;

/// <summary>公民身份号码 (GB 11643-1999): region, birth date, sequence, check character. Personal data: mask it in every output.</summary>
public static class ResidentIdNumber
{
    public const int Length = 18;
    const string CheckCharacters = "10X98765432";
    static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    public static bool IsValid(string? number) => Check(number).IsValid;

    public static CheckResult Check(string? number)
    {
        if (string.IsNullOrEmpty(number))
        {
            return CheckResult.Invalid("RESIDENT_ID_EMPTY", "身份证号码为空", "the resident ID number is empty");
        }

        if (number.Length != Length)
        {
            return CheckResult.Invalid(
                "RESIDENT_ID_LENGTH",
                $"身份证号码应为18位，实际为{number.Length}位",
                $"a resident ID number must have 18 characters, it has {number.Length}");
        }

        var sum = 0;
        for (var i = 0; i < Length - 1; i++)
        {
            if (!char.IsAsciiDigit(number[i]))
            {
                return CheckResult.Invalid(
                    "RESIDENT_ID_CHARACTER",
                    $"身份证号码第{i + 1}位应为数字",
                    $"character {i + 1} of the resident ID number must be a digit");
            }

            sum += (number[i] - '0') * Weights[i];
        }

        if (!DateOnly.TryParseExact(number.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return CheckResult.Invalid(
                "RESIDENT_ID_BIRTH_DATE",
                "身份证号码第7至14位不是有效的出生日期",
                "characters 7 to 14 of the resident ID number are not a valid birth date");
        }

        var expected = CheckCharacters[sum % 11];
        // Check digits are never echoed: the message must not help reconstruct personal data.
        return char.ToUpperInvariant(number[^1]) == expected
            ? CheckResult.Valid
            : CheckResult.Invalid("RESIDENT_ID_CHECK_CHARACTER", "身份证号码校验位错误", "the check character of the resident ID number is wrong");
    }

    /// <summary>Keeps the first 6 and last 4 characters: 110105********123X.</summary>
    public static string Mask(string number) =>
        number.Length <= 10 ? new string('*', number.Length) : string.Concat(number.AsSpan(0, 6), new string('*', number.Length - 10), number.AsSpan(number.Length - 4));
}
