using System.Text.Json.Serialization;
using Credit.Lists;
using Credit.Measures;

namespace Credit.JointCases;

/// <summary>Where a joint case is in its life: 发起 → 信息推送/执行反馈 → 生效 → 移出与解除 → 办结.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseState>))]
public enum CaseState
{
    Initiated,
    AwaitingFeedback,
    InEffect,
    Lifting,
    Completed,
}

/// <summary>Why a case ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseEndReason>))]
public enum CaseEndReason
{
    /// <summary>惩戒（激励）期限届满</summary>
    Expired,
    /// <summary>信用修复</summary>
    Repaired,
    /// <summary>异议成立</summary>
    ObjectionUpheld,
    /// <summary>
    /// A red entry's incentives stop because its subject was put on a black or watch list (京政发〔2017〕15号 二(二):
    /// incentives are for the trustworthy); only a new decision, once that entry is gone, lists it again.
    /// </summary>
    Suspended,
    /// <summary>
    /// The entry answered (响应) one imported from another platform, and that platform removed it (京政发〔2017〕15号
    /// 二(五)3: sanctions across regions follow the listing region's decision; its removal ends Beijing's response).
    /// </summary>
    RemovedAtSource,
}

public static class CaseEndReasons
{
    public static string ZhName(this CaseEndReason reason) => reason switch
    {
        CaseEndReason.Expired => "期限届满",
        CaseEndReason.Repaired => "信用修复",
        CaseEndReason.Suspended => "列入黑名单或重点关注名单，激励中止",
        CaseEndReason.RemovedAtSource => "来源平台已移出",
        _ => "异议成立",
    };
}

/// <summary>An implementing department's answer for one measure and target.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FeedbackOutcome>))]
public enum FeedbackOutcome
{
    Applied,
    NotApplicable,
    Failed,
}

/// <summary>Who or what a measure is applied to: the listed subject, or one of its responsible persons.</summary>
public sealed record CaseTarget(string Key, string Label, ResponsibleRole? Role);

/// <summary>One (department, measure, target) of a case: what the department must (or may) apply, and its answer.</summary>
public sealed record Assignment(
    string Department,
    string MeasureCode,
    int MeasureVersion,
    string MeasureName,
    MeasureBinding Binding,
    string LegalBasis,
    CaseTarget Target)
{
    public string Key => AssignmentKey(Department, MeasureCode, Target.Key);

    public static string AssignmentKey(string department, string measureCode, string targetKey) => $"{department}|{measureCode}|{targetKey}";
}

/// <summary>Time limits of a case, in working days (京政发〔2017〕15号 leaves them to the city; 5 is the default).</summary>
public sealed class JointCaseOptions
{
    public const string Section = "JointCases";

    public int FeedbackWorkingDays { get; set; } = 5;

    /// <summary>How many working days before a deadline the reminder goes out.</summary>
    public int ReminderWorkingDaysBefore { get; set; } = 1;

    public int LiftWorkingDays { get; set; } = 5;

    /// <summary>
    /// A subject with a serious penalty decided within this many months is not put on a red list (RL-MODEL's criterion;
    /// DOMAIN.md "Red-list incentives": three years without a bad record).
    /// </summary>
    public int RedListCleanRecordMonths { get; set; } = 36;
}
