using System.Security.Cryptography;
using System.Text;
using Credit.Calendar;
using Credit.Records;
using Credit.Remedies;
using Credit.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Credit.GovernmentIntegrity;

/// <summary>A complaint as a subject sends it.</summary>
public sealed record GovernmentComplaintDraft(string? RespondentCode, string? RespondentName, string? Kind, string? Description, string? Reference, string? ComplainantName);

/// <summary>What a deadline run did: complaints reminded, marked overdue, and upheld ones whose owed 政务失信 record it made.</summary>
public sealed record ComplaintDeadlineRun(int Reminded, int Overdue, int Recorded);

/// <summary>What filing did: filed now, the same complaint filed before (a retry), or refused with every problem named.</summary>
public sealed record FiledComplaint(GovernmentComplaint? Complaint, bool Created, IReadOnlyList<RowError> Problems);

/// <summary>
/// 政府违约失信投诉 (京政发〔2017〕15号 二(一)1, 二(五)1): a subject complains that a government body broke a contract or a
/// promise; the supervising office decides within <see cref="GovernmentComplaintOptions.DecisionWorkingDays"/> working
/// days, is reminded <see cref="GovernmentComplaintOptions.ReminderWorkingDaysBefore"/> before, and a complaint still
/// undecided after its day is marked overdue; a decision after it is marked late. The same complaint (filer,
/// respondent, kind, reference and description) filed twice is one. An upheld complaint makes the body's 政务失信
/// record (<see cref="GovernmentRecordDesk.FromComplaintAsync"/>). Every step is in its audit (table Audit,
/// partition = its id), and counted for the statistics of the body complained of (<see cref="ComplaintFacts"/>).
/// </summary>
public sealed partial class GovernmentComplaintDesk(
    GovernmentComplaintStore store, GovernmentRecordDesk records, AuditLog audit, Statistics.StatisticsLedger statistics, StorageClients storage, WorkingDayCalendar calendar,
    IOptions<GovernmentComplaintOptions> options, TimeProvider clock, ILogger<GovernmentComplaintDesk> logger)
{
    public async Task<FiledComplaint> FileAsync(string filedBy, GovernmentComplaintDraft draft, CancellationToken cancellationToken)
    {
        var checks = new FieldChecks();
        var code = GovernmentBodies.Code(checks, "respondentCode", "被投诉单位", draft.RespondentCode);
        var respondentName = checks.Text("respondentName", "被投诉单位名称", draft.RespondentName, 200, multiLine: false, required: true);
        var complainant = checks.Text("complainantName", "投诉人名称", draft.ComplainantName, 200, multiLine: false, required: true);
        var description = checks.Text("description", "投诉事项", draft.Description, 4000, multiLine: true, required: true);
        var reference = checks.Text("reference", "合同或文件编号", draft.Reference, 128, multiLine: false, required: false);
        ComplaintKind? kind = draft.Kind?.Trim().ToLowerInvariant() switch
        {
            "breachofcontract" or "政府违约" => ComplaintKind.BreachOfContract,
            "breachofpromise" or "承诺不兑现" => ComplaintKind.BreachOfPromise,
            _ => null,
        };
        if (kind is null)
        {
            checks.Fail("kind", draft.Kind is null ? null : TextRules.Echo(draft.Kind), "INVALID_KIND", "投诉类型应为政府违约（breachOfContract）或承诺不兑现（breachOfPromise）",
                "kind must be breachOfContract (政府违约) or breachOfPromise (承诺不兑现)");
        }

        if (checks.Problems.Count > 0)
        {
            return new FiledComplaint(null, false, checks.Problems);
        }

        var now = clock.GetUtcNow();
        var today = BeijingTime.Today(now);
        var days = options.Value.DecisionWorkingDays;
        var id = "GC" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', filedBy, code, kind, reference, description))))[..24];
        var complaint = new GovernmentComplaint(id, filedBy, complainant!, code!, respondentName!, kind!.Value, description!, reference, now,
            calendar.AddWorkingDays(today, Math.Max(1, days - options.Value.ReminderWorkingDaysBefore)).Date, calendar.AddWorkingDays(today, days).Date, []);
        var created = await store.AddAsync(complaint, cancellationToken);
        var stored = created ? complaint : (await store.GetAsync(id, cancellationToken))!.Value.Complaint;
        // Also for a retry: what a crash after storing it left undone is done now (each row is written once).
        await WriteAsync(id, "filed", filedBy, $"filed against {stored.RespondentName} ({stored.RespondentCode}), decision due by {DateText.ToIso(stored.DecisionDue)}", cancellationToken);
        await statistics.RecordAsync(ComplaintFacts.Of(stored), cancellationToken);
        return new FiledComplaint(stored, created, []);
    }

    /// <summary>Adds an evidence file while the complaint is undecided (the same name again replaces it): the complaint with it, or null once decided.</summary>
    public async Task<GovernmentComplaint?> AddEvidenceAsync(GovernmentComplaint complaint, string name, Stream content, CancellationToken cancellationToken)
    {
        if (complaint.State == ComplaintState.Decided)
        {
            return null;
        }

        await storage.Container(StorageNames.EvidenceContainer).GetBlobClient(EvidencePath(complaint.Id, name)).UploadAsync(content, overwrite: true, cancellationToken);
        while (true)
        {
            var (current, etag) = (await store.GetAsync(complaint.Id, cancellationToken))!.Value;
            if (current.Evidence.Contains(name))
            {
                return current;
            }

            var added = current with { Evidence = [.. current.Evidence, name] };
            if (await store.ReplaceAsync(added, etag, cancellationToken))
            {
                return added;
            }
        }
    }

    public static string EvidencePath(string id, string name) => $"government-complaints/{id}/{name}";

    /// <summary>The office decides once: the same decision again is a retry, another is refused (null).</summary>
    public async Task<GovernmentComplaint?> DecideAsync(string id, ComplaintFinding finding, string reply, string actor, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (current, etag) = (await store.GetAsync(id, cancellationToken))!.Value;
            if (current.State == ComplaintState.Decided)
            {
                if (current.Finding != finding || current.Reply != reply)
                {
                    return null;
                }

                // A retry: what a crash after the decision left undone is done now.
                await ImpliedAsync(current, cancellationToken);
                return current;
            }

            var now = clock.GetUtcNow();
            var decided = current with { State = ComplaintState.Decided, Finding = finding, Reply = reply, DecidedAt = now, DecidedLate = BeijingTime.Today(now) > current.DecisionDue };
            if (await store.ReplaceAsync(decided, etag, cancellationToken))
            {
                await WriteAsync(id, "decided", actor, $"decided {finding}{(decided.DecidedLate ? $" late (due {DateText.ToIso(current.DecisionDue)})" : string.Empty)}", cancellationToken);
                await ImpliedAsync(decided, cancellationToken);
                return decided;
            }
        }
    }

    /// <summary>
    /// What a decision implies: its facts, and for an upheld complaint the 政务失信 record of the body (written once
    /// however often), then the complaint marked as no longer owing it.
    /// </summary>
    async Task ImpliedAsync(GovernmentComplaint decided, CancellationToken cancellationToken)
    {
        await statistics.RecordAsync(ComplaintFacts.Of(decided), cancellationToken);
        if (decided.Finding != ComplaintFinding.Upheld)
        {
            return;
        }

        await records.FromComplaintAsync(decided, cancellationToken);
        while (await store.GetAsync(decided.Id, cancellationToken) is var (current, etag) && current.OwesRecord())
        {
            if (await store.ReplaceAsync(current with { RecordMadeAt = clock.GetUtcNow() }, etag, cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>
    /// The deadline run: reminds the office of each complaint whose reminder day has come, and marks each past its day
    /// overdue; once each. It also makes the 政务失信 record an upheld complaint still owes (the decision was stored,
    /// then the process stopped before the record). A complaint storage refuses is logged and left for the next run;
    /// the others go on.
    /// </summary>
    public async Task<ComplaintDeadlineRun> RunDeadlinesAsync(CancellationToken cancellationToken)
    {
        var today = BeijingTime.Today(clock);
        var (reminded, overdue, recorded) = (0, 0, 0);
        foreach (var due in await store.DueAsync(today, cancellationToken))
        {
            try
            {
                var (remind, mark) = await MarkAsync(due.Id, today, cancellationToken);
                (reminded, overdue) = (reminded + (remind ? 1 : 0), overdue + (mark ? 1 : 0));
            }
            catch (Azure.RequestFailedException e)
            {
                LogNotMarked(logger, due.Id, e.Status, e.ErrorCode);
            }
        }

        foreach (var owing in await store.RecordsOwedAsync(cancellationToken))
        {
            try
            {
                await ImpliedAsync(owing, cancellationToken);
                recorded++;
            }
            catch (Azure.RequestFailedException e)
            {
                LogNotMarked(logger, owing.Id, e.Status, e.ErrorCode);
            }
        }

        LogRun(logger, today, reminded, overdue, recorded);
        return new ComplaintDeadlineRun(reminded, overdue, recorded);
    }

    async Task<(bool Reminded, bool Marked)> MarkAsync(string id, DateOnly today, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not var (current, etag) || current.State != ComplaintState.UnderReview)
        {
            return (false, false);
        }

        var now = clock.GetUtcNow();
        var remind = current.RemindedAt is null && today >= current.ReminderOn;
        var mark = current.OverdueMarkedAt is null && current.OverdueOn(today);
        var marked = current with { RemindedAt = remind ? now : current.RemindedAt, OverdueMarkedAt = mark ? now : current.OverdueMarkedAt };
        if (!(remind || mark) || !await store.ReplaceAsync(marked, etag, cancellationToken))
        {
            return (false, false);
        }

        var dueDay = DateText.ToIso(current.DecisionDue);
        if (remind)
        {
            await WriteAsync(current.Id, "reminder", "system", $"reminder: decide by {dueDay}", cancellationToken);
        }

        if (mark)
        {
            await WriteAsync(current.Id, "overdue", "system", $"overdue since {dueDay}", cancellationToken);
            await statistics.RecordAsync(ComplaintFacts.Of(marked), cancellationToken);
        }

        return (remind, mark);
    }

    public Task<IReadOnlyList<AuditEntry>> AuditAsync(string id, CancellationToken cancellationToken) => audit.OfSubjectAsync(id, cancellationToken);

    Task WriteAsync(string id, string step, string actor, string action, CancellationToken cancellationToken) =>
        audit.WriteAsync(id, "government-complaint", step, new AuditEntry(clock.GetUtcNow(), actor, action, id, null, null), cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Complaint deadlines for {Today:yyyy-MM-dd}: {Reminded} reminded, {Overdue} marked overdue, {Recorded} owed records made")]
    static partial void LogRun(ILogger logger, DateOnly today, int reminded, int overdue, int recorded);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Complaint {Id} could not be reminded, marked or recorded ({Status} {Code}); the next run tries again")]
    static partial void LogNotMarked(ILogger logger, string id, int status, string? code);
}
