namespace Credit.PersonalData;

/// <summary>How long personal data is kept (section "PersonalData").</summary>
public sealed class PersonalDataOptions
{
    public const string Section = "PersonalData";

    /// <summary>
    /// Years a record's personal data is kept after the record left public view (its publicity period ended, or it
    /// was revoked), for objections, repairs, reviews and litigation about it; then it is erased. 个人信息保护法 Art. 19
    /// (kept no longer than the purpose needs) and Art. 47 (erased when the period ends); five years by default, the
    /// period 征信业管理条例 Art. 16 sets for negative credit information. A department's archive rules may require longer.
    /// </summary>
    public int RetentionYears { get; set; } = 5;
}
