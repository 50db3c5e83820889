using System.Text.Json.Serialization;

namespace Credit.Consents;

/// <summary>What a consent lets its grantee read: the subject's credit report, or its credit check (list status).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConsentScope>))]
public enum ConsentScope
{
    Report,
    CreditCheck,
}

/// <summary>
/// A subject's consent (授权) for a third party of the seed (京政发〔2017〕15号 二(一)3: credit-service firms, banks,
/// associations) to read its non-public credit information: who, why, what, until when. Valid through
/// <see cref="ExpiresOn"/> (a Beijing day, at most <see cref="MaxDays"/> after it was granted, 个人信息保护法 Art. 14:
/// consent is specific and informed), unless revoked, which takes effect at once.
/// </summary>
public sealed record Consent(
    string Id, string SubjectKey, string GranteeName, string GranteeCode, string Purpose, ConsentScope Scope, DateOnly ExpiresOn, DateTimeOffset GrantedAt, DateTimeOffset? RevokedAt)
{
    public const int MaxDays = 90;
}

/// <summary>One use of a consent: when, what the grantee did (ordered or read a report, read the credit check) and the item.</summary>
public sealed record ConsentUse(DateTimeOffset At, string Action, string? Item);

/// <summary>A consent as its subject sees it, with every use, newest first.</summary>
public sealed record ConsentWithUses(Consent Consent, string State, IReadOnlyList<ConsentUse> Uses);
