using System.Security.Cryptography;
using System.Text;
using Credit.Calendar;
using Credit.Records;
using Credit.Remedies;
using Credit.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Credit.DishonestyReports;

/// <summary>
/// A report filed, and the token its reporter follows it with; <see cref="Created"/> false for the same filing sent again
/// under its Idempotency-Key; null <see cref="Report"/> when that key was used for another filing.
/// </summary>
public sealed record FiledReport(DishonestyReport? Report, string Token, bool Created);

/// <summary>What a step on a report did: done, already done the same way (a retry), or refused because the report is elsewhere.</summary>
public enum StepResult
{
    Done,
    AlreadyDone,
    Refused,
}

/// <summary>
/// 失信举报 (京政发〔2017〕15号 二(三)3): the public files a report (anonymous or named), the supervising office sends it to
/// the responsible department within <see cref="DishonestyReportOptions.TriageWorkingDays"/> working days, the department
/// decides within <see cref="DishonestyReportOptions.DecisionWorkingDays"/>; the deadline run marks a step past its day
/// overdue. The reporter follows with its token. Every step, and every read of the reporter's identity, is written to
/// the report's audit (table Audit, partition = the report's id); the department's steps are counted for its
/// statistics (<see cref="ReportFacts"/>).
/// </summary>
public sealed partial class DishonestyReportDesk(
    DishonestyReportStore store, ReporterSeal seal, AuditLog audit, Statistics.StatisticsLedger statistics, StorageClients storage, WorkingDayCalendar calendar,
    IOptions<DishonestyReportOptions> options, TimeProvider clock, ILogger<DishonestyReportDesk> logger)
{
    /// <summary>
    /// Files the report: under a new id, or — with an <paramref name="idempotencyKey"/> — under the id the key names, so
    /// that a client that sends the filing again (its connection refused, its answer lost) gets the same report and token.
    /// </summary>
    public async Task<FiledReport> FileAsync(CheckedReport report, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var token = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var id = idempotencyKey is null ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"dishonesty-report|{idempotencyKey}")))[..24];
        var filed = new DishonestyReport(
            $"DR{id}", HashOf(token), report.SubjectName, report.SubjectKey, report.SubjectLabel, report.Conduct,
            report.Reporter is null, report.Reporter is { } reporter ? await seal.SealAsync(reporter, cancellationToken) : null, now,
            calendar.AddWorkingDays(BeijingTime.Today(now), options.Value.TriageWorkingDays).Date, [],
            SealedToken: idempotencyKey is null ? null : await seal.SealTokenAsync(token, cancellationToken),
            ReminderOn: ReminderDay(BeijingTime.Today(now), options.Value.TriageWorkingDays));
        var created = true;
        try
        {
            await store.AddAsync(filed, cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 409 && idempotencyKey is not null)
        {
            var (stored, _) = (await store.GetAsync(filed.Id, cancellationToken))!.Value;
            var same = stored.SubjectName == report.SubjectName && stored.SubjectKey == report.SubjectKey && stored.Conduct == report.Conduct
                && (stored.SealedReporter is { } sealedReporter ? await seal.OpenAsync(sealedReporter, cancellationToken) : null) == report.Reporter;
            if (!same)
            {
                return new FiledReport(null, string.Empty, false);
            }

            (filed, token, created) = (stored, await seal.OpenTokenAsync(stored.SealedToken!, cancellationToken), false);
        }

        // Also on a retry that found the report (the first attempt may have ended before this): the row is keyed by its step, written once.
        await WriteAsync(filed.Id, "filed", "public", filed.Anonymous ? "filed anonymously" : "filed with the reporter's identity (sealed)", cancellationToken);
        return new FiledReport(filed, token, created);
    }

    /// <summary>The report, when <paramref name="token"/> is the one given at its filing; null otherwise (no one learns whether it exists).</summary>
    public async Task<DishonestyReport?> FollowAsync(string id, string? token, CancellationToken cancellationToken)
    {
        if (token is not { Length: > 0 } || await store.GetAsync(id, cancellationToken) is not { } found)
        {
            return null;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(token)), Encoding.ASCII.GetBytes(found.Report.TokenHash)) ? found.Report : null;
    }

    /// <summary>Adds an evidence file while the report is undecided; the same name again replaces it (a retried upload).</summary>
    /// <returns>The report with the file, or null when it was refused.</returns>
    public async Task<DishonestyReport?> AddEvidenceAsync(DishonestyReport report, string name, Stream content, CancellationToken cancellationToken)
    {
        bool Refused(DishonestyReport current) =>
            current.State == ReportState.Decided || (!current.Evidence.Contains(name) && current.Evidence.Count >= options.Value.MaxEvidenceFiles);

        // The report as the caller read it decides whether the file is stored at all; the list is updated under its ETag.
        if (Refused(report))
        {
            return null;
        }

        await storage.Container(StorageNames.EvidenceContainer).GetBlobClient(EvidencePath(report.Id, name)).UploadAsync(content, overwrite: true, cancellationToken);
        while (true)
        {
            var (current, etag) = (await store.GetAsync(report.Id, cancellationToken))!.Value;
            if (current.Evidence.Contains(name))
            {
                return current;
            }

            if (Refused(current))
            {
                return null;
            }

            var added = current with { Evidence = [.. current.Evidence, name] };
            if (await store.ReplaceAsync(added, etag, cancellationToken))
            {
                return added;
            }
        }
    }

    public static string EvidencePath(string id, string name) => $"dishonesty-reports/{id}/{name}";

    /// <summary>The office sends a filed report to the responsible department; the same department again is a retry.</summary>
    public async Task<(StepResult Result, DishonestyReport Report)> AssignAsync(string id, string department, string actor, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (current, etag) = (await store.GetAsync(id, cancellationToken))!.Value;
            if (current.State != ReportState.Filed)
            {
                if (current.Department != department || current.State != ReportState.Assigned)
                {
                    return (StepResult.Refused, current);
                }

                // A retry: what a crash after the first write may have left undone is done again (each row is written once).
                await statistics.RecordAsync(ReportFacts.Of(current), cancellationToken);
                return (StepResult.AlreadyDone, current);
            }

            var now = clock.GetUtcNow();
            var assigned = current with
            {
                State = ReportState.Assigned, Department = department, AssignedAt = now, OverdueMarkedAt = null, RemindedAt = null,
                DecisionDue = calendar.AddWorkingDays(BeijingTime.Today(now), options.Value.DecisionWorkingDays).Date,
                ReminderOn = ReminderDay(BeijingTime.Today(now), options.Value.DecisionWorkingDays),
            };
            if (await store.ReplaceAsync(assigned, etag, cancellationToken))
            {
                await WriteAsync(id, "assigned", actor, $"sent to {department}, decision due by {DateText.ToIso(assigned.DecisionDue!.Value)}", cancellationToken);
                await statistics.RecordAsync(ReportFacts.Of(assigned), cancellationToken);
                return (StepResult.Done, assigned);
            }
        }
    }

    /// <summary>The responsible department decides once; the same decision again is a retry, another is refused.</summary>
    public async Task<(StepResult Result, DishonestyReport Report)> DecideAsync(
        string id, ReportFinding finding, string reply, string? note, string actor, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (current, etag) = (await store.GetAsync(id, cancellationToken))!.Value;
            if (current.State != ReportState.Assigned)
            {
                if (current.State != ReportState.Decided || current.Finding != finding || current.Reply != reply)
                {
                    return (StepResult.Refused, current);
                }

                await statistics.RecordAsync(ReportFacts.Of(current), cancellationToken);
                return (StepResult.AlreadyDone, current);
            }

            var decided = current with { State = ReportState.Decided, Finding = finding, Reply = reply, InternalNote = note, DecidedAt = clock.GetUtcNow() };
            if (await store.ReplaceAsync(decided, etag, cancellationToken))
            {
                var late = BeijingTime.Today(clock) > current.DecisionDue ? " (late)" : string.Empty;
                await WriteAsync(id, "decided", actor, $"decided {finding}{late}", cancellationToken);
                await statistics.RecordAsync(ReportFacts.Of(decided), cancellationToken);
                return (StepResult.Done, decided);
            }
        }
    }

    /// <summary>
    /// Links a record or list entry the department made to the substantiated report that started it (京政发〔2017〕15号
    /// 二(三)3: a report found true is acted on); the same link again is a retry. Refused unless the report is decided
    /// substantiated.
    /// </summary>
    public async Task<(StepResult Result, DishonestyReport Report)> LinkFollowUpAsync(string id, string kind, string itemId, string actor, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (current, etag) = (await store.GetAsync(id, cancellationToken))!.Value;
            if (current.Finding != ReportFinding.Substantiated)
            {
                return (StepResult.Refused, current);
            }

            if (current.FollowUps?.Any(f => f.Kind == kind && f.Id == itemId) == true)
            {
                // A retry: the audit row a crash after storing the link left unwritten is written now (once, by its step).
                await WriteFollowUpAsync(id, kind, itemId, actor, cancellationToken);
                return (StepResult.AlreadyDone, current);
            }

            var linked = current with { FollowUps = [.. current.FollowUps ?? [], new ReportFollowUp(kind, itemId, clock.GetUtcNow())] };
            if (await store.ReplaceAsync(linked, etag, cancellationToken))
            {
                await WriteFollowUpAsync(id, kind, itemId, actor, cancellationToken);
                return (StepResult.Done, linked);
            }
        }
    }

    Task WriteFollowUpAsync(string id, string kind, string itemId, string actor, CancellationToken cancellationToken) =>
        WriteAsync(id, $"follow-up-{kind}-{itemId}", actor, $"started {kind} {itemId}", cancellationToken);

    /// <summary>The reporter's identity for the responsible department's staff, each read written to the report's audit first; null for an anonymous report.</summary>
    public async Task<ReporterIdentity?> ReadReporterAsync(DishonestyReport report, string actor, string? purpose, CancellationToken cancellationToken)
    {
        await WriteAsync(report.Id, $"reporter-read-{clock.GetUtcNow().UtcTicks:D19}-{Guid.NewGuid():N}", actor,
            $"read the reporter's identity{(purpose is { Length: > 0 } ? $": {purpose}" : string.Empty)}", cancellationToken);
        return report.SealedReporter is { } sealedIdentity ? await seal.OpenAsync(sealedIdentity, cancellationToken) : null;
    }

    public Task<IReadOnlyList<AuditEntry>> AuditAsync(string id, CancellationToken cancellationToken) => audit.OfSubjectAsync(id, cancellationToken);

    /// <summary>
    /// Reminds whoever has each report's step when its reminder day has come, and marks each step past its day overdue;
    /// once each per step. Returns how many it marked. A report storage refuses is logged and left for the next run;
    /// the others go on.
    /// </summary>
    public async Task<int> MarkOverdueAsync(CancellationToken cancellationToken)
    {
        var today = BeijingTime.Today(clock);
        var marked = 0;
        foreach (var due in await store.DueAsync(today, cancellationToken))
        {
            try
            {
                marked += await MarkAsync(due.Id, today, cancellationToken) ? 1 : 0;
            }
            catch (Azure.RequestFailedException e)
            {
                LogNotMarked(logger, due.Id, e.Status, e.ErrorCode);
            }
        }

        LogRun(logger, today, marked);
        return marked;
    }

    async Task<bool> MarkAsync(string id, DateOnly today, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not var (current, etag) || current.Due is not { } dueDay)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var remind = current.RemindedAt is null && current.RemindOn is { } remindOn && today >= remindOn;
        var mark = current.OverdueMarkedAt is null && current.OverdueOn(today);
        var changed = current with { RemindedAt = remind ? now : current.RemindedAt, OverdueMarkedAt = mark ? now : current.OverdueMarkedAt };
        if (!(remind || mark) || !await store.ReplaceAsync(changed, etag, cancellationToken))
        {
            return false;
        }

        var (step, who) = current.State == ReportState.Filed ? ("triage", string.Empty) : ("decision", $" ({current.Department})");
        if (remind)
        {
            await WriteAsync(current.Id, $"reminder-{step}", "system", $"reminder: {step} due by {DateText.ToIso(dueDay)}{who}", cancellationToken);
        }

        if (mark)
        {
            await WriteAsync(current.Id, $"overdue-{step}", "system", $"{step} overdue since {DateText.ToIso(dueDay)}{who}", cancellationToken);
            await statistics.RecordAsync(ReportFacts.Of(changed), cancellationToken);
        }

        return mark;
    }

    DateOnly ReminderDay(DateOnly from, int workingDays) => calendar.AddWorkingDays(from, Math.Max(1, workingDays - options.Value.ReminderWorkingDaysBefore)).Date;

    Task WriteAsync(string id, string step, string actor, string action, CancellationToken cancellationToken) =>
        audit.WriteAsync(id, "dishonesty-report", step, new AuditEntry(clock.GetUtcNow(), actor, action, id, null, null), cancellationToken);

    static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Report deadlines for {Today:yyyy-MM-dd}: {Marked} reports of dishonesty marked overdue")]
    static partial void LogRun(ILogger logger, DateOnly today, int marked);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Id} could not be marked overdue ({Status} {Code}); the next run tries again")]
    static partial void LogNotMarked(ILogger logger, string id, int status, string? code);
}
