using System.Globalization;
using System.Text.Json;
using Credit.Calendar;
using Credit.Disclosure;
using Credit.Functions.OpenApi;
using Credit.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Api;

/// <summary>
/// Working-day deadlines under the State Council's holiday arrangements (public, no personal data), and for the
/// supervising office: a year's arrangement added without a redeploy, and the deadlines stored as estimates.
/// </summary>
public sealed class CalendarApi(WorkingDayCalendar calendar, HolidayStore holidays, DisclosureDeadlines deadlines)
{
    const int MaxWorkingDays = 3650;

    [Function(nameof(PutHolidayYear))]
    [ApiOperation("Adds or replaces a year's State Council holiday arrangement (the built-in format: notices, offDays, makeupWorkdays); in force at once", Credential.Supervisor, Response = typeof(HolidayYearSaved))]
    public async Task<IActionResult> PutHolidayYear(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/calendar/years/{year}")] HttpRequest request,
        string year,
        CancellationToken cancellationToken)
    {
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 2000 or > 2100)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_YEAR",
                $"the year must be a number from 2000 to 2100, got '{ApiResults.Echo(year)}'", $"年份应为2000至2100之间的数字，实际为“{ApiResults.Echo(year)}”");
        }

        var (body, invalid) = await ApiResults.ReadJsonAsync<JsonDocument>(request, cancellationToken);
        if (body is null)
        {
            return invalid!;
        }

        using (body)
        {
            var (saved, errors) = await holidays.SaveAsync(number, body.RootElement, cancellationToken);
            if (saved is null)
            {
                return new BadRequestObjectResult(new
                {
                    error = new { code = "INVALID_ARRANGEMENT", message = $"the arrangement for {number} has {errors.Count} error(s), each listed in errors", messageZh = $"{number}年节假日安排有{errors.Count}处错误，见errors" },
                    errors,
                });
            }

            return new OkObjectResult(new HolidayYearSaved(number, saved.OffDays.Count, saved.MakeupWorkdays.Count, [.. calendar.LoadedYears.Order()]));
        }
    }

    [Function(nameof(ListDeadlineEstimates))]
    [ApiOperation("Pending records whose disclosure deadline was stored as an estimate, with the deadline the loaded years give now", Credential.Supervisor, Response = typeof(DeadlineEstimates))]
    public async Task<IActionResult> ListDeadlineEstimates(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/calendar/estimates")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var estimates = await holidays.EstimatesAsync(deadlines, cancellationToken);
        return new OkObjectResult(new DeadlineEstimates(estimates.Count, estimates.Count(e => !e.StillEstimate), [.. calendar.LoadedYears.Order()], estimates));
    }

    [Function(nameof(GetDeadline))]
    [ApiOperation("The deadline a number of working days after a date, under the State Council holiday arrangements", Credential.None, Query = ["from: yyyy-MM-dd", "workingDays: a whole number"], Response = typeof(WorkingDayDeadline))]
    public IActionResult GetDeadline([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/calendar/deadline")] HttpRequest request)
    {
        var fromText = request.Query["from"].ToString();
        if (!DateText.TryParse(fromText, out var from))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_FROM",
                $"query parameter 'from' must be {DateText.RuleEn}, got '{ApiResults.Echo(fromText)}'", $"查询参数from：{DateText.RuleZh}，实际为“{ApiResults.Echo(fromText)}”");
        }

        var daysText = request.Query["workingDays"].ToString();
        if (!int.TryParse(daysText, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days > MaxWorkingDays)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_WORKING_DAYS",
                $"query parameter 'workingDays' must be a whole number from 0 to {MaxWorkingDays}, got '{ApiResults.Echo(daysText)}'", $"查询参数workingDays应为0至{MaxWorkingDays}的整数，实际为“{ApiResults.Echo(daysText)}”");
        }

        var result = calendar.AddWorkingDays(from, days);
        return new OkObjectResult(new WorkingDayDeadline(DateText.ToIso(from), days, DateText.ToIso(result.Date), result.IsEstimate, result.YearsWithoutArrangement,
            result.IsEstimate
                ? $"no State Council arrangement is loaded for {string.Join(", ", result.YearsWithoutArrangement)}: those days are counted Monday to Friday / 未载入{string.Join("、", result.YearsWithoutArrangement)}年的节假日安排，按周一至周五估算"
                : null));
    }
}

public sealed record HolidayYearSaved(int Year, int OffDays, int MakeupWorkdays, IReadOnlyList<int> LoadedYears);

/// <summary>Pending records whose deadline was stored as an estimate; certainNow: those the loaded years now settle.</summary>
public sealed record DeadlineEstimates(int Count, int CertainNow, IReadOnlyList<int> LoadedYears, IReadOnlyList<EstimatedDeadline> Items);

/// <summary>A deadline in working days; estimated where a year it crosses has no State Council arrangement loaded.</summary>
public sealed record WorkingDayDeadline(string From, int WorkingDays, string Deadline, bool Estimated, IReadOnlyList<int> YearsWithoutArrangement, string? Warning);
