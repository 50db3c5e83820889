using System.Reflection;
using System.Text.RegularExpressions;
using Credit.Functions.Hosting;
using Credit.LocalRuntime.Configuration;
using Credit.LocalRuntime.Timers;
using Credit.Testing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace Credit.Tests.Infrastructure;

/// <summary>
/// Every timer schedule, resolved where each environment takes it from, parses with NCrontab as the Functions
/// host parses it: a schedule valid locally and refused in Azure stops the app there, not here.
/// </summary>
public sealed partial class TimerScheduleTests
{
    public static TheoryData<string, string> Schedules()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in typeof(CreditServices).Assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)))
        {
            if (method.GetCustomAttribute<FunctionAttribute>() is { } function
                && method.GetParameters().Select(p => p.GetCustomAttribute<TimerTriggerAttribute>()).OfType<TimerTriggerAttribute>().FirstOrDefault() is { } timer)
            {
                data.Add(function.Name, timer.Schedule);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Schedules))]
    public void Parses_as_the_host_parses_it_with_the_local_settings(string function, string schedule)
    {
        var local = new ConfigurationBuilder()
            .AddInMemoryCollection(FunctionsSettings.LocalSettings(Path.Combine(Repository.Root, "functions", "local.settings.json.example")))
            .Build();
        AssertRunsSoon(TimerSchedule.Parse(schedule, local, function));
    }

    [Theory]
    [MemberData(nameof(Schedules))]
    public void Parses_as_the_host_parses_it_with_the_templates_app_settings(string function, string schedule)
    {
        var main = File.ReadAllText(Path.Combine(Repository.Root, "infra", "main.bicep"));
        var defaults = ParameterDefault().Matches(main).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var settings = AppSetting().Matches(main).Where(m => defaults.ContainsKey(m.Groups[2].Value))
            .Select(m => KeyValuePair.Create(m.Groups[1].Value, (string?)defaults[m.Groups[2].Value]));
        var azure = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var setting = schedule.Trim('%');
        Assert.True(schedule == setting || azure[setting] is not null, $"{function}: the template sets no app setting {setting}");
        AssertRunsSoon(TimerSchedule.Parse(schedule, azure, function));
    }

    [Theory]
    [InlineData("0 0 12 ? * MON")]
    [InlineData("0 0 12 * * MON#2")]
    [InlineData("0 0 12 L * *")]
    [InlineData("@daily")]
    public void A_schedule_only_other_parsers_read_is_refused(string schedule)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TimerSchedule.Parse(schedule, new ConfigurationBuilder().Build(), "F"));
        Assert.Contains("NCrontab", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Every product timer runs at least daily: a schedule that parses but never comes round is a fault too.</summary>
    static void AssertRunsSoon(TimerSchedule parsed)
    {
        var now = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
        Assert.InRange(parsed.NextAfter(now) - now, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
    }

    [GeneratedRegex(@"^param (\w+) string = '([^']*)'", RegexOptions.Multiline)]
    private static partial Regex ParameterDefault();

    [GeneratedRegex(@"^\s+(\w+Schedule): (\w+)\s*$", RegexOptions.Multiline)]
    private static partial Regex AppSetting();
}
