namespace Credit.PersonalData;

/// <summary>Why a read of personal data was made, as the audit keeps it and the person reads it (Chinese / English).</summary>
public static class ReadPurpose
{
    public const string OwnDecision = "作出决定的单位查阅本单位记录 / the deciding department reads its own record";
    public const string Supervision = "联席会议办公室督查 / supervision by the joint conference office";
    public const string JointCase = "办理联合奖惩案件 / handling the joint reward or sanction case";
    public const string CreditCheck = "应查必查信用核查 / the credit check before a decision";
}
