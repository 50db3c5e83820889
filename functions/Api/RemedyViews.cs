using Credit.JointCases;
using Credit.Records;
using Credit.Remedies;

namespace Credit.Functions.Api;

/// <summary>An objection or a repair application as its filer, its subject, its deciding department and the office read it.</summary>
public sealed record RemedyView(
    string Id,
    RemedyKind Kind,
    ItemRef Item,
    string FiledBy,
    string DecidingDepartment,
    string Statement,
    string? Proof,
    string? Commitment,
    DateTimeOffset FiledAt,
    string Deadline,
    RemedyState State,
    bool Overdue,
    string? DecisionReason,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    bool DecidedLate)
{
    public static RemedyView Of(Remedy remedy) => new(
        remedy.Id, remedy.Kind, remedy.Item,
        // A subject filer is named as such, never by its key.
        remedy.FiledBy.StartsWith("subject:", StringComparison.Ordinal) ? "subject" : remedy.FiledBy,
        remedy.DecidingDepartment, remedy.Statement, remedy.Proof, remedy.Commitment, remedy.FiledAt, DateText.ToIso(remedy.Deadline), remedy.State,
        remedy.Overdue, remedy.DecisionReason, remedy.DecidedBy, remedy.DecidedAt, remedy.DecidedLate);
}

/// <summary>A decision recorded; the same decision sent again is taken as already made (alreadyTaken, with its code and message).</summary>
public sealed record RemedyDecision(RemedyView Remedy, bool AlreadyTaken, string? Code, string? Message, string? MessageZh);

/// <summary>GET /api/objections/{id} and /api/repairs/{id}: the remedy, its evidence files, its timeline and the deciding department's registered name.</summary>
public sealed record RemedyDetail(RemedyView Remedy, IReadOnlyList<string> Evidence, IReadOnlyList<TimelineEntry> Timeline, string? DecidingDepartmentName);
