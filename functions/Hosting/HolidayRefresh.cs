using Credit.Calendar;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Credit.Functions.Hosting;

/// <summary>
/// Puts the holiday years the supervisor added in force on this instance: at start and every few minutes, so
/// that a year added through another instance is used here within <see cref="Interval"/>.
/// </summary>
public sealed partial class HolidayRefresh(HolidayStore holidays, ILogger<HolidayRefresh> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                foreach (var refused in await holidays.RefreshAsync(stoppingToken))
                {
                    LogRefused(logger, refused);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Holiday arrangement left out: {Reason}")]
    static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Holiday arrangements could not be read; the years in force stay as they were")]
    static partial void LogFailed(ILogger logger, Exception exception);
}
