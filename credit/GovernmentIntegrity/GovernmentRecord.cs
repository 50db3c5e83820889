using System.Text.Json.Serialization;

namespace Credit.GovernmentIntegrity;

/// <summary>
/// Where a 政务失信 record comes from (国发〔2016〕76号 《国务院关于加强政务诚信建设的指导意见》: 政府和公务员因违法违规、失信违约
/// 被司法判决、行政处罚、纪律处分、问责处理的信息纳入政务失信记录; 京政发〔2017〕15号 二(一)1, 二(五)1): a court judgment that names a government body its judgment debtor and is not performed, an administrative
/// penalty on a body, a 纪律处分 (《中华人民共和国公职人员政务处分法》) or a 问责 decision (《中国共产党问责条例》), or a
/// government's breach of a contract or promise (an upheld 政府违约失信投诉 makes one).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<GovernmentRecordSource>))]
public enum GovernmentRecordSource
{
    Judgment,
    Penalty,
    Discipline,
    Accountability,
    Breach,
}

/// <summary>Whom a record is about: a government body (统一社会信用代码 of registration authority 1), or a civil servant of one.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GovernmentSubject>))]
public enum GovernmentSubject
{
    Body,
    CivilServant,
}

/// <summary>
/// A 政务失信 record, id "GR{24 hex}" (keyed, from the recording department, source and document: recorded twice it is one).
/// <see cref="SubjectKey"/> is the body's code, or the civil servant's person key; a civil servant is kept by name and
/// masked ID number with the body they serve. The record is stored sealed (it may name a person).
/// </summary>
public sealed record GovernmentRecord(
    string Id,
    string RecordedBy,
    GovernmentRecordSource Source,
    GovernmentSubject Subject,
    string SubjectKey,
    string BodyCode,
    string BodyName,
    string? PersonName,
    string? PersonIdMasked,
    string Conduct,
    string Document,
    DateOnly DecisionDate,
    string Authority,
    string? ComplaintId,
    DateTimeOffset RecordedAt)
{
    /// <summary>
    /// A body's record is public (国发〔2016〕76号: 政务失信记录 are disclosed by law); a civil servant's is not (a 政务处分
    /// or 问责 decision is served on the person and announced within their body, 《中华人民共和国公职人员政务处分法》; a
    /// processor does not publish personal information without the person's consent, 《个人信息保护法》第二十五条): it is
    /// shared with the departments through the credit check and shown to the person.
    /// </summary>
    public bool Public => Subject == GovernmentSubject.Body;

    /// <summary>Which subjects a source can name: judgments, penalties and breaches name bodies, 纪律处分 persons, 问责 either.</summary>
    public static bool Names(GovernmentRecordSource source, GovernmentSubject subject) => source switch
    {
        GovernmentRecordSource.Discipline => subject == GovernmentSubject.CivilServant,
        GovernmentRecordSource.Accountability => true,
        _ => subject == GovernmentSubject.Body,
    };
}
