using Credit.Functions.OpenApi;
using Credit.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Api;

/// <summary>Every reason code with its names: <c>{"codes": {"USCC_CHECK_CHARACTER": {"zh": "…", "en": "…"}}}</c>.</summary>
public sealed record ReasonCodeList(IReadOnlyDictionary<string, ReasonName> Codes);

/// <summary>What each reason code of intake's refusals means, in both languages: the dashboard names rejectedByReason by it.</summary>
public sealed class ReasonCodesApi
{
    [Function(nameof(ListReasonCodes))]
    [ApiOperation("Every reason code intake refuses a file or row for, named in Chinese and English", Credential.AnyKey, Response = typeof(ReasonCodeList))]
    public IActionResult ListReasonCodes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reason-codes")] HttpRequest request) =>
        new OkObjectResult(new ReasonCodeList(ReasonCodes.All));
}
