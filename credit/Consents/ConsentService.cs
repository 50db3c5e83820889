using System.Security.Cryptography;
using Credit.Calendar;

namespace Credit.Consents;

/// <summary>Why a consent token does not let its bearer read: the HTTP status, a stable code, and the reason in English and Chinese.</summary>
public sealed record ConsentRefusal(int Status, string Code, string MessageEn, string MessageZh);

/// <summary>
/// Queries by consent: a subject grants a consent and hands its token to the grantee, which reads with it what the
/// consent's scope allows until it expires or is revoked; every use is recorded and shown to the subject.
/// </summary>
public sealed class ConsentService(ConsentStore store, TimeProvider clock)
{
    public const string TokenHeader = "X-Consent-Token";

    /// <summary>Stores a consent and returns it with its token, shown this once.</summary>
    public async Task<(Consent Consent, string Token)> GrantAsync(string subjectKey, string granteeName, string granteeCode, string purpose, ConsentScope scope, DateOnly expiresOn, CancellationToken cancellationToken)
    {
        var consent = new Consent("CS" + RandomNumberGenerator.GetHexString(24, lowercase: true), subjectKey, granteeName, granteeCode, purpose, scope, expiresOn, clock.GetUtcNow(), null);
        var token = "cs_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await store.AddAsync(consent, token, cancellationToken);
        return (consent, token);
    }

    /// <summary>Revokes the subject's consent at once; null when it has none of that id.</summary>
    public async Task<Consent?> RevokeAsync(string subjectKey, string id, CancellationToken cancellationToken) =>
        await store.GetAsync(subjectKey, id, cancellationToken) is { } consent ? await store.RevokeAsync(consent, clock.GetUtcNow(), cancellationToken) : null;

    public async Task<IReadOnlyList<ConsentWithUses>> OfSubjectAsync(string subjectKey, CancellationToken cancellationToken) =>
        [.. (await store.OfSubjectAsync(subjectKey, cancellationToken)).Select(c => new ConsentWithUses(c.Consent, State(c.Consent), c.Uses))];

    /// <summary>The consent a token stands for, if it lets its bearer read <paramref name="scope"/> now; otherwise why not.</summary>
    public async Task<(Consent? Consent, ConsentRefusal? Refusal)> AuthorizeAsync(string? token, ConsentScope scope, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100 || await store.ByTokenAsync(token.Trim(), cancellationToken) is not { } consent)
        {
            return (null, new ConsentRefusal(401, "CONSENT_TOKEN_INVALID", $"send the token of a consent in the {TokenHeader} header", $"请在{TokenHeader}请求头中提供授权令牌"));
        }

        return State(consent) switch
        {
            "revoked" => (null, new ConsentRefusal(403, "CONSENT_REVOKED", $"the subject revoked this consent on {consent.RevokedAt:yyyy-MM-dd}", "该授权已被信用主体撤回")),
            "expired" => (null, new ConsentRefusal(403, "CONSENT_EXPIRED", $"this consent expired after {consent.ExpiresOn:yyyy-MM-dd}", $"该授权已于{consent.ExpiresOn:yyyy-MM-dd}到期")),
            _ when consent.Scope != scope => (null, new ConsentRefusal(403, "CONSENT_OUT_OF_SCOPE", $"this consent covers the {Name(consent.Scope)}, not the {Name(scope)}", $"该授权的范围为{NameZh(consent.Scope)}，不包括{NameZh(scope)}")),
            _ => (consent, null),
        };
    }

    /// <summary>Records what the grantee did with the consent (the subject sees it in GET /api/me/consents).</summary>
    public Task RecordUseAsync(Consent consent, string action, string? item, CancellationToken cancellationToken) =>
        store.AddUseAsync(consent, new ConsentUse(clock.GetUtcNow(), action, item), cancellationToken);

    /// <summary>The last day a consent granted today may run to.</summary>
    public DateOnly LatestExpiry => BeijingTime.Today(clock).AddDays(Consent.MaxDays);

    public DateOnly Today => BeijingTime.Today(clock);

    string State(Consent consent) => consent.RevokedAt is not null ? "revoked" : consent.ExpiresOn < BeijingTime.Today(clock) ? "expired" : "active";

    static string Name(ConsentScope scope) => scope == ConsentScope.Report ? "credit report" : "credit check";

    static string NameZh(ConsentScope scope) => scope == ConsentScope.Report ? "信用报告" : "信用核查";
}
