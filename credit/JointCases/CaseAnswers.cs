using Credit.Calendar;
using Credit.Identifiers;
using Credit.Measures;
using Credit.Notices;
using Credit.Records;

namespace Credit.JointCases;

/// <summary>Execution feedback as a department sends it.</summary>
public sealed record FeedbackDraft(string? Measure, string? Target, string? Outcome, string? Reason, string? Date, string? Reference);

/// <summary>The result of a department's answer: accepted (with the signal for the case) or refused with a status and why.</summary>
public sealed record AnswerResult(int Status, string Code, string MessageEn, string MessageZh, CaseSignal? Signal)
{
    /// <summary>An earlier request was taken; <see cref="Signal"/> is what it implies, to raise again.</summary>
    public bool Repeated { get; init; }

    public static AnswerResult Accepted(CaseSignal signal, string en, string zh) => new(200, "ACCEPTED", en, zh, signal);

    public static AnswerResult Refused(int status, string code, string en, string zh) => new(status, code, en, zh, null);
}

/// <summary>执行反馈 and lift acknowledgements: what an implementing department answers to a case.</summary>
public sealed class CaseAnswers(CaseStore store, SignalMarks marks, NoticeOutbox outbox, SubjectKeys subjectKeys, Statistics.StatisticsLedger statistics, TimeProvider clock)
{
    public async Task<AnswerResult> FeedbackAsync(string caseId, string department, FeedbackDraft draft, CancellationToken cancellationToken = default)
    {
        var measure = draft.Measure?.Trim() ?? string.Empty;
        // The target by the reference its notice gave, or by the code or ID number the department holds.
        var target = draft.Target?.Trim();
        // A code that reads both as a credit code and as an ID number is the one of the case's targets it names.
        IEnumerable<string> targetKeys = SubjectKeys.IsPersonKey(target) ? [target!] : subjectKeys.Candidates(target);
        // The assignment the answer names, by its key; only a miss reads the case's assignments, to say what is wrong.
        AssignmentRecord? assignment = null;
        foreach (var targetKey in targetKeys)
        {
            assignment ??= await store.GetAssignmentAsync(caseId, Assignment.AssignmentKey(department, measure, targetKey), cancellationToken);
        }

        if (assignment is null)
        {
            return await WhyNoAssignmentAsync(caseId, department, measure, cancellationToken);
        }

        if (!Enum.TryParse<FeedbackOutcome>(draft.Outcome?.Trim(), ignoreCase: true, out var outcome) || !Enum.IsDefined(outcome) || int.TryParse(draft.Outcome, out _))
        {
            return AnswerResult.Refused(400, "OUTCOME", $"outcome must be applied, notApplicable or failed, got '{draft.Outcome}'", $"执行结果应为applied（已实施）、notApplicable（不适用）或failed（未能实施），实际为“{draft.Outcome}”");
        }

        var reason = draft.Reason?.Trim();
        if (outcome == FeedbackOutcome.NotApplicable && assignment.Assignment.Binding == MeasureBinding.Mandatory && string.IsNullOrEmpty(reason))
        {
            return AnswerResult.Refused(400, "REASON_REQUIRED", $"{assignment.Assignment.MeasureName} is mandatory: not applying it needs a reason", $"{assignment.Assignment.MeasureName}为强制性措施，不适用时须说明理由");
        }

        var today = BeijingTime.Today(clock);
        if (!DateText.TryParse(draft.Date ?? string.Empty, out var date) || date > today)
        {
            return AnswerResult.Refused(400, "DATE", $"date must be the day the measure was handled, not after today ({DateText.ToIso(today)}), got '{draft.Date}'",
                $"日期应为措施办理日期，不得晚于今天（{DateText.ToIso(today)}），实际为“{draft.Date}”");
        }

        var answered = assignment with
        {
            Status = outcome switch { FeedbackOutcome.Applied => AssignmentStatus.Applied, FeedbackOutcome.NotApplicable => AssignmentStatus.NotApplicable, _ => AssignmentStatus.Failed },
            Late = today > assignment.Deadline,
            Reason = reason,
            FeedbackDate = date,
            Reference = draft.Reference?.Trim(),
            AnsweredAt = clock.GetUtcNow(),
        };
        // Marked first: a process that dies after storing the answer leaves the mark, and the drain raises the signal.
        await marks.MarkAsync(SignalOwner.Case, caseId, cancellationToken);
        if (assignment.Status != AssignmentStatus.Pending || !await store.AnswerAsync(caseId, answered, cancellationToken))
        {
            return await AnsweredBeforeAsync(caseId, assignment, answered.Status, measure, cancellationToken);
        }

        await store.AddTimelineAsync(caseId, $"feedback|{assignment.Assignment.Key}", new TimelineEntry(answered.AnsweredAt!.Value, "feedback", department,
            $"{department}: {assignment.Assignment.MeasureName} for {assignment.Assignment.Target.Label}: {outcome}{(answered.Late ? " (late)" : string.Empty)}{(reason is { Length: > 0 } ? $" — {reason}" : string.Empty)}{(answered.Reference is { Length: > 0 } r ? $" [{r}]" : string.Empty)}",
            $"{department}反馈：{assignment.Assignment.MeasureName}（{assignment.Assignment.Target.Label}）{OutcomeZh(outcome)}{(answered.Late ? "（逾期）" : string.Empty)}{(reason is { Length: > 0 } ? $"，理由：{reason}" : string.Empty)}"), cancellationToken);
        if (CaseFacts.Feedback(caseId, answered) is { } fact)
        {
            await statistics.RecordAsync(fact, cancellationToken);
        }

        await outbox.CountDownAsync(department, CaseNoticeWriter.NoticeId(caseId, assignment.Round, NoticeKinds.Push, department),
            [CaseNoticeWriter.NoticeId(caseId, assignment.Round, NoticeKinds.Reminder, department)], cancellationToken);

        return AnswerResult.Accepted(new FeedbackReceived(assignment.Assignment.Key, assignment.Round), "feedback recorded", "执行反馈已记录");
    }

