using System.Text.RegularExpressions;
using Cronos;

namespace Credit.LocalRuntime.Timers;

/// <summary>
/// A timer trigger's schedule as the Functions host reads it: a CRON expression with seconds (6 fields) or
/// without (5), or a %Setting% whose value is one, resolved from configuration.
/// </summary>
public sealed partial class TimerSchedule
{
    readonly CronExpression cron;

    TimerSchedule(string expression, CronExpression cron)
    {
        Expression = expression;
        this.cron = cron;
    }

    public string Expression { get; }

    public static TimerSchedule Parse(string schedule, IConfiguration configuration, string function)
    {
        var expression = SettingReference().Replace(schedule, m =>
            configuration[m.Groups[1].Value] ?? throw new InvalidOperationException($"Function {function}: the schedule names the setting %{m.Groups[1].Value}%, which is not set."));
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        try
        {
            return new TimerSchedule(expression, CronExpression.Parse(expression, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard));
        }
        catch (CronFormatException e)
        {
            throw new InvalidOperationException($"Function {function}: '{expression}' is not a CRON schedule: {e.Message}", e);
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/> (UTC, as the Functions host schedules unless WEBSITE_TIME_ZONE says otherwise).</summary>
    public DateTimeOffset NextAfter(DateTimeOffset after) =>
        cron.GetNextOccurrence(after, TimeZoneInfo.Utc) ?? throw new InvalidOperationException($"The schedule '{Expression}' has no further occurrence.");

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingReference();
}
