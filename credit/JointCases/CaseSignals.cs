using System.Text.Json.Serialization;
using Credit.Signals;

namespace Credit.JointCases;

/// <summary>
/// What a running case hears (docs/versioning.md: the wire names are those of versions 1–3 and do not change).
/// Dated signals carry their round or end date, which tells a stale one (an earlier round, an end date an amendment
/// moved) from a current one.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "Kind")]
[JsonDerivedType(typeof(FeedbackReceived), "Feedback")]
[JsonDerivedType(typeof(FeedbackReminderDue), "Reminder")]
[JsonDerivedType(typeof(FeedbackDeadlinePassed), "FeedbackDue")]
[JsonDerivedType(typeof(PeriodExpired), "Expired")]
[JsonDerivedType(typeof(CaseAmended), "Amended")]
[JsonDerivedType(typeof(CaseEnded), "Ended")]
[JsonDerivedType(typeof(LiftAcknowledged), "LiftAcknowledged")]
[JsonDerivedType(typeof(LiftReminderDue), "LiftReminder")]
[JsonDerivedType(typeof(LiftDeadlinePassed), "LiftDue")]
public abstract record CaseSignal : OrchestrationSignal
{
    public const string Event = "case-signal";

    [JsonIgnore]
    public override string EventName => Event;
}

/// <summary>A department answered one assignment of <paramref name="Round"/>.</summary>
public sealed record FeedbackReceived([property: JsonPropertyName("Key")] string AssignmentKey, int Round) : CaseSignal
{
    [JsonIgnore]
    public override string? About => AssignmentKey;
}

/// <summary>The feedback deadline of <paramref name="Round"/> is near.</summary>
public sealed record FeedbackReminderDue(int Round) : CaseSignal;

/// <summary>The feedback deadline of <paramref name="Round"/> has passed.</summary>
public sealed record FeedbackDeadlinePassed(int Round) : CaseSignal;

/// <summary>The period ending on <paramref name="EndDate"/> is over (惩戒（激励）期限届满).</summary>
public sealed record PeriodExpired(int Round, DateOnly EndDate) : CaseSignal;

/// <summary>
/// The initiating department changed the entry's period, or asks for the measures list's current versions
/// (<paramref name="RefreshMeasures"/>); <paramref name="AmendmentId"/> tells a client's retry from a new amendment.
/// </summary>
public sealed record CaseAmended([property: JsonPropertyName("Key")] string Reason, bool RefreshMeasures = false, string? AmendmentId = null) : CaseSignal
{
    [JsonIgnore]
    public override string? About => AmendmentId;
}

/// <summary>Repair approved or objection upheld: the case ends before its period.</summary>
public sealed record CaseEnded(CaseEndReason Reason) : CaseSignal
{
    [JsonIgnore]
    public override string? About => Reason.ToString();
}

/// <summary>A department acknowledged the lift of its measures.</summary>
public sealed record LiftAcknowledged([property: JsonPropertyName("Key")] string Department) : CaseSignal
{
    [JsonIgnore]
    public override string? About => Department;
}

/// <summary>The lift acknowledgement deadline of <paramref name="Round"/> is near.</summary>
public sealed record LiftReminderDue(int Round) : CaseSignal;

/// <summary>The lift acknowledgement deadline of <paramref name="Round"/> has passed.</summary>
public sealed record LiftDeadlinePassed(int Round) : CaseSignal;
