using System.Text.Json;
using Credit.Lists;
using Credit.Notices;

namespace Credit.JointCases;

/// <summary>
/// The notices of a case as departments read them. A natural person is named by a reference (its key) with the ID
/// number and name masked: a notice is stored, queued and forwarded, and through measures of every department reaches
/// many; the department that must apply a measure reads the full identity by the reference, under audit
/// (GET /api/cases/{caseId}/targets/{ref}/identity). Organisations are named in full: their codes are public.
/// </summary>
public static class CaseNoticeWriter
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static CaseNotice Write(string kind, int round, string department, ListEntry entry, IReadOnlyCollection<AssignmentRecord> items, DateOnly? deadline, DateTimeOffset at, string? reason = null)
    {
        var body = new
        {
            noticeId = NoticeId(entry.Id, round, kind, department),
            kind,
            caseId = entry.Id,
            round,
            department,
            issuedAt = at,
            deadline = deadline is { } d ? Records.DateText.ToIso(d) : null,
            reason,
            entry = new
            {
                listType = entry.ListType,
                listTypeZh = entry.ListType.ZhName(),
                subjectRef = entry.SubjectKey,
                subjectCode = entry.SubjectLabel,
                subjectName = entry.SubjectKind == SubjectKind.NaturalPerson ? Identifiers.PersonalDataMasking.MaskName(entry.SubjectName) : entry.SubjectName,
                subjectKind = entry.SubjectKind,
                initiatingDepartment = entry.InitiatingDepartment,
                entry.Category,
                entry.Field,
                entry.LegalBasis,
                entry.DecisionDocument,
                startDate = Records.DateText.ToIso(entry.StartDate),
                endDate = Records.DateText.ToIso(entry.EndDate),
            },
            items = items.Select(i => new
            {
                measure = new { code = i.Assignment.MeasureCode, version = i.Assignment.MeasureVersion, name = i.Assignment.MeasureName, binding = i.Assignment.Binding, legalBasis = i.Assignment.LegalBasis },
                target = Target(entry, i.Assignment.Target),
            }),
        };
        // A push counts down as the department answers its items; the other kinds close on their one answer.
        return new CaseNotice(NoticeId(entry.Id, round, kind, department), department, entry.Id, kind, at, JsonSerializer.Serialize(body, Json),
            kind == NoticeKinds.Push ? items.Count : 0);
    }

    public static string NoticeId(string caseId, int round, string kind, string department) => $"{caseId}-{round}-{kind}-{department}";

    /// <summary>The target by the reference a department answers with and reads its identity by, and its masked identity.</summary>
    static object Target(ListEntry entry, CaseTarget target)
    {
        var person = entry.ResponsiblePersons.FirstOrDefault(p => p.SubjectKey == target.Key);
        return person is null
            ? new { @ref = target.Key, code = entry.SubjectLabel, name = entry.SubjectKind == SubjectKind.NaturalPerson ? Identifiers.PersonalDataMasking.MaskName(entry.SubjectName) : entry.SubjectName, role = (string?)null }
            : new { @ref = target.Key, code = person.MaskedIdNumber, name = Identifiers.PersonalDataMasking.MaskName(person.Name), role = (string?)person.Role.ZhName() };
    }
}
