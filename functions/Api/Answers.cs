using System.Text.Json;
using Credit.Measures;
using Credit.PersonalData;
using Credit.Quarantine;
using Credit.Remedies;

namespace Credit.Functions.Api;

// The smaller answers of the API, each named so that the OpenAPI document types it and the tests hold it to that type.

/// <summary>An answer to a case (feedback, lift acknowledgement) received; a repeated one says it was taken already and how.</summary>
public sealed record CaseAnswer(string CaseId, string Message, string MessageZh, bool AlreadyTaken, string? Code);

/// <summary>The notices a department still has to answer; each body as it was pushed.</summary>
public sealed record PendingNotices(IReadOnlyList<PendingNotice> Notices);

public sealed record PendingNotice(string NoticeId, string CaseId, string Kind, DateTimeOffset IssuedAt, JsonElement Body);

/// <summary>Who read a person's data (newest first, at most 500: then truncated).</summary>
public sealed record AccessLog(IReadOnlyList<PersonalDataRead> Reads, bool Truncated);

public sealed record AuditTrail(IReadOnlyList<AuditEntry> Audit);

/// <summary>Public subjects whose name begins with the text searched; a person's code is never shown.</summary>
public sealed record SubjectMatches(IReadOnlyList<SubjectMatch> Subjects);

public sealed record SubjectMatch(string Name, string? Code);

public sealed record UploadReceived(string File, string Etag);

public sealed record EvidenceStored(string Evidence);

/// <summary>A revocation received: the record leaves public view by <see cref="WithdrawBy"/>.</summary>
public sealed record RevocationAccepted(string Id, string WithdrawBy, string Note);

public sealed record QuarantineList(int Quarantined, IReadOnlyList<QuarantineItem> Items);

public sealed record MeasureList(IReadOnlyList<Measure> Measures);
