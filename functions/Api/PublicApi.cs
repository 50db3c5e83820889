using Credit.Disclosure;
using Credit.Functions.OpenApi;
using Credit.Identifiers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Api;

/// <summary>信用北京: the public, one-stop query of disclosed records. No credential; masked; rate limited.</summary>
public sealed class PublicApi(PublicStore store, Credit.Evaluation.EvaluationStore evaluations, SubjectKeys subjectKeys, PublicRateLimit rateLimit)
{
    const int PageSize = 20;
    const int SearchLimit = 20;

    [Function(nameof(GetPublicSubject))]
    [ApiOperation("A subject's public (双公示) records, masked, newest first, paged, its published red and black list entries and the notices of those that left, and its 信用评价 grade where the model makes it public (organisations only); rate limited per client (429 + Retry-After)", Credential.None, Query = ["page: the next value of the previous page"], RateLimited = true, Response = typeof(Credit.Disclosure.SubjectPage))]
    public async Task<IActionResult> GetPublicSubject(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/public/subjects/{code}")] HttpRequest request,
        string code,
        CancellationToken cancellationToken)
    {
        if (rateLimit.Deny(request) is { } limited)
        {
            return limited;
        }

        // A 统一社会信用代码, or a resident ID number (looked up by its keyed hash, never stored or echoed).
        if (subjectKeys.For(code) is not { } subjectKey)
        {
            var check = SubjectKeys.WhyNot(code);
            return ApiResults.Error(StatusCodes.Status400BadRequest, check.ReasonCode!, check.MessageEn, check.MessageZh);
        }

        var token = request.Query["page"].ToString();
        if (token.Length > 0 && (!int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _) || token.Length > 6))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_PAGE", "page must be the 'next' value of the previous page (a number)", "page应为上一页返回的next值（数字）");
        }

        // The grade, where its model made it public, is one point read beside the page's query.
        var evaluation = evaluations.GetAsync(subjectKey, cancellationToken);
        var page = await store.SubjectAsync(subjectKey, token.Length > 0 ? int.Parse(token, System.Globalization.CultureInfo.InvariantCulture) : 0, PageSize, cancellationToken);
        page = page with { Grade = Credit.Evaluation.PublicGrade.Of(await evaluation) };
        if (page.Records.Count == 0 && page.Lists.Count == 0 && page.Commitments is not { Count: > 0 })
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, "SUBJECT_NOT_FOUND",
                "no public record of this subject", "未查询到该主体的公示信息");
        }

        return new OkObjectResult(page);
    }

    [Function(nameof(SearchPublicSubjects))]
    [ApiOperation("Public subjects by name prefix; rate limited per client", Credential.None, Query = ["name: the beginning of the subject's name"], RateLimited = true, Response = typeof(SubjectMatches))]
    public async Task<IActionResult> SearchPublicSubjects(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/public/search")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (rateLimit.Deny(request) is { } limited)
        {
            return limited;
        }

        var name = request.Query["name"].ToString().Trim();
        if (name.Length is 0 or > 100)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_NAME",
                "query parameter 'name' must be 1 to 100 characters (the beginning of a subject's name)", "查询参数name应为1至100个字符（主体名称的开头部分）");
        }

        var found = await store.SearchAsync(name, SearchLimit, cancellationToken);
        // A person is found by name only: its key is never shown.
        return new OkObjectResult(new SubjectMatches([.. found.Select(s => new SubjectMatch(s.Name, s.SubjectKey.Length == UnifiedSocialCreditCode.Length ? s.SubjectKey : null))]));
    }
}
