using Credit.Identifiers;
using Credit.Records;
using Credit.Remedies;

namespace Credit.GovernmentIntegrity;

/// <summary>A 政务失信 record as a department sends it: a civil servant's when <see cref="PersonIdNumber"/> is given, else the body's.</summary>
public sealed record GovernmentRecordDraft(
    string? Source, string? BodyCode, string? BodyName, string? PersonName, string? PersonIdNumber, string? Conduct, string? Document, string? DecisionDate, string? Authority);

/// <summary>What recording did: recorded now, the same record recorded before (a retry), or refused with every problem named.</summary>
public sealed record RecordedGovernmentRecord(GovernmentRecord? Record, bool Created, IReadOnlyList<RowError> Problems);

/// <summary>
/// Keeps 政务失信 records (<see cref="GovernmentRecord"/>): a department records a judgment, penalty, 纪律处分 or 问责
/// decision about a government body or a civil servant, and the office's upholding of a complaint of a government's
/// breach records one itself. The same record sent again is one (its id is keyed on department, source, document and
/// subject). Each is in its audit (partition = its id) and counted for the body's 政务诚信 figures.
/// </summary>
public sealed class GovernmentRecordDesk(GovernmentRecordStore store, SubjectKeys keys, AuditLog audit, Statistics.StatisticsLedger statistics, TimeProvider clock)
{
    static readonly Dictionary<string, GovernmentRecordSource> Sources = new(StringComparer.OrdinalIgnoreCase)
    {
        ["judgment"] = GovernmentRecordSource.Judgment, ["司法判决"] = GovernmentRecordSource.Judgment,
        ["penalty"] = GovernmentRecordSource.Penalty, ["行政处罚"] = GovernmentRecordSource.Penalty,
        ["discipline"] = GovernmentRecordSource.Discipline, ["纪律处分"] = GovernmentRecordSource.Discipline,
        ["accountability"] = GovernmentRecordSource.Accountability, ["问责"] = GovernmentRecordSource.Accountability,
        ["breach"] = GovernmentRecordSource.Breach, ["政府违约"] = GovernmentRecordSource.Breach,
    };

