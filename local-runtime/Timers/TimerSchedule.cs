using System.Text.RegularExpressions;
using NCrontab;

namespace Credit.LocalRuntime.Timers;

/// <summary>
/// A timer trigger's schedule as the Functions host reads it: a %Setting% resolved from configuration, then
/// parsed by NCrontab (the host's parser) with seconds when it has 6 fields, without when it has 5. A schedule
/// this refuses is one the host would refuse.
/// </summary>
public sealed partial class TimerSchedule
{
    readonly CrontabSchedule cron;

    TimerSchedule(string expression, CrontabSchedule cron)
    {
        Expression = expression;
        this.cron = cron;
    }

    public string Expression { get; }

    public static TimerSchedule Parse(string schedule, IConfiguration configuration, string function)
    {
        var expression = Resolve(schedule, configuration, function);
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var cron = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields != 5 })
            ?? throw new InvalidOperationException($"Function {function}: '{expression}' is not a CRON schedule the Functions host reads (NCrontab, 6 fields with seconds or 5 without).");
        return new TimerSchedule(expression, cron);
    }

    /// <summary>The schedule with its %Setting% references replaced by their values, as the host resolves them.</summary>
    public static string Resolve(string schedule, IConfiguration configuration, string function) =>
        SettingReference().Replace(schedule, m =>
            configuration[m.Groups[1].Value] ?? throw new InvalidOperationException($"Function {function}: the schedule names the setting %{m.Groups[1].Value}%, which is not set."));

    /// <summary>The first occurrence strictly after <paramref name="after"/> (UTC, as the Functions host schedules unless WEBSITE_TIME_ZONE says otherwise).</summary>
    public DateTimeOffset NextAfter(DateTimeOffset after)
    {
        var next = cron.GetNextOccurrence(after.UtcDateTime);
        return next == DateTime.MaxValue
            ? throw new InvalidOperationException($"The schedule '{Expression}' has no further occurrence.")
            : new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc));
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingReference();
}
