using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Credit.Calendar;
using Credit.Departments;
using Credit.Disclosure;
using Credit.JointCases;
using Credit.Lists;
using Credit.Notices;
using Credit.Records;
using Credit.Signals;
using Credit.Storage;
using Microsoft.Extensions.Options;

namespace Credit.Remedies;

/// <summary>The answer to a filing or a decision: accepted (the remedy, and the case it ends) or refused with a status and why.</summary>
public sealed record RemedyResult(int Status, string Code, string MessageEn, string MessageZh, Remedy? Remedy = null, DateOnly? EarliestDate = null)
{
    /// <summary>The joint case a granted remedy on a list entry ends, and why.</summary>
    public (string CaseId, CaseEndReason Reason)? EndsCase => Remedy?.EndsCase;

    /// <summary>The remedy was decided by an earlier request; <see cref="Remedy"/> is the decision that stands.</summary>
    public bool Repeated { get; init; }

    public static RemedyResult Refused(int status, string code, string en, string zh, DateOnly? earliest = null) => new(status, code, en, zh, null, earliest);
}

/// <summary>
/// Objections (异议) and credit repair (信用修复): filing and deciding (HTTP), and the steps of the ObjectionHandling
/// and RepairApplication orchestrations. Every step writes the timeline (table CaseTimeline, partition = the
/// remedy) and the append-only audit.
/// </summary>
public sealed class RemedyService(
    RemedyStore store,
    RemedyItems items,
    RecordStore records,
    Commitments.CommitmentStore commitments,
    ListStore lists,
    PublicStore publicStore,
    DisclosureSchedule disclosure,
    CaseStore cases,
    SignalSchedule schedule,
    SignalMarks marks,
    NoticeOutbox outbox,
    AuditLog audit,
    Statistics.StatisticsLedger statistics,
    WorkingDayCalendar calendar,
    IOptions<RemedyOptions> options,
    TimeProvider clock)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A statement, proof, commitment or reason: free text of at most <see cref="TextRules.DefaultMaxLength"/> characters, without control or bidi-override characters.</summary>
    static RemedyResult? CheckText(params (string Field, string? Value)[] texts)
    {
        foreach (var (field, value) in texts)
        {
            if (value is not null && TextRules.Check(0, field, field, value, TextRules.DefaultMaxLength, multiLine: true) is { } error)
            {
                return RemedyResult.Refused(400, error.Code, error.MessageEn, error.MessageZh);
            }
        }

        return null;
    }

    public async Task<RemedyResult> FileAsync(Caller caller, RemedyKind kind, ItemRef item, string? statement, string? proof, string? commitment, CancellationToken cancellationToken = default)
    {
        if (CheckText(("statement", statement), ("proof", proof), ("commitment", commitment)) is { } refused)
        {
            return refused;
        }

        // An item that is not the caller's answers as one that does not exist: a key must not tell whether a
        // department holds a record about someone (an objection is filed by the item's subject, or by the department
        // that holds the data; a repair by the item's subject).
        var facts = await items.FindAsync(item, cancellationToken);
        var own = facts is not null && caller.Role == CallerRole.Subject
            && (facts.SubjectKey == caller.SubjectKey || (kind == RemedyKind.Objection && facts.PersonKeys.Contains(caller.SubjectKey!)));
        var holder = facts is not null && kind == RemedyKind.Objection && caller.Role == CallerRole.Department && facts.ProvidingDepartment == caller.DepartmentCode;
        if (facts is null || (!own && !holder))
        {
            return RemedyResult.Refused(404, "ITEM_NOT_FOUND", $"no {item.Kind} {item.Id} of yours", $"未找到您的{item.Kind switch { ItemKind.Record => "记录", ItemKind.ListEntry => "名单", _ => "信用承诺" }}{item.Id}");
        }

        if (string.IsNullOrWhiteSpace(statement))
        {
            return RemedyResult.Refused(400, "STATEMENT_REQUIRED", kind == RemedyKind.Objection ? "say what is wrong (reason)" : "describe how the obligations were performed (statement)",
                kind == RemedyKind.Objection ? "请说明异议理由(reason)" : "请说明履行义务情况(statement)");
        }

        if (!facts.Active)
        {
            return item.Kind == ItemKind.Commitment
                ? RemedyResult.Refused(409, "ITEM_ENDED", "the commitment has no breach or overdue mark that counts against the subject", "该信用承诺没有计入的违约或逾期记录")
                : RemedyResult.Refused(409, "ITEM_ENDED", "the item is no longer in force", "该信息已撤销或已移出");
        }

        var today = BeijingTime.Today(clock);
        if (kind == RemedyKind.Repair)
        {
            if (!facts.Repairable)
            {
                return RemedyResult.Refused(422, "NOT_REPAIRABLE", facts.RepairRule!, facts.RepairRule!);
            }

            if (facts.RepairableFrom is { } earliest && today < earliest)
            {
                return RemedyResult.Refused(422, "NOT_YET_ELIGIBLE", $"{facts.RepairRule}: the earliest date is {DateText.ToIso(earliest)}", $"{facts.RepairRule}：最早可于{DateText.ToIso(earliest)}申请", earliest);
            }

            if (string.IsNullOrWhiteSpace(proof) || string.IsNullOrWhiteSpace(commitment))
            {
                return RemedyResult.Refused(400, "PROOF_AND_COMMITMENT_REQUIRED", "send the proof that the obligations were performed (proof) and the written commitment (commitment)",
                    "请提供履行法定义务的证明(proof)和信用承诺书(commitment)");
            }
        }

        var days = kind == RemedyKind.Objection ? options.Value.ObjectionDecisionWorkingDays : options.Value.RepairDecisionWorkingDays;
        var id = RemedyId(kind, item, caller.Actor, statement.Trim());
        var remedy = new Remedy(id, kind, item, facts.SubjectKey, caller.Actor, facts.ProvidingDepartment, statement.Trim(), proof?.Trim(), commitment?.Trim(),
            clock.GetUtcNow(), calendar.AddWorkingDays(today, days).Date, RemedyState.UnderReview, false, null, null, null, false);
        var (stored, created) = await store.CreateAsync(remedy, cancellationToken);
        if (created)
        {
            await WriteAsync(stored, "filed", caller.Actor, $"{kind} filed about {facts.Label}", $"提出{KindZh(kind)}：{facts.Label}", null, stored.State, cancellationToken);
        }

        return new RemedyResult(created ? 201 : 200, "FILED", "filed", "已受理", stored);
    }

    /// <summary>The deciding department's decision, once: granted (upheld / approved) or not, with its reason.</summary>
    public async Task<RemedyResult> DecideAsync(string id, string department, bool granted, string? reason, CancellationToken cancellationToken = default)
    {
        if (CheckText(("reason", reason)) is { } refused)
        {
            return refused;
        }

        var remedy = await store.GetAsync(id, cancellationToken);
        if (remedy is null)
        {
            return RemedyResult.Refused(404, "REMEDY_NOT_FOUND", $"no objection or repair application {id}", $"未找到异议或修复申请{id}");
        }

        if (remedy.DecidingDepartment != department)
        {
            // Another department may not learn that the remedy exists: the same answer as for none.
            return RemedyResult.Refused(404, "REMEDY_NOT_FOUND", $"no objection or repair application {id}", $"未找到异议或修复申请{id}");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return RemedyResult.Refused(400, "REASON_REQUIRED", "a decision states its reason", "决定须说明理由");
        }

        var now = clock.GetUtcNow();
        var state = (remedy.Kind, granted) switch
        {
            (RemedyKind.Objection, true) => RemedyState.Upheld,
            (RemedyKind.Objection, false) => RemedyState.Rejected,
            (_, true) => RemedyState.Approved,
            _ => RemedyState.Refused,
        };
        // Marked first: a process that dies after storing the decision leaves the mark, and the drain raises its signals.
        await marks.MarkAsync(SignalOwner.Remedy, id, cancellationToken);
        var decided = await store.UpdateAsync(id, r => r.Decided ? null : r with
        {
            State = state,
            DecisionReason = reason.Trim(),
            DecidedBy = department,
            DecidedAt = now,
            DecidedLate = BeijingTime.Today(clock) > r.Deadline,
        }, cancellationToken);
        if (decided is null)
        {
            // Decided before: a retry of the same decision (its signals may have been lost with the process that stored
            // it) is answered as taken, with the signals to raise again; a different decision is refused, the stored one stands.
            var stored = await RequireAsync(id, cancellationToken);
            return stored.State == state
                ? new RemedyResult(200, "ALREADY_DECIDED", $"{id} was decided so already; the earlier decision stands", $"{id}已作出相同决定，以先前决定为准", stored) { Repeated = true }
                : new RemedyResult(409, "ALREADY_DECIDED", $"{id} was decided already ({stored.State}); a decision is not changed", $"{id}已作出决定（{StateZh(stored.State)}），不可更改", stored) { Repeated = true };
        }

        if (RemedyFacts.Decided(decided) is { } fact)
        {
            await statistics.RecordAsync(fact, cancellationToken);
        }

        await WriteAsync(decided, "decided", department, $"decided: {state} — {decided.DecisionReason}", $"作出决定：{StateZh(state)}——{decided.DecisionReason}", remedy.State, state, cancellationToken);
        return new RemedyResult(200, "DECIDED", "decided", "已决定", decided);
    }

    /// <summary>First step: an objected item is marked "under objection" at once; the deciding department is told; the deadline is scheduled.</summary>
    public async Task OpenAsync(string id, CancellationToken cancellationToken = default)
    {
        var remedy = await RequireAsync(id, cancellationToken);
        if (remedy.Kind == RemedyKind.Objection && !remedy.Decided)
        {
            await MarkUnderObjectionAsync(remedy, true, cancellationToken);
            await WriteAsync(remedy, "marked", "system", "item marked under objection", "信息已标注“异议处理中”", null, null, cancellationToken);
        }

        await NotifyAsync(remedy, remedy.Kind == RemedyKind.Objection ? "objection" : "repair", cancellationToken);
        var filed = DateOnly.FromDateTime(remedy.FiledAt.ToOffset(BeijingTime.Offset).DateTime);
        var days = remedy.Kind == RemedyKind.Objection ? options.Value.ObjectionDecisionWorkingDays : options.Value.RepairDecisionWorkingDays;
        await schedule.AddAsync(calendar.AddWorkingDays(filed, Math.Max(1, days - options.Value.ReminderWorkingDaysBefore)).Date, id, new RemedyReminderDue(), cancellationToken);
        await schedule.AddAsync(remedy.Deadline.AddDays(1), id, new RemedyDeadlinePassed(), cancellationToken);
        await WriteAsync(remedy, "forwarded", "system", $"forwarded to {remedy.DecidingDepartment}, decision due by {DateText.ToIso(remedy.Deadline)}",
            $"转{remedy.DecidingDepartment}办理，应于{DateText.ToIso(remedy.Deadline)}前作出决定", null, null, cancellationToken);
    }

    public async Task RemindAsync(string id, CancellationToken cancellationToken = default)
    {
        var remedy = await RequireAsync(id, cancellationToken);
        if (!remedy.Decided)
        {
            await NotifyAsync(remedy, "remedy-reminder", cancellationToken);
            await WriteAsync(remedy, "reminder", "system", $"reminder: decide by {DateText.ToIso(remedy.Deadline)}", $"提醒：应于{DateText.ToIso(remedy.Deadline)}前作出决定", null, null, cancellationToken);
        }
    }

    public async Task MarkOverdueAsync(string id, CancellationToken cancellationToken = default)
    {
        // A retry after a crash finds the mark already made: what it implies is written again (the count, the audit line), each once.
        var overdue = await store.UpdateAsync(id, r => r.Decided || r.Overdue ? null : r with { Overdue = true, OverdueAt = clock.GetUtcNow() }, cancellationToken)
            ?? await store.GetAsync(id, cancellationToken);
        if (overdue is not null && RemedyFacts.Overdue(overdue) is { } fact)
        {
            await statistics.RecordAsync(fact, cancellationToken);
            await WriteAsync(overdue, "overdue", "system", $"{overdue.DecidingDepartment} missed the deadline {DateText.ToIso(overdue.Deadline)}",
                $"{overdue.DecidingDepartment}逾期未作出决定（期限{DateText.ToIso(overdue.Deadline)}）", null, null, cancellationToken);
        }
    }

    /// <summary>
    /// Carries out a decision: the objection mark goes; an upheld objection or an approved repair takes a record out
    /// of public view (at the next disclosure run) — a list entry's case is ended by the decision itself — and the
    /// departments that applied measures are told of a repair.
    /// </summary>
    public async Task ApplyDecisionAsync(string id, CancellationToken cancellationToken = default)
    {
        var remedy = await RequireAsync(id, cancellationToken);
        if (remedy.Kind == RemedyKind.Objection)
        {
            await MarkUnderObjectionAsync(remedy, false, cancellationToken);
        }

        if (remedy.Granted && remedy.Item.Kind == ItemKind.Record && RecordKey.TryParseId(remedy.Item.Id, out var key))
        {
            var reason = remedy.Kind == RemedyKind.Objection ? $"异议成立：{remedy.DecisionReason}" : $"信用修复：{remedy.DecisionReason}";
            var today = BeijingTime.Today(clock);
            await records.MarkAsync([(key, new Dictionary<string, object?> { ["RevocationReason"] = reason, ["RevocationDocument"] = remedy.Id, ["RevokedAt"] = clock.GetUtcNow() })], cancellationToken);
            await disclosure.ScheduleWithdrawalsAsync([new DueWithdrawal(today, remedy.Item.Id, remedy.SubjectKey, reason, remedy.Id)], cancellationToken);
            await WriteAsync(remedy, "withdrawn", "system", "the record leaves public view", "该记录撤下公示", "public", "withdrawn", cancellationToken);
        }

        if (remedy.Granted && remedy.Item.Kind == ItemKind.Commitment && await commitments.FindWrongAsync(remedy.Item.Id, remedy.Id, cancellationToken) is not null)
        {
            await WriteAsync(remedy, "corrected", "system", "the commitment's breach or overdue mark no longer counts against the subject", "该信用承诺的违约或逾期记录不再计入", "breached", "found wrong", cancellationToken);
        }

        if (remedy.Kind == RemedyKind.Repair && remedy.State == RemedyState.Approved && remedy.Item.Kind == ItemKind.ListEntry)
        {
            var departments = (await cases.AssignmentsAsync(remedy.Item.Id, cancellationToken))
                .Where(a => a.Status is AssignmentStatus.Applied or AssignmentStatus.Pending)
                .Select(a => a.Assignment.Department)
                .Distinct()
                .ToList();
            foreach (var department in departments)
            {
                await outbox.SendAsync(Notice(remedy, "repair-result", department), cancellationToken);
            }

            await WriteAsync(remedy, "shared", "system", $"result shared with {departments.Count} departments", $"修复结果已推送至{departments.Count}个部门", null, null, cancellationToken);
        }

        await outbox.CloseAsync(remedy.DecidingDepartment, ((string[])["objection", "repair", "remedy-reminder"]).Select(kind => NoticeId(remedy, kind, remedy.DecidingDepartment)), cancellationToken);
    }

    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(string id, CancellationToken cancellationToken = default) => await cases.TimelineAsync(id, cancellationToken);

    async Task MarkUnderObjectionAsync(Remedy remedy, bool under, CancellationToken cancellationToken)
    {
        if (remedy.Item.Kind == ItemKind.ListEntry)
        {
            await lists.MarkUnderObjectionAsync(remedy.Item.Id, under, cancellationToken);
            await publicStore.MarkUnderObjectionAsync(remedy.SubjectKey, Disclosure.PublicListStore.SubjectRowPrefix + remedy.Item.Id, under, cancellationToken);
        }
        else if (remedy.Item.Kind == ItemKind.Record && RecordKey.TryParseId(remedy.Item.Id, out var key))
        {
            await records.MarkAsync([(key, new Dictionary<string, object?> { ["UnderObjection"] = under })], cancellationToken);
            await publicStore.MarkUnderObjectionAsync(remedy.SubjectKey, remedy.Item.Id, under, cancellationToken);
        }
    }

    Task NotifyAsync(Remedy remedy, string kind, CancellationToken cancellationToken) =>
        outbox.SendAsync(Notice(remedy, kind, remedy.DecidingDepartment), cancellationToken);

    CaseNotice Notice(Remedy remedy, string kind, string department)
    {
        var body = JsonSerializer.Serialize(new
        {
            noticeId = NoticeId(remedy, kind, department),
            kind,
            remedyId = remedy.Id,
            remedy = remedy.Kind,
            item = remedy.Item,
            statement = remedy.Statement,
            proof = remedy.Proof,
            commitment = remedy.Commitment,
            deadline = DateText.ToIso(remedy.Deadline),
            state = remedy.State,
            decisionReason = remedy.DecisionReason,
        }, Json);
        return new CaseNotice(NoticeId(remedy, kind, department), department, remedy.Id, kind, clock.GetUtcNow(), body);
    }

    static string NoticeId(Remedy remedy, string kind, string department) => $"{remedy.Id}-{kind}-{department}";

    async Task WriteAsync(Remedy remedy, string step, string actor, string en, string zh, object? before, object? after, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await cases.AddTimelineAsync(remedy.Id, step, new TimelineEntry(now, step, actor, en, zh), cancellationToken);
        await audit.WriteAsync(remedy.SubjectKey, remedy.Id, step, new AuditEntry(now, actor, $"{remedy.Kind}.{step}", $"{remedy.Item.Kind}:{remedy.Item.Id}",
            before?.ToString(), after?.ToString()), cancellationToken);
    }

    async Task<Remedy> RequireAsync(string id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) ?? throw new InvalidOperationException($"remedy {id} is not stored");

    static string RemedyId(RemedyKind kind, ItemRef item, string filer, string statement) =>
        (kind == RemedyKind.Objection ? "o" : "r") + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}|{item.Kind}|{item.Id}|{filer}|{statement}")))[..24];

    static string KindZh(RemedyKind kind) => kind == RemedyKind.Objection ? "异议" : "信用修复申请";

    static string StateZh(RemedyState state) => state switch
    {
        RemedyState.Upheld => "异议成立",
        RemedyState.Rejected => "异议不成立",
        RemedyState.Approved => "准予修复",
        RemedyState.Refused => "不予修复",
        _ => "办理中",
    };
}
