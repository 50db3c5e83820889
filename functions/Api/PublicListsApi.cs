using Credit.Disclosure;
using Credit.Functions.OpenApi;
using Credit.Lists;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Api;

/// <summary>信用北京: the published red and black lists (京政发〔2017〕15号 二(一)3). No credential; masked; rate limited.</summary>
public sealed class PublicListsApi(PublicListStore store, PublicRateLimit rateLimit)
{
    const int PageSize = 50;
    const int MaxPageToken = 512;

    [Function(nameof(GetPublicList))]
    [ApiOperation("The published red or black list: its standing entries (or with status=removed the notices of those that left, with the reason), masked, paged; rate limited per client",
        Credential.None, Query = ["field: one field (领域) of the list, e.g. 食品药品", "status: listed (default) or removed", "page: the next token of the previous page"],
        RateLimited = true, Response = typeof(PublicListPage))]
    public async Task<IActionResult> GetPublicList(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/public/lists/{type}")] HttpRequest request,
        string type,
        CancellationToken cancellationToken)
    {
        if (rateLimit.Deny(request) is { } limited)
        {
            return limited;
        }

        if (!ListVocabulary.ListTypes.TryGetValue(type, out var listType) || !PublicListEntry.IsPublished(listType))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_LIST_TYPE",
                "the public lists are 'red' and 'black' (the watch list is shared between departments only)", "公开的名单为red（红名单）和black（黑名单），重点关注名单仅在部门间共享");
        }

        var field = request.Query["field"].ToString();
        if (field.Length > 0 && !ListVocabulary.Fields.Contains(field))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_FIELD",
                $"query parameter 'field' must be one of: {string.Join(", ", ListVocabulary.Fields)}", $"查询参数field应为以下领域之一：{string.Join("、", ListVocabulary.Fields)}");
        }

        var status = request.Query["status"].ToString();
        if (status is not ("" or "listed" or "removed"))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_STATUS",
                "query parameter 'status' must be 'listed' or 'removed'", "查询参数status应为listed（在列）或removed（已移出）");
        }

        // The next value of a previous page is printable ASCII: anything else (a control or bidi character, a huge value) is no page of ours.
        var token = request.Query["page"].ToString();
        if (token.Length > MaxPageToken || token.Any(c => c is < ' ' or > '~'))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_PAGE", "page must be the 'next' value of the previous page", "page应为上一页返回的next值");
        }

        return new OkObjectResult(await store.PageAsync(listType, field.Length > 0 ? field : null, status == "removed", token.Length > 0 ? token : null, PageSize, cancellationToken));
    }
}
