using Credit.Disclosure;
using Credit.Functions.OpenApi;
using Credit.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Api;

/// <summary>The month's daily files of published records.</summary>
public sealed record PublicFiles(string Month, IReadOnlyList<PublicFile> Files);

/// <summary>
/// The daily files of published records (docs/public-files.md: one JSON Lines and one CSV file per day and kind, as
/// each disclosure run leaves them), listed and served through the app: the container stays private.
/// </summary>
public sealed class PublicFilesApi(PublicStore store, PublicRateLimit rateLimit)
{
    static readonly HashSet<string> Names = ["penalty.jsonl", "penalty.csv", "license.jsonl", "license.csv"];

    [Function(nameof(ListPublicFiles))]
    [ApiOperation("The daily files of published records of a month (each day's penalties and licences as JSON Lines and CSV), with their size and download path; rate limited",
        Credential.None, Query = ["month: yyyy-MM (default: this month)"], RateLimited = true, Response = typeof(PublicFiles))]
    public async Task<IActionResult> ListPublicFiles(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/public/files")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (rateLimit.Deny(request) is { } limited)
        {
            return limited;
        }

        var month = request.Query["month"].ToString();
        if (month.Length == 0)
        {
            month = DateText.ToIso(Calendar.BeijingTime.Today(TimeProvider.System))[..7];
        }
        else if (month.Length != 7 || !DateText.TryParse(month + "-01", out _))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_MONTH", $"month must be yyyy-MM, got '{ApiResults.Echo(month)}'", $"month应为yyyy-MM格式，实际为“{ApiResults.Echo(month)}”");
        }

        return new OkObjectResult(new PublicFiles(month, await store.FilesAsync(month, cancellationToken)));
    }

    [Function(nameof(GetPublicFile))]
    [ApiOperation("One daily file of published records: penalty.jsonl, penalty.csv, license.jsonl or license.csv of a day (yyyy-MM-dd); rate limited",
        Credential.None, RateLimited = true, ResponseMediaType = "text/csv")]
    public async Task<IActionResult> GetPublicFile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/public/files/daily/{day}/{name}")] HttpRequest request,
        string day,
        string name,
        CancellationToken cancellationToken)
    {
        if (rateLimit.Deny(request) is { } limited)
        {
            return limited;
        }

        if (!DateText.TryParse(day, out var date) || !Names.Contains(name))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_FILE",
                "a daily file is daily/{yyyy-MM-dd}/{penalty|license}.{jsonl|csv}", "每日文件路径应为daily/{yyyy-MM-dd}/{penalty|license}.{jsonl|csv}");
        }

        return await store.FileAsync(date, name, cancellationToken) is { } file
            ? new FileContentResult(file.Content.ToArray(), file.ContentType) { FileDownloadName = $"{day}-{name}" }
            : ApiResults.Error(StatusCodes.Status404NotFound, "FILE_NOT_FOUND", $"no {name} for {day}: nothing of that kind was published that day", $"{day}无此类公示文件（当日未公示该类信息）");
    }
}
