using System.Text.Json.Serialization;
using Credit.Lists;

namespace Credit.CreditReports;

/// <summary>A full report (every section) or a 专项 report (statements per field and department asked, with the sections).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CreditReportKind>))]
public enum CreditReportKind
{
    Full,
    Special,
}

/// <summary>
/// A 信用报告: what the product holds about one subject over the 5 years before its issue day, as the rules let it be
/// shown (docs/credit-reports.md). The same content is rendered as PDF and as HTML; the PDF's SHA-256 is signed.
/// </summary>
public sealed record CreditReport(
    string Id,
    CreditReportKind Kind,
    DateTimeOffset IssuedAt,
    DateOnly From,
    DateOnly To,
    ReportSubject Subject,
    IReadOnlyList<ReportLicence> Licences,
    IReadOnlyList<ReportPenalty> Penalties,
    IReadOnlyList<ReportListEntry> Lists,
    IReadOnlyList<ReportObjection> PendingObjections,
    IReadOnlyList<ReportStatement> Statements,
    string VerificationUrl,
    IReadOnlyList<ReportCommitment>? Commitments = null,
    IReadOnlyList<ReportImportedEntry>? Imported = null)
{
    /// <summary>Years before the issue day a report covers (北京市专用信用报告: 5 years).</summary>
    public const int Years = 5;
}

/// <summary>基本信息. A natural person's ID number is shown masked (6 + 4), as everywhere outside the person's own view.</summary>
public sealed record ReportSubject(string Name, string Code, SubjectKind Kind);

public sealed record ReportLicence(string DocumentNumber, string Title, string Category, string Content, DateOnly DecisionDate, string? ValidUntil, string Authority, string Status);

/// <summary>A penalty in its publicity period; <see cref="RepairedOn"/>: 已修复 on that day.</summary>
public sealed record ReportPenalty(string DocumentNumber, string Violation, string Categories, string Content, DateOnly DecisionDate, DateOnly PublicUntil, string Authority, DateOnly? RepairedOn);

/// <summary>A standing list entry that names the subject, itself or as a responsible person (<see cref="AsRole"/>).</summary>
public sealed record ReportListEntry(string EntryId, ListType ListType, string Category, string Field, string DecisionDocument, string InitiatingDepartment, DateOnly StartDate, DateOnly EndDate, string? AsRole, bool UnderObjection)
{
    public static ReportListEntry From(ListEntry entry, ListEntryStatus status, ResponsibleRole? role, IReadOnlyDictionary<string, string> departmentNames) =>
        new(entry.Id, entry.ListType, entry.Category, entry.Field, entry.DecisionDocument, departmentNames.GetValueOrDefault(entry.InitiatingDepartment, entry.InitiatingDepartment),
            entry.StartDate, entry.EndDate, role?.ZhName(), status.UnderObjection);
}

/// <summary>
/// A credit commitment taken in the report's years: its kind, reference, taking department, day and how it stands
/// (<see cref="Status"/>: 履约, 违约 — negative information, 二(二)2 —, 逾期未补交 for a 容缺 one past due, else 履行中).
/// </summary>
public sealed record ReportCommitment(string Kind, string Reference, string Department, DateOnly TakenOn, string Status);

/// <summary>An entry of another platform's list that stands and names the subject: its source, kind, listing authority and period.</summary>
public sealed record ReportImportedEntry(string Source, string ListKind, ListType ListType, string ListingAuthority, string? DecisionDocument, DateOnly StartDate, DateOnly? EndDate);

/// <summary>An objection (异议) still with its deciding department.</summary>
public sealed record ReportObjection(string Id, string Item, DateTimeOffset FiledAt, DateOnly Deadline);

/// <summary>
/// One statement of a 专项 report: for a field (领域), whether a black or watch entry of it stands; for a department,
/// whether a penalty it decided is in its publicity period and unrepaired. <see cref="Clean"/>: "无违法违规记录".
/// </summary>
public sealed record ReportStatement(string Scope, string Name, bool Clean, IReadOnlyList<string> Records);
