using Credit.Consents;
using Credit.CreditReports;
using Credit.Departments;
using Credit.Functions.Api;
using Credit.Functions.OpenApi;
using Credit.Lists;
using Credit.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Consents;

/// <summary>What a subject sends to grant a consent: the grantee (name, 统一社会信用代码), the purpose, the scope and the last day.</summary>
public sealed record ConsentRequest(string? GranteeName, string? GranteeCode, string? Purpose, string? Scope, string? ExpiresOn);

/// <summary>A consent granted: the token (shown this once) to hand to the grantee, and the consent.</summary>
public sealed record ConsentGranted(string Token, Consent Consent);

public sealed record ConsentList(IReadOnlyList<ConsentWithUses> Consents);

/// <summary>What a credit check by consent shows: whether the subject stands on a red, black or watch list, and the entries.</summary>
public sealed record ConsentedCheck(bool Red, bool Black, bool Watch, IReadOnlyList<ReportListEntry> Entries);

/// <summary>
/// Queries by consent (docs/credit-reports.md): the subject grants, lists (with every use) and revokes its consents;
/// a grantee holding a consent's token reads what its scope allows (the credit check here, the report in
/// <see cref="CreditReports.CreditReportFunctions"/>), each use recorded.
/// </summary>
public sealed class ConsentFunctions(ConsentService consents, ListStore lists, DepartmentRegistry departments)
{
    [Function(nameof(GrantConsent))]
    [ApiOperation("Grants a consent for a bank, credit-service firm or association to read the caller's credit report or credit check until a day at most 90 days ahead (201 with the token, shown once)",
        Credential.Subject, Request = typeof(ConsentRequest), SuccessStatus = 201, Response = typeof(ConsentGranted))]
    public async Task<IActionResult> GrantConsent(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/me/consents")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApiResults.ReadJsonAsync<ConsentRequest>(request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        var name = body!.GranteeName?.Trim() ?? string.Empty;
        var purpose = body.Purpose?.Trim() ?? string.Empty;
        if (name.Length is 0 or > 100 || TextRules.FirstForbidden(name, multiLine: false) >= 0)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "GRANTEE_NAME", "granteeName: the grantee's name, 1 to 100 characters, no control characters", "granteeName应为被授权方名称，1至100个字符，不含控制字符");
        }

        if (!Identifiers.UnifiedSocialCreditCode.IsValid(body.GranteeCode))
        {
            var check = Identifiers.UnifiedSocialCreditCode.Check(body.GranteeCode);
            return ApiResults.Error(StatusCodes.Status400BadRequest, "GRANTEE_CODE", $"granteeCode: the grantee's 统一社会信用代码 ({check.MessageEn})", $"granteeCode应为被授权方的统一社会信用代码（{check.MessageZh}）");
        }

        if (purpose.Length is 0 or > 200 || TextRules.FirstForbidden(purpose, multiLine: false) >= 0)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "PURPOSE", "purpose: why the grantee reads, 1 to 200 characters, no control characters", "purpose应为查询用途，1至200个字符，不含控制字符");
        }

        if (body.Scope is not ("report" or "creditCheck"))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "SCOPE", "scope must be 'report' (the credit report) or 'creditCheck' (list status)", "scope应为report（信用报告）或creditCheck（信用核查）");
        }

        if (!DateText.TryParse(body.ExpiresOn ?? string.Empty, out var expires) || expires < consents.Today || expires > consents.LatestExpiry)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "EXPIRES_ON",
                $"expiresOn must be a day (yyyy-MM-dd) from {DateText.ToIso(consents.Today)} to {DateText.ToIso(consents.LatestExpiry)}: a consent lasts at most {Consent.MaxDays} days",
                $"expiresOn应为{DateText.ToIso(consents.Today)}至{DateText.ToIso(consents.LatestExpiry)}之间的日期：授权期限最长{Consent.MaxDays}天");
        }

        var (consent, token) = await consents.GrantAsync(RequestAuth.CallerOf(request).SubjectKey!, name, body.GranteeCode!, purpose,
            body.Scope == "report" ? ConsentScope.Report : ConsentScope.CreditCheck, expires, cancellationToken);
        return new ObjectResult(new ConsentGranted(token, consent)) { StatusCode = StatusCodes.Status201Created };
    }

    [Function(nameof(GetOwnConsents))]
    [ApiOperation("The caller's consents (active, expired, revoked) with every use of each: when, what, which report, newest first", Credential.Subject, Response = typeof(ConsentList))]
    public async Task<IActionResult> GetOwnConsents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me/consents")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new OkObjectResult(new ConsentList(await consents.OfSubjectAsync(RequestAuth.CallerOf(request).SubjectKey!, cancellationToken)));

    [Function(nameof(RevokeConsent))]
    [ApiOperation("Revokes one of the caller's consents at once: its token reads nothing more (403 CONSENT_REVOKED)", Credential.Subject, Response = typeof(Consent))]
    public async Task<IActionResult> RevokeConsent(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/me/consents/{consentId}/revocation")] HttpRequest request,
        string consentId,
        CancellationToken cancellationToken) =>
        await consents.RevokeAsync(RequestAuth.CallerOf(request).SubjectKey!, consentId, cancellationToken) is { } revoked
            ? new OkObjectResult(revoked)
            : ApiResults.Error(StatusCodes.Status404NotFound, "CONSENT_NOT_FOUND", "no consent of yours has this id", "未找到您的该项授权");

    [Function(nameof(GetConsentedCreditCheck))]
    [ApiOperation("A grantee reads the list status of the subject whose consent (scope creditCheck) it holds, by the token in X-Consent-Token (the use is recorded); an invalid token 401, an expired, revoked or other-scope consent 403 with the reason",
        Credential.None, Response = typeof(ConsentedCheck))]
    public async Task<IActionResult> GetConsentedCreditCheck(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/consented/credit-check")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (consent, refusal) = await consents.AuthorizeAsync(request.Headers[ConsentService.TokenHeader], ConsentScope.CreditCheck, cancellationToken);
        if (consent is null)
        {
            return ApiResults.Error(refusal!.Status, refusal.Code, refusal.MessageEn, refusal.MessageZh);
        }

        var names = (await departments.ListAsync(cancellationToken)).ToDictionary(d => d.Code, d => d.Name, StringComparer.Ordinal);
        var standing = await lists.StandingAsync(consent.SubjectKey, cancellationToken);
        await consents.RecordUseAsync(consent, "credit check read", null, cancellationToken);
        return new OkObjectResult(new ConsentedCheck(
            standing.Any(e => e.Entry.ListType == ListType.Red), standing.Any(e => e.Entry.ListType == ListType.Black), standing.Any(e => e.Entry.ListType == ListType.Watch),
            [.. standing.Select(e => ReportListEntry.From(e.Entry, e.Status, e.Role, names))]));
    }
}