    public async Task<AnswerResult> AcknowledgeLiftAsync(string caseId, string department, CancellationToken cancellationToken = default)
    {
        var lift = await store.GetLiftAsync(caseId, department, cancellationToken);
        if (lift is null)
        {
            return AnswerResult.Refused(404, "NO_LIFT", $"no lift notice of case {caseId} was sent to department {department}", $"案件{caseId}未向单位{department}推送解除通知");
        }

        if (lift.Acknowledged)
        {
            return new AnswerResult(200, "ALREADY_ACKNOWLEDGED", "acknowledged already; the earlier acknowledgement stands", "已确认解除，以先前确认为准",
                new LiftAcknowledged(department)) { Repeated = true };
        }

        var now = clock.GetUtcNow();
        await marks.MarkAsync(SignalOwner.Case, caseId, cancellationToken);
        var acknowledged = lift with { Acknowledged = true, AcknowledgedAt = now };
        await store.UpdateLiftAsync(caseId, acknowledged, cancellationToken);
        var late = acknowledged.AcknowledgedLate;
        if (CaseFacts.Lift(caseId, acknowledged) is { } fact)
        {
            await statistics.RecordAsync(fact, cancellationToken);
        }

        await store.AddTimelineAsync(caseId, $"lift-ack|{department}", new TimelineEntry(now, "lift-acknowledged", department,
            $"{department} lifted its measures{(late ? " (late)" : string.Empty)}", $"{department}确认已解除措施{(late ? "（逾期）" : string.Empty)}"), cancellationToken);
        // Lift notices of earlier rounds are those of measures an amendment dropped.
        await outbox.CloseAsync(department, Enumerable.Range(1, lift.Round).SelectMany(r => new[]
        {
            CaseNoticeWriter.NoticeId(caseId, r, NoticeKinds.Lift, department), CaseNoticeWriter.NoticeId(caseId, r, NoticeKinds.LiftReminder, department),
        }), cancellationToken);
        return AnswerResult.Accepted(new LiftAcknowledged(department), "lift acknowledged", "已确认解除");
    }

    /// <summary>
    /// The assignment was answered by an earlier request. Its signal is raised again either way (the process that stored
    /// the answer may have died before raising it): the same answer is a retry and taken as such; another is refused,
    /// the first answer stands.
    /// </summary>
    async Task<AnswerResult> AnsweredBeforeAsync(string caseId, AssignmentRecord sent, AssignmentStatus status, string measure, CancellationToken cancellationToken)
    {
        var stored = await store.GetAssignmentAsync(caseId, sent.Assignment.Key, cancellationToken) ?? sent;
        var signal = new FeedbackReceived(stored.Assignment.Key, stored.Round);
        return stored.Status == status
            ? new AnswerResult(200, "ALREADY_ANSWERED", $"measure {measure} for this target was answered so already; the earlier answer stands", $"该对象的措施{measure}已作相同反馈，以先前反馈为准", signal) { Repeated = true }
            : new AnswerResult(409, "ALREADY_ANSWERED", $"measure {measure} for this target was answered already ({stored.Status}); an answer is not changed", $"该对象的措施{measure}已反馈（{stored.Status}），不可更改", signal) { Repeated = true };
    }

    async Task<AnswerResult> WhyNoAssignmentAsync(string caseId, string department, string measure, CancellationToken cancellationToken)
    {
        var assignments = await store.AssignmentsAsync(caseId, cancellationToken);
        // A department the case was not pushed to may not learn that it exists, nor its measures.
        if (assignments.All(a => a.Assignment.Department != department))
        {
            return AnswerResult.Refused(404, "CASE_NOT_FOUND", $"no case {caseId}, or nothing was pushed for it", $"案件{caseId}不存在或尚未推送");
        }

        var codes = string.Join(", ", assignments.Select(a => a.Assignment.MeasureCode).Distinct());
        var ofMeasure = assignments.Where(a => a.Assignment.MeasureCode == measure).ToList();
        if (ofMeasure.Count == 0)
        {
            return AnswerResult.Refused(400, "UNKNOWN_MEASURE", $"measure '{measure}' is not one of this case's measures ({codes})", $"措施“{measure}”不属于本案件（本案件措施：{codes}）");
        }

        var mine = ofMeasure.Where(a => a.Assignment.Department == department).ToList();
        return mine.Count == 0
            ? AnswerResult.Refused(403, "MEASURE_NOT_ADDRESSED", $"measure {measure} of this case was not pushed to department {department}", $"本案件措施{measure}未推送至单位{department}")
            : AnswerResult.Refused(400, "UNKNOWN_TARGET",
                $"target must be the credit code or ID number of one of: {string.Join("; ", mine.Select(a => a.Assignment.Target.Label))}",
                $"对象应为以下之一的统一社会信用代码或身份证号：{string.Join("；", mine.Select(a => a.Assignment.Target.Label))}");
    }

    static string OutcomeZh(FeedbackOutcome outcome) => outcome switch
    {
        FeedbackOutcome.Applied => "已实施",
        FeedbackOutcome.NotApplicable => "不适用",
        _ => "未能实施",
    };
}
