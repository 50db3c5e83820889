using System.Text.RegularExpressions;

namespace Credit.Identifiers;

/// <summary>
/// Masks personal data that sits in free text (备注, 违法事实…) before it is published: every run of 17 digits and a
/// check character that could be a resident ID number, and every mainland mobile number (1[3-9] and 9 digits), each
/// standing alone (not inside a longer run of digits). IDs are masked as the ID columns are
/// (<see cref="ResidentIdNumber.Mask"/>: 110105********0016); phone numbers keep their first 3 and last 4 digits.
/// </summary>
public static partial class PersonalDataMasking
{
    public static string MaskFreeText(string text) =>
        Phone().Replace(ResidentId().Replace(text, m => ResidentIdNumber.Mask(m.Value)), m => $"{m.Value[..3]}****{m.Value[^4..]}");

    /// <summary>A natural person's name as a notice carries it: its first character, the rest starred (张三丰 → 张**).</summary>
    public static string MaskName(string name)
    {
        var trimmed = name.Trim();
        var first = System.Globalization.StringInfo.GetNextTextElementLength(trimmed);
        return trimmed[..first] + new string('*', new System.Globalization.StringInfo(trimmed[first..]).LengthInTextElements);
    }

    [GeneratedRegex(@"(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")]
    private static partial Regex ResidentId();

    [GeneratedRegex(@"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")]
    private static partial Regex Phone();
}
