namespace Credit.PersonalData;

/// <summary>How long personal data is kept, and how its data keys are rotated (section "PersonalData").</summary>
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

    /// <summary>
    /// Seconds after which an instance loads the data keys again. A rotation waits twice this between adding its key
    /// and activating it, and again before re-sealing, so that no instance meets a value it cannot read or writes
    /// with the old key once re-sealing has begun.
    /// </summary>
    public int KeyRefreshSeconds { get; set; } = 60;

    /// <summary>Rows a re-sealing step reads at once (one activity each).</summary>
    public int ResealPageSize { get; set; } = 200;
}
