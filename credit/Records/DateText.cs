using System.Globalization;
using System.Text.RegularExpressions;

namespace Credit.Records;

/// <summary>Dates as departments write them: 2017-03-31, 2017/3/31 or 2017年3月31日 (a trailing time of day is ignored).</summary>
public static partial class DateText
{
    public const string Indefinite = "长期";

    public static bool TryParse(string text, out DateOnly date)
    {
        date = default;
        var match = DatePattern().Match(text.Trim());
        return match.Success
            && DateOnly.TryParseExact(
                $"{match.Groups["y"].Value}-{match.Groups["m"].Value.PadLeft(2, '0')}-{match.Groups["d"].Value.PadLeft(2, '0')}",
                "yyyy-MM-dd",
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out date);
    }

    public static string ToIso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<y>\d{4})(?:-(?<m>\d{1,2})-(?<d>\d{1,2})|/(?<m>\d{1,2})/(?<d>\d{1,2})|年(?<m>\d{1,2})月(?<d>\d{1,2})日)(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")]
    private static partial Regex DatePattern();
}
