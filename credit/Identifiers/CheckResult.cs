namespace Credit.Identifiers;

/// <summary>The outcome of checking an identifier: valid, or the rule it broke in both languages.</summary>
public sealed record CheckResult(bool IsValid, string? ReasonCode, string MessageZh, string MessageEn)
{
    public static readonly CheckResult Valid = new(true, null, "有效", "valid");

    public static CheckResult Invalid(string reasonCode, string messageZh, string messageEn) =>
        new(false, reasonCode, messageZh, messageEn);
}
