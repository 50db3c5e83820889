using System.Text.Json.Serialization;
using Credit.Lists;

namespace Credit.Commitments;

/// <summary>信用承诺的种类 (京政发〔2017〕15号 二(二)2; DOMAIN.md "Red-list incentives": 容缺受理 on a written promise).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CommitmentKind>))]
public enum CommitmentKind
{
    /// <summary>告知承诺: an approval granted on the subject's promise that it meets the conditions.</summary>
    Notification,

    /// <summary>容缺受理: an application accepted with items missing, promised by a due date.</summary>
    Deficiency,

    /// <summary>主动公开承诺: a public self-declaration.</summary>
    SelfDeclaration,

    /// <summary>信用修复承诺: the promise a repair application carries.</summary>
    Repair,

    /// <summary>行业自律承诺: an industry commitment.</summary>
    Industry,
}

public static class CommitmentKindNames
{
    /// <summary>The kind's Chinese name, as departments write it in an upload and a report shows it.</summary>
    public static string ZhName(this CommitmentKind kind) => kind switch
    {
        CommitmentKind.Notification => "告知承诺",
        CommitmentKind.Deficiency => "容缺受理",
        CommitmentKind.SelfDeclaration => "主动公开承诺",
        CommitmentKind.Repair => "信用修复承诺",
        _ => "行业自律承诺",
    };
}

/// <summary>How a commitment stands: open until the department that took it records it fulfilled (履约) or breached (违约).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CommitmentStatus>))]
public enum CommitmentStatus
{
    Open,
    Fulfilled,
    Breached,
}

/// <summary>
/// A subject's written commitment, taken by a department under its own reference (the approval or application
/// number): id "{subject key}-c{24 hex}", so that a subject's commitments are one partition. A natural person is
/// kept by the key of its ID number and shown by the masked number and name (<see cref="SubjectLabel"/>, <see cref="SubjectName"/>).
/// <see cref="MissingItems"/> and <see cref="DueDate"/>: what a 容缺受理 left to supply, and by when;
/// <see cref="OverdueMarkedAt"/>: when the deadline run found it still open after that day (<see cref="CommitmentDeadlines"/>).
/// <see cref="FoundWrongBy"/>: the upheld objection (异议) that found its breach or overdue mark wrong; it then counts
/// against the subject nowhere (信用评价, 守信激励, a listing), and its record is kept as it was.
/// </summary>
public sealed record Commitment(
    string Id,
    string Department,
    string SubjectKey,
    string SubjectLabel,
    string SubjectName,
    SubjectKind SubjectKind,
    CommitmentKind Kind,
    string Reference,
    string Text,
    bool Public,
    DateOnly TakenOn,
    IReadOnlyList<string> MissingItems,
    DateOnly? DueDate,
    CommitmentStatus Status = CommitmentStatus.Open,
    DateOnly? OutcomeOn = null,
    string? OutcomeNote = null,
    DateTimeOffset? OverdueMarkedAt = null,
    string? FoundWrongBy = null)
{
    public bool FoundWrong => FoundWrongBy is not null;

    /// <summary>A 容缺 commitment still open after its due date: its items were not supplied in time.</summary>
    public bool OverdueOn(DateOnly today) => Status == CommitmentStatus.Open && DueDate is { } due && today > due;

    /// <summary>Whether two takings of the commitment are the same (its outcome aside): a department's retry is.</summary>
    public bool SameTakingAs(Commitment other) =>
        Taking == other.Taking && MissingItems.SequenceEqual(other.MissingItems, StringComparer.Ordinal);

    Commitment Taking => this with { Status = CommitmentStatus.Open, OutcomeOn = null, OutcomeNote = null, OverdueMarkedAt = null, FoundWrongBy = null, MissingItems = [] };

    /// <summary>Whether its items were supplied by the due day: null unless it is a 容缺 commitment recorded fulfilled.</summary>
    public bool? SuppliedOnTime => Kind == CommitmentKind.Deficiency && Status == CommitmentStatus.Fulfilled && OutcomeOn is { } on && DueDate is { } due ? on <= due : null;
}