    public async Task<RecordedGovernmentRecord> RecordAsync(string department, GovernmentRecordDraft draft, CancellationToken cancellationToken)
    {
        var checks = new FieldChecks();
        GovernmentRecordSource? source = draft.Source is { } text && Sources.TryGetValue(text.Trim(), out var known) ? known : null;
        if (source is null)
        {
            checks.Fail("source", draft.Source is null ? null : TextRules.Echo(draft.Source), "INVALID_SOURCE",
                "来源应为司法判决（judgment）、行政处罚（penalty）、纪律处分（discipline）、问责（accountability）或政府违约（breach）",
                "source must be judgment, penalty, discipline, accountability or breach");
        }

        var bodyCode = GovernmentBodies.Code(checks, "bodyCode", "机关单位", draft.BodyCode);
        var bodyName = checks.Text("bodyName", "机关单位名称", draft.BodyName, 200, multiLine: false);
        var (subject, subjectKey, personName, personIdMasked) = (GovernmentSubject.Body, bodyCode, (string?)null, (string?)null);
        if (draft.PersonIdNumber is not null || draft.PersonName is not null)
        {
            subject = GovernmentSubject.CivilServant;
            personName = checks.Text("personName", "公务员姓名", draft.PersonName, 50, multiLine: false);
            var number = draft.PersonIdNumber?.Trim().ToUpperInvariant();
            var check = ResidentIdNumber.Check(number);
            // The number is never echoed: a wrong one is still someone's personal data.
            (subjectKey, personIdMasked) = check.IsValid ? (keys.ForPerson(number!), ResidentIdNumber.Mask(number!)) : (null, null);
            if (!check.IsValid)
            {
                checks.Fail("personIdNumber", null, check.ReasonCode!, $"公务员身份证号码：{check.MessageZh}", $"personIdNumber: {check.MessageEn}");
            }
        }

        if (source is { } named && !GovernmentRecord.Names(named, subject))
        {
            checks.Fail("source", named.ToString(), "SOURCE_SUBJECT",
                subject == GovernmentSubject.Body ? "纪律处分记录应针对公务员个人（请填写personName和personIdNumber）" : "司法判决、行政处罚和政府违约记录应针对机关单位，不针对公务员个人",
                subject == GovernmentSubject.Body ? "a discipline record is about a civil servant: send personName and personIdNumber"
                    : "a judgment, penalty or breach record is about a government body, not a civil servant");
        }

        var conduct = checks.Text("conduct", "失信行为", draft.Conduct, 2000, multiLine: true);
        var document = checks.Text("document", "决定文书号", draft.Document, 128, multiLine: false);
        var authority = checks.Text("authority", "作出决定的机关", draft.Authority, 200, multiLine: false);
        var decided = checks.Date("decisionDate", "决定日期", draft.DecisionDate);
        if (decided > Calendar.BeijingTime.Today(clock))
        {
            checks.Fail("decisionDate", DateText.ToIso(decided.Value), "FUTURE_DATE", "决定日期不得晚于今天", "decisionDate must not be after today");
        }

        if (checks.Problems.Count > 0)
        {
            return new RecordedGovernmentRecord(null, false, checks.Problems);
        }

        var id = "GR" + keys.Identifier(string.Join('\u001f', "government-record", department, source, document, subjectKey), Storage.PrefixedId.HexLength);
        return await AddAsync(new GovernmentRecord(id, department, source!.Value, subject, subjectKey!, bodyCode!, bodyName!, personName, personIdMasked,
            conduct!, document!, decided!.Value, authority!, null, clock.GetUtcNow()), department, cancellationToken);
    }

    /// <summary>
    /// The record an upheld complaint makes (the body's breach established by the office): one per complaint, so the
    /// decision sent again, or retried after a crash between the two writes, records it once.
    /// </summary>
    public async Task<GovernmentRecord> FromComplaintAsync(GovernmentComplaint complaint, CancellationToken cancellationToken)
    {
        var id = "GR" + keys.Identifier($"government-record\u001fcomplaint\u001f{complaint.Id}", Storage.PrefixedId.HexLength);
        var conduct = complaint.Kind == ComplaintKind.BreachOfContract ? $"政府违约：{complaint.Description}" : $"承诺不兑现：{complaint.Description}";
        var record = new GovernmentRecord(id, Departments.Caller.SupervisorActor, GovernmentRecordSource.Breach, GovernmentSubject.Body, complaint.RespondentCode, complaint.RespondentCode,
            complaint.RespondentName, null, null, conduct, complaint.Reference ?? complaint.Id,
            Calendar.BeijingTime.Today(complaint.DecidedAt ?? clock.GetUtcNow()), "联席会议办公室", complaint.Id, complaint.DecidedAt ?? clock.GetUtcNow());
        return (await AddAsync(record, Departments.Caller.SupervisorActor, cancellationToken)).Record!;
    }

    async Task<RecordedGovernmentRecord> AddAsync(GovernmentRecord record, string actor, CancellationToken cancellationToken)
    {
        var (stored, created) = await store.AddAsync(record, cancellationToken);
        // Also for a retry: what a crash after storing it left undone is done now (each row is written once).
        await audit.WriteAsync(stored.Id, "government-record", "recorded",
            new AuditEntry(stored.RecordedAt, actor, $"recorded {stored.Source} about {(stored.Subject == GovernmentSubject.Body ? stored.BodyCode : "a civil servant of " + stored.BodyCode)}", stored.Id, null, null), cancellationToken);
        await statistics.RecordAsync(GovernmentRecordFacts.Of(stored), cancellationToken);
        return new RecordedGovernmentRecord(stored, created, []);
    }
}
