using Credit.Functions.OpenApi;
using Credit.Statistics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Api;

/// <summary>The monthly notice (通报) as the statistics run wrote it: JSON, or the printable zh-CN page with ?format=html.</summary>
public sealed class ReportsApi(MonthlyNotices notices)
{
    [Function(nameof(GetMonthlyNotice))]
    [ApiOperation("The monthly notice (通报): departments below the thresholds with their figures and overdue items; ?format=html for the printable page", Credential.Department | Credential.Supervisor, Response = typeof(Credit.Statistics.MonthlyNotice), Query = ["format: json (default) | html"])]
    public async Task<IActionResult> GetMonthlyNotice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/{month}")] HttpRequest request,
        string month,
        CancellationToken cancellationToken)
    {
        if (!Months.TryParse(month, out _))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_MONTH", $"the month must be written yyyy-MM, e.g. 2026-11, got '{ApiResults.Echo(month)}'", $"月份格式应为yyyy-MM（如2026-11），实际为“{ApiResults.Echo(month)}”");
        }

        var format = request.Query["format"].ToString() is { Length: > 0 } f ? f : "json";
        if (format is not ("json" or "html"))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_FORMAT", $"format must be json or html, got '{ApiResults.Echo(format)}'", $"format应为json或html，实际为“{ApiResults.Echo(format)}”");
        }

        var content = await notices.ReadAsync(month, format, cancellationToken);
        if (content is null)
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, "NOTICE_NOT_WRITTEN", $"no notice for {month} yet: it is written by the statistics run (daily, or POST /api/statistics/runs)",
                $"{month}的通报尚未生成：由统计任务生成（每日，或POST /api/statistics/runs）");
        }

        var contentType = format == "html" ? "text/html; charset=utf-8" : "application/json; charset=utf-8";
        return new FileContentResult(content.ToArray(), contentType) { FileDownloadName = format == "html" ? null : $"notice-{month}.json" };
    }
}
