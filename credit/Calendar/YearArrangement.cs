using System.Globalization;
using System.Text.Json;
using Credit.Records;

namespace Credit.Calendar;

/// <summary>
/// One year's State Council holiday arrangement (国务院办公厅关于节假日安排的通知), in the format of the built-in
/// Data/holidays.json: <c>notices</c> (the notice's address), <c>offDays</c> and <c>makeupWorkdays</c> (调休), each
/// a map from yyyy-MM-dd to the holiday's name.
/// </summary>
public sealed record YearArrangement(int Year, IReadOnlyList<string> Notices, IReadOnlyDictionary<DateOnly, string> OffDays, IReadOnlyDictionary<DateOnly, string> MakeupWorkdays)
{
    const int MaxNameLength = 50;
    const int MaxNoticeLength = 500;

    /// <summary>Reads and checks a year's arrangement; every problem is named (the date and what is wrong with it), none is fixed silently.</summary>
    public static (YearArrangement? Arrangement, IReadOnlyList<string> Errors) Parse(int year, JsonElement json)
    {
        var errors = new List<string>();
        if (json.ValueKind != JsonValueKind.Object)
        {
            return (null, ["the body must be a JSON object with notices, offDays and makeupWorkdays / 应为含notices、offDays、makeupWorkdays的JSON对象"]);
        }

        var notices = new List<string>();
        if (json.TryGetProperty("notices", out var noticeList) && noticeList.ValueKind == JsonValueKind.Array)
        {
            notices.AddRange(noticeList.EnumerateArray().Select(n => n.ValueKind == JsonValueKind.String ? n.GetString()! : n.GetRawText()));
        }

        foreach (var notice in notices.Where(n => n.Length > MaxNoticeLength || TextRules.FirstForbidden(n, multiLine: false) >= 0))
        {
            errors.Add($"notices '{Shown(notice)}': at most {MaxNoticeLength} printable characters / notices“{Shown(notice)}”：最多{MaxNoticeLength}个可打印字符");
        }

        if (notices.Count == 0)
        {
            errors.Add("notices: give the address of the State Council's notice / notices：请提供国务院通知的网址");
        }

        var off = Dates(json, "offDays", year, errors);
        var makeup = Dates(json, "makeupWorkdays", year, errors);
        if (off.Count == 0 && !errors.Any(e => e.StartsWith("offDays", StringComparison.Ordinal)))
        {
            errors.Add("offDays: a year's arrangement has public holidays / offDays：节假日安排应包含放假日期");
        }

        foreach (var date in off.Keys.Intersect(makeup.Keys).Order())
        {
            errors.Add($"{Iso(date)}: both an off day and a makeup working day / {Iso(date)}：既是放假日又是调休上班日");
        }

        return errors.Count > 0 ? (null, errors) : (new YearArrangement(year, notices, off, makeup), []);
    }

    public object ToJson() => new
    {
        notices = Notices,
        offDays = OffDays.OrderBy(d => d.Key).ToDictionary(d => Iso(d.Key), d => d.Value),
        makeupWorkdays = MakeupWorkdays.OrderBy(d => d.Key).ToDictionary(d => Iso(d.Key), d => d.Value),
    };

    static Dictionary<DateOnly, string> Dates(JsonElement json, string property, int year, List<string> errors)
    {
        var dates = new Dictionary<DateOnly, string>();
        if (!json.TryGetProperty(property, out var map) || map.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{property}: must be an object mapping yyyy-MM-dd to the holiday's name / {property}：应为“日期: 节日名称”的对象");
            return dates;
        }

        foreach (var entry in map.EnumerateObject())
        {
            if (!DateOnly.TryParseExact(entry.Name, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add($"{property} '{Shown(entry.Name)}': not a date yyyy-MM-dd / {property}“{Shown(entry.Name)}”：不是yyyy-MM-dd格式的日期");
            }
            else if (date.Year != year)
            {
                errors.Add($"{property} {entry.Name}: not in {year} / {property} {entry.Name}：不在{year}年");
            }
            else if (entry.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(entry.Value.GetString()))
            {
                errors.Add($"{property} {entry.Name}: name the holiday / {property} {entry.Name}：请写明节日名称");
            }
            else if (entry.Value.GetString()!.Length > MaxNameLength || TextRules.FirstForbidden(entry.Value.GetString()!, multiLine: false) >= 0)
            {
                errors.Add($"{property} {entry.Name}: the holiday's name has at most {MaxNameLength} printable characters, got '{Shown(entry.Value.GetString()!)}' / {property} {entry.Name}：节日名称最多{MaxNameLength}个可打印字符");
            }
            else
            {
                dates[date] = entry.Value.GetString()!;
            }
        }

        return dates;
    }

    static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>What an error quotes back of the caller's text: refused characters shown as '?', at most 40 characters.</summary>
    static string Shown(string text) => TextRules.Printable(text.Length > 40 ? text[..40] + "…" : text);
}
