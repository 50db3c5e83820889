using System.Text.Json.Serialization;

namespace Credit.Remedies;

/// <summary>异议 (a wrong item corrected or revoked) or 信用修复 (a subject's credit repaired).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RemedyKind>))]
public enum RemedyKind
{
    Objection,
    Repair,
}

/// <summary>
/// What a remedy is about: a disclosure record, a red/black list entry (whose case ends with it), or a credit commitment
/// whose breach or overdue mark the subject objects to (an objection only).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ItemKind>))]
public enum ItemKind
{
    Record,
    ListEntry,
    Commitment,
}

public sealed record ItemRef(ItemKind Kind, string Id);

[JsonConverter(typeof(JsonStringEnumConverter<RemedyState>))]
public enum RemedyState
{
    /// <summary>With the deciding department.</summary>
    UnderReview,
    /// <summary>Objection upheld: the item is corrected or revoked.</summary>
    Upheld,
    /// <summary>Objection rejected: the reason is kept and shown to the objector.</summary>
    Rejected,
    /// <summary>Repair approved: the item leaves public view / the entry ends.</summary>
    Approved,
    /// <summary>Repair refused.</summary>
    Refused,
}

/// <summary>An objection or a repair application as stored (table Remedies).</summary>
public sealed record Remedy(
    string Id,
    RemedyKind Kind,
    ItemRef Item,
    string SubjectKey,
    string FiledBy,
    string DecidingDepartment,
    string Statement,
    string? Proof,
    string? Commitment,
    DateTimeOffset FiledAt,
    DateOnly Deadline,
    RemedyState State,
    bool Overdue,
    string? DecisionReason,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    bool DecidedLate)
{
    public bool Decided => State != RemedyState.UnderReview;

    /// <summary>When the deadline run marked it overdue (what its statistics fact is dated by).</summary>
    public DateTimeOffset? OverdueAt { get; init; }

    /// <summary>Upheld objection or approved repair: the item gives way.</summary>
    public bool Granted => State is RemedyState.Upheld or RemedyState.Approved;

    /// <summary>The joint case this decision ends, and why: a granted remedy on a list entry ends the entry's case.</summary>
    public (string CaseId, JointCases.CaseEndReason Reason)? EndsCase =>
        Granted && Item.Kind == ItemKind.ListEntry
            ? (Item.Id, Kind == RemedyKind.Objection ? JointCases.CaseEndReason.ObjectionUpheld : JointCases.CaseEndReason.Repaired)
            : null;
}

/// <summary>Time limits and rules of the remedies (defaults of DOMAIN.md), in working days where they are days.</summary>
public sealed class RemedyOptions
{
    public const string Section = "Remedies";

    /// <summary>The providing department decides an objection within this many working days (Shanghai 2017: 5).</summary>
    public int ObjectionDecisionWorkingDays { get; set; } = 5;

    /// <summary>The deciding department decides a repair within this many working days.</summary>
    public int RepairDecisionWorkingDays { get; set; } = 10;

    public int ReminderWorkingDaysBefore { get; set; } = 1;

    /// <summary>
    /// How long a black or watch-list entry stands before repair where its catalogue item cannot be found (the office
    /// retired it and every fallback); otherwise the item's <see cref="Catalogue.CatalogueItem.MinimumRepairMonths"/> rules.
    /// </summary>
    public int ListMinimumMonths { get; set; } = 12;
}
