using System.Text.Json.Serialization;
using Credit.Signals;

namespace Credit.Remedies;

/// <summary>
/// What a running objection or repair application hears. Its wire names and event name are those remedies have
/// heard since version 1, when they borrowed the case's signal: instances in flight keep hearing them.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "Kind")]
[JsonDerivedType(typeof(RemedyReminderDue), "Reminder")]
[JsonDerivedType(typeof(RemedyDeadlinePassed), "FeedbackDue")]
[JsonDerivedType(typeof(RemedyDecided), "Decided")]
public abstract record RemedySignal : OrchestrationSignal
{
    public const string Event = "case-signal";

    [JsonIgnore]
    public override string EventName => Event;
}

/// <summary>The decision is due tomorrow (a working day before the deadline).</summary>
public sealed record RemedyReminderDue : RemedySignal;

/// <summary>The deciding department's deadline has passed undecided.</summary>
public sealed record RemedyDeadlinePassed : RemedySignal;

/// <summary>The remedy was decided (the decision is stored with it).</summary>
public sealed record RemedyDecided : RemedySignal;
