using System.Globalization;
using Credit.Calendar;
using Credit.Functions.OpenApi;
using Credit.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Api;

/// <summary>Working-day deadlines under the State Council's holiday arrangements; public, it holds no personal data.</summary>
public sealed class CalendarApi(WorkingDayCalendar calendar)
{
    const int MaxWorkingDays = 3650;

    [Function(nameof(GetDeadline))]
    [ApiOperation("The deadline a number of working days after a date, under the State Council holiday arrangements", Credential.None, Query = ["from: yyyy-MM-dd", "workingDays: a whole number"])]
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
        return new OkObjectResult(new
        {
            from = DateText.ToIso(from),
            workingDays = days,
            deadline = DateText.ToIso(result.Date),
            estimated = result.IsEstimate,
            yearsWithoutArrangement = result.YearsWithoutArrangement,
            warning = result.IsEstimate
                ? $"no State Council arrangement is loaded for {string.Join(", ", result.YearsWithoutArrangement)}: those days are counted Monday to Friday / 未载入{string.Join("、", result.YearsWithoutArrangement)}年的节假日安排，按周一至周五估算"
                : null,
        });
    }
}
