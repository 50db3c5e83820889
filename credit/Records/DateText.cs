using System.Globalization;
using System.Text.RegularExpressions;

namespace Credit.Records;

/// <summary>
/// Dates as departments write them: 2017-03-31, 2017/3/31 or 2017年3月31日 (a trailing time of day is ignored),
/// between <see cref="Earliest"/> and <see cref="Latest"/>: no decision of this system's scope predates 1949, and a
/// date past 2100 is a slip that would only overflow the deadline arithmetic.
/// </summary>
public static partial class DateText
{
    public const string Indefinite = "长期";
    public const string EarliestText = "1949-01-01";
    public const string LatestText = "2100-12-31";
    public static readonly DateOnly Earliest = new(1949, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    /// <summary>"yyyy-MM-dd, between 1949-01-01 and 2100-12-31" in both languages, for answers that refuse a date.</summary>
    public static string RuleZh => $"日期应为{EarliestText}至{LatestText}之间，格式如2017-03-31";

    public static string RuleEn => $"a date between {EarliestText} and {LatestText}, such as 2017-03-31";

    public static bool TryParse(string text, out DateOnly date)
    {
        date = default;
        var match = DatePattern().Match(text.Trim());
        // Numbers read as ASCII digits only (the pattern's \d also matches other scripts' digits, which a date must not use).
        if (!match.Success
            || !int.TryParse(match.Groups["y"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(match.Groups["m"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(match.Groups["d"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || year < Earliest.Year || year > Latest.Year || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    public static string ToIso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<y>\d{4})(?:-(?<m>\d{1,2})-(?<d>\d{1,2})|/(?<m>\d{1,2})/(?<d>\d{1,2})|年(?<m>\d{1,2})月(?<d>\d{1,2})日)(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")]
    private static partial Regex DatePattern();
}
