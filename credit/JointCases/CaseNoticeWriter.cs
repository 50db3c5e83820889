using System.Text.Json;
using Credit.Lists;
using Credit.Notices;

namespace Credit.JointCases;

/// <summary>
/// The notices of a case as departments read them. They go to government departments over a private channel and
/// carry full identifiers (a department cannot restrict a person it cannot identify); public outputs never do.
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
                subjectCode = entry.SubjectCode,
                subjectName = entry.SubjectName,
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

    /// <summary>The target with the identifier a department answers with (the subject's code, or the person's ID number).</summary>
    static object Target(ListEntry entry, CaseTarget target)
    {
        var person = entry.ResponsiblePersons.FirstOrDefault(p => p.SubjectKey == target.Key);
        return person is null
            ? new { code = entry.SubjectCode, name = entry.SubjectName, role = (string?)null }
            : new { code = person.IdNumber, name = person.Name, role = (string?)person.Role.ZhName() };
    }
}
