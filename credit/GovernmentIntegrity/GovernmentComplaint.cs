using System.Text.Json.Serialization;

namespace Credit.GovernmentIntegrity;

/// <summary>What a government is said to have broken: a contract it signed (政府违约), or a promise it made (政策承诺不兑现).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComplaintKind>))]
public enum ComplaintKind
{
    BreachOfContract,
    BreachOfPromise,
}

[JsonConverter(typeof(JsonStringEnumConverter<ComplaintState>))]
public enum ComplaintState
{
    UnderReview,
    Decided,
}

/// <summary>What the office found: the government's breach established (政务失信) or not.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComplaintFinding>))]
public enum ComplaintFinding
{
    Upheld,
    Rejected,
}

/// <summary>
/// A complaint of a government's breach of contract or promise (政府违约失信投诉, 京政发〔2017〕15号 二(一)1 and 二(五)1:
/// 政务诚信, the government keeps its word), id "GC{24 hex}", filed by a subject (<see cref="FiledBy"/>, its key's actor)
/// against a government body (<see cref="RespondentCode"/>: a 统一社会信用代码 of registration category 1, 机构编制),
/// decided by the supervising office by <see cref="DecisionDue"/>, reminded <see cref="ReminderOn"/>. An upheld
/// complaint owes the body's 政务失信 record until <see cref="RecordMadeAt"/> says it was made: the decision and the
/// signal it implies are stored together, so a crash between them is mended by the deadline run.
/// </summary>
public sealed record GovernmentComplaint(
    string Id,
    string FiledBy,
    string ComplainantName,
    string RespondentCode,
    string RespondentName,
    ComplaintKind Kind,
    string Description,
    string? Reference,
    DateTimeOffset FiledAt,
    DateOnly ReminderOn,
    DateOnly DecisionDue,
    IReadOnlyList<string> Evidence,
    ComplaintState State = ComplaintState.UnderReview,
    ComplaintFinding? Finding = null,
    string? Reply = null,
    DateTimeOffset? DecidedAt = null,
    bool DecidedLate = false,
    DateTimeOffset? RemindedAt = null,
    DateTimeOffset? OverdueMarkedAt = null,
    DateTimeOffset? RecordMadeAt = null)
{
    public bool OverdueOn(DateOnly today) => State == ComplaintState.UnderReview && today > DecisionDue;

    public bool OwesRecord() => Finding == ComplaintFinding.Upheld && RecordMadeAt is null;
}
