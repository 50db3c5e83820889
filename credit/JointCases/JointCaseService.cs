using Credit.Calendar;
using Credit.Lists;
using Credit.Notices;
using Credit.Signals;
using Microsoft.Extensions.Options;

namespace Credit.JointCases;

/// <summary>
/// The steps of a joint case, each run by one activity of the JointCaseLifecycle orchestration. Every step can be
/// repeated after a crash without a second effect: rows are keyed by what they record, notices pass the outbox.
/// </summary>
public sealed class JointCaseService(
    ListStore lists,
    CaseResolution resolution,
    CaseStore store,
    SignalSchedule schedule,
    CaseAmendments amendments,
    NoticeOutbox outbox,
    Statistics.StatisticsLedger statistics,
    SignalMarks marks,
    WorkingDayCalendar calendar,
    Disclosure.ListDisclosureSchedule publication,
    IOptions<JointCaseOptions> options,
    TimeProvider clock)
{
    const string System = "system";

    /// <summary>发起 and 信息推送: resolves the measures (the list's current versions, kept by the case), pushes, schedules deadlines and expiry.</summary>
    public async Task<CaseProgress> OpenAsync(string caseId, CancellationToken cancellationToken = default)
    {
        // The case row is written last: a case that has one was opened, and an orchestration restarted from the stored
        // state (SignalReconciler) resumes where the case stands instead of opening it again.
        if (await store.GetCaseAsync(caseId, cancellationToken) is { State: not CaseState.Initiated } opened)
        {
            return await ProgressAsync(opened, cancellationToken);
        }

        var entry = await EntryAsync(caseId, cancellationToken);
        var now = clock.GetUtcNow();
        var today = BeijingTime.Today(clock);
        var deadline = Deadline(today, options.Value.FeedbackWorkingDays);
        var reminder = Reminder(today, options.Value.FeedbackWorkingDays);
        // A repeated step keeps what the first attempt stored (the versions the case started with) and adds what it had not
        // stored yet: the step ends with the whole set, however far the first attempt got.
        var (resolved, unimplemented) = await resolution.ResolveAsync(entry, cancellationToken);
        var stored = await store.AddAssignmentsAsync(caseId, resolved, 1, deadline, cancellationToken);

        var initiated = new TimelineLine("initiated", new TimelineEntry(now, "initiated", entry.InitiatingDepartment,
            $"{entry.ListType} list entry {entry.DecisionDocument} initiated: {stored.Count} measures for {stored.Select(a => a.Assignment.Department).Distinct().Count()} departments",
            $"发起{entry.ListType.ZhName()}列入（{entry.DecisionDocument}）：{stored.Select(a => a.Assignment.Department).Distinct().Count()}个实施部门共{stored.Count}项措施"));
        await store.AddTimelineAsync(caseId, [initiated, .. Unimplemented(unimplemented, 1, now), .. await PushAsync(entry, stored.Where(a => a.Round == 1), 1, deadline, now, cancellationToken)], cancellationToken);
        await ScheduleFeedbackAsync(caseId, 1, reminder, deadline, cancellationToken);
        await schedule.AddAsync(entry.EndDate, caseId, new PeriodExpired(1, entry.EndDate), cancellationToken);

        await KeepRedApartAsync(entry, now, cancellationToken);
        await publication.EnqueueAsync(entry, cancellationToken);

        var pending = stored.Where(a => a.Status == AssignmentStatus.Pending).Select(a => a.Assignment.Key).ToList();
        var state = pending.Count > 0 ? CaseState.AwaitingFeedback : CaseState.InEffect;
        await SaveStateAsync(entry, null, state, 1, deadline, reminder, null, Departments(stored), now, cancellationToken, unimplemented);
        if ((await lists.GetAsync(caseId, cancellationToken))?.Status.Ending is not null)
        {
            // Its source removed the entry this case responds to while the case was opening: the drain ends it (ImpliedSignals.ForCase).
            await marks.MarkAsync(SignalOwner.Case, caseId, cancellationToken);
        }

        return new CaseProgress(1, pending, entry.EndDate, state);
    }

    /// <summary>Where an opened case stands: awaiting its pending assignments, in effect, or lifting with the departments yet to acknowledge.</summary>
    async Task<CaseProgress> ProgressAsync(CaseRecord record, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> outstanding = record.State == CaseState.Lifting
            ? [.. (await store.LiftsAsync(record.Id, cancellationToken)).Where(l => !l.Acknowledged).Select(l => l.Department)]
            : [.. (await store.AssignmentsAsync(record.Id, cancellationToken)).Where(a => a.Awaited).Select(a => a.Assignment.Key)];
        return new CaseProgress(record.Round, outstanding, record.EndDate, record.State, record.EndReason, await amendments.AppliedAsync(record.Id, cancellationToken));
    }

    /// <summary>A reminder to every department with unanswered assignments of the round.</summary>
    public async Task RemindAsync(CaseStep step, CancellationToken cancellationToken = default)
    {
        var entry = await EntryAsync(step.CaseId, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var group in (await store.AssignmentsAsync(step.CaseId, cancellationToken)).Where(a => a.Round == step.Round && a.Status == AssignmentStatus.Pending).GroupBy(a => a.Assignment.Department))
        {
            var deadline = group.First().Deadline;
            await outbox.SendAsync(CaseNoticeWriter.Write(NoticeKinds.Reminder, step.Round, group.Key, entry, [.. group], deadline, now), cancellationToken);
            await store.AddTimelineAsync(step.CaseId, $"reminder|{step.Round}|{group.Key}", new TimelineEntry(now, "reminder", System,
                $"reminder to {group.Key}: {group.Count()} answers due by {Records.DateText.ToIso(deadline)}",
                $"提醒{group.Key}：{group.Count()}项执行反馈应于{Records.DateText.ToIso(deadline)}前报送"), cancellationToken);
        }
    }

    /// <summary>
    /// The round's deadline passed: its unanswered assignments, and those of earlier rounds (an amendment opened this
    /// one before their deadline), are marked overdue, and the case is in effect regardless, unless an amendment
    /// pushed assignments of a later round whose deadline has not come (then false: it still awaits those).
    /// </summary>
    public async Task<bool> MarkOverdueAsync(CaseStep step, CancellationToken cancellationToken = default) =>
        (await MarkRoundOverdueAsync(step, a => a.Status == AssignmentStatus.Pending, cancellationToken)).Count == 0;

    /// <summary>
    /// A round's deadline passed (version 4): marks as <see cref="MarkOverdueAsync"/> does and returns the assignments
    /// still awaited, pending and not overdue, so that the case goes in effect with the last of them, not with a later
    /// round's deadline.
    /// </summary>
    public async Task<IReadOnlyList<string>> MarkOverdueAwaitingAsync(CaseStep step, CancellationToken cancellationToken = default) =>
        [.. (await MarkRoundOverdueAsync(step, a => a.Awaited, cancellationToken)).Select(a => a.Assignment.Key)];

    /// <summary>
    /// Marks the unanswered assignments of the round and earlier overdue, and returns the later rounds' assignments the
    /// case still waits for by <paramref name="waitsFor"/>; with none, the case enters in effect.
    /// </summary>
    async Task<IReadOnlyList<AssignmentRecord>> MarkRoundOverdueAsync(CaseStep step, Func<AssignmentRecord, bool> waitsFor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var all = await store.AssignmentsAsync(step.CaseId, cancellationToken);
        foreach (var group in all.Where(a => a.Round <= step.Round && a.Awaited).GroupBy(a => a.Assignment.Department))
        {
            // The line and the count before the mark: a retry after a crash skips what is marked, so what the mark implies is written first.
            var overdue = group.Select(a => a with { Overdue = true, OverdueAt = now }).ToList();
            await store.AddTimelineAsync(step.CaseId, $"overdue|{step.Round}|{group.Key}", new TimelineEntry(now, "overdue", System,
                $"{group.Key} missed the deadline {Records.DateText.ToIso(group.First().Deadline)} for {group.Count()} answers",
                $"{group.Key}有{group.Count()}项执行反馈逾期未报（期限{Records.DateText.ToIso(group.First().Deadline)}）"), cancellationToken);
            await statistics.RecordAsync(overdue.Select(a => CaseFacts.FeedbackOverdue(step.CaseId, a)!), cancellationToken);
            foreach (var assignment in overdue)
            {
                await store.UpdateAssignmentAsync(step.CaseId, assignment, cancellationToken);
            }
        }

        var waiting = all.Where(a => a.Round > step.Round && waitsFor(a)).ToList();
        if (waiting.Count == 0)
        {
            await EnterInEffectAsync(step, await store.GetCaseAsync(step.CaseId, cancellationToken), cancellationToken);
        }

        return waiting;
    }

    /// <summary>Every answer of the round is in: the round's reminder and deadline are not needed, and the case is in effect.</summary>
    public async Task SetInEffectAsync(CaseStep step, CancellationToken cancellationToken = default)
    {
        var record = await store.GetCaseAsync(step.CaseId, cancellationToken);
        await UnscheduleAsync(step.CaseId, record, new FeedbackReminderDue(step.Round), new FeedbackDeadlinePassed(step.Round), cancellationToken);
        await EnterInEffectAsync(step, record, cancellationToken);
    }

    async Task EnterInEffectAsync(CaseStep step, CaseRecord? record, CancellationToken cancellationToken)
    {
        var entry = await EntryAsync(step.CaseId, cancellationToken);
        var now = clock.GetUtcNow();
        await store.AddTimelineAsync(step.CaseId, $"in-effect|{step.Round}", new TimelineEntry(now, "in-effect", System, "the measures are in effect", "联合奖惩措施生效"), cancellationToken);
        await SaveStateAsync(entry, record, CaseState.InEffect, step.Round, record?.FeedbackDeadline, record?.ReminderDate, null, null, now, cancellationToken);
    }

    /// <summary>
    /// The entry changed: a new period (the expiry is rescheduled), and with <see cref="CaseAmendment.RefreshMeasures"/>
    /// the measures list's current versions — new assignments are pushed, dropped ones lifted.
    /// </summary>
    public async Task<CaseProgress> AmendAsync(CaseAmendment amendment, CancellationToken cancellationToken = default)
    {
        var (caseId, round) = (amendment.CaseId, amendment.Round);
        var entry = await EntryAsync(caseId, cancellationToken);
        var now = clock.GetUtcNow();
        var today = BeijingTime.Today(clock);
        var deadline = Deadline(today, options.Value.FeedbackWorkingDays);
        var reminder = Reminder(today, options.Value.FeedbackWorkingDays);
        var record = await store.GetCaseAsync(caseId, cancellationToken);
        var current = (await store.AssignmentsAsync(caseId, cancellationToken)).Where(a => a.Status != AssignmentStatus.Withdrawn).ToList();
        IReadOnlyList<string>? unimplemented = null;
        if (amendment.RefreshMeasures)
        {
            (var wanted, unimplemented) = await resolution.ResolveAsync(entry, cancellationToken);
            await store.AddTimelineAsync(caseId, Unimplemented(unimplemented, round, now), cancellationToken);
            var wantedKeys = wanted.Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
            var dropped = current.Where(a => !wantedKeys.Contains(a.Assignment.Key)).ToList();
            foreach (var assignment in dropped)
            {
                await store.UpdateAssignmentAsync(caseId, assignment with { Status = AssignmentStatus.Withdrawn }, cancellationToken);
            }

            foreach (var group in dropped.GroupBy(a => a.Assignment.Department))
            {
                await outbox.SendAsync(CaseNoticeWriter.Write(NoticeKinds.Lift, round, group.Key, entry, [.. group], null, now, "amended"), cancellationToken);
            }

            // Stored ones (withdrawn included) stay as they are; the round's are those this amendment added.
            var added = (await store.AddAssignmentsAsync(caseId, wanted, round, deadline, cancellationToken)).Where(a => a.Round == round).ToList();
            await store.AddTimelineAsync(caseId, await PushAsync(entry, added, round, deadline, now, cancellationToken), cancellationToken);
            if (added.Count > 0)
            {
                await ScheduleFeedbackAsync(caseId, round, reminder, deadline, cancellationToken);
            }
        }

        await schedule.AddAsync(entry.EndDate, caseId, new PeriodExpired(round, entry.EndDate), cancellationToken);
        // The published copy shows the new period from the next disclosure run.
        await publication.EnqueueAsync(entry, cancellationToken);
        await store.AddTimelineAsync(caseId, $"amended|{round}", new TimelineEntry(now, "amended", entry.InitiatingDepartment,
            $"entry amended ({amendment.Reason}): period ends {Records.DateText.ToIso(entry.EndDate)}{(amendment.RefreshMeasures ? ", measures list re-read" : string.Empty)}",
            $"列入信息变更（{amendment.Reason}）：期限至{Records.DateText.ToIso(entry.EndDate)}{(amendment.RefreshMeasures ? "，按现行措施清单重新确定措施" : string.Empty)}"), cancellationToken);
        var all = await store.AssignmentsAsync(caseId, cancellationToken);
        var pending = all.Where(a => a.Round == round && a.Status == AssignmentStatus.Pending).Select(a => a.Assignment.Key).ToList();
        var state = pending.Count > 0 ? CaseState.AwaitingFeedback : CaseState.InEffect;
        await SaveStateAsync(entry, record, state, round, pending.Count > 0 ? deadline : record?.FeedbackDeadline, pending.Count > 0 ? reminder : record?.ReminderDate, null, Departments(all), now, cancellationToken, unimplemented);
        if (amendment.AmendmentId is { } applied)
        {
            await amendments.MarkAppliedAsync(caseId, applied, round, cancellationToken);
        }

        return new CaseProgress(round, pending, entry.EndDate);
    }

    /// <summary>移出: the entry leaves its list and every department that may have applied a measure is told to lift it.</summary>
    public async Task<IReadOnlyList<string>> CloseAsync(CaseClosing closing, CancellationToken cancellationToken = default)
    {
        var caseId = closing.CaseId;
        var entry = await EntryAsync(caseId, cancellationToken);
        var now = clock.GetUtcNow();
        var today = BeijingTime.Today(clock);
        await lists.RemoveAsync(entry, closing.Reason.ToString(), today, cancellationToken);
        await publication.ScheduleWithdrawalAsync(entry, closing.Reason, today, cancellationToken);
        var all = await store.AssignmentsAsync(caseId, cancellationToken);
        // Not told: departments that answered every measure as not applicable or failed (nothing to lift).
        var toLift = all.Where(a => a.Status is AssignmentStatus.Applied or AssignmentStatus.Pending).GroupBy(a => a.Assignment.Department).ToList();
        var deadline = Deadline(today, options.Value.LiftWorkingDays);
        var reminder = Reminder(today, options.Value.LiftWorkingDays);
        var record = await store.GetCaseAsync(caseId, cancellationToken);
        var round = record?.Round ?? 1;
        List<TimelineLine> lines = [new("removed", new TimelineEntry(now, "removed", System,
            $"removed from the {entry.ListType} list ({closing.Reason}); lift notices to {toLift.Count} departments",
            $"移出{entry.ListType.ZhName()}（{closing.Reason.ZhName()}），向{toLift.Count}个部门推送解除通知"))];
        await store.OpenLiftsAsync(caseId, toLift.Select(g => g.Key), round, deadline, cancellationToken);
        foreach (var (department, noticeIds) in OpenFeedbackNotices(caseId, all))
        {
            await outbox.CloseAsync(department, noticeIds, cancellationToken);
        }

        foreach (var group in toLift)
        {
            await outbox.SendAsync(CaseNoticeWriter.Write(NoticeKinds.Lift, round, group.Key, entry, [.. group], deadline, now, closing.Reason.ToString()), cancellationToken);
            lines.Add(new($"lift|{group.Key}", new TimelineEntry(now, "lift", System,
                $"lift notice to {group.Key}: {group.Count()} measures, acknowledgement due by {Records.DateText.ToIso(deadline)}",
                $"向{group.Key}推送解除通知：{group.Count()}项措施，应于{Records.DateText.ToIso(deadline)}前确认")));
        }

        await store.AddTimelineAsync(caseId, lines, cancellationToken);

        if (toLift.Count > 0)
        {
            await schedule.AddAsync(reminder, caseId, new LiftReminderDue(round), cancellationToken);
            await schedule.AddAsync(deadline.AddDays(1), caseId, new LiftDeadlinePassed(round), cancellationToken);
        }

        await SaveStateAsync(entry, record, CaseState.Lifting, round, deadline, reminder, closing.Reason, Departments(all), now, cancellationToken);
        return [.. toLift.Select(g => g.Key)];
    }

    public async Task RemindLiftAsync(CaseStep step, CancellationToken cancellationToken = default)
    {
        var entry = await EntryAsync(step.CaseId, cancellationToken);
        var now = clock.GetUtcNow();
        var all = await store.AssignmentsAsync(step.CaseId, cancellationToken);
        foreach (var lift in (await store.LiftsAsync(step.CaseId, cancellationToken)).Where(l => !l.Acknowledged))
        {
            var items = all.Where(a => a.Assignment.Department == lift.Department && a.Status is AssignmentStatus.Applied or AssignmentStatus.Pending);
            await outbox.SendAsync(CaseNoticeWriter.Write(NoticeKinds.LiftReminder, step.Round, lift.Department, entry, [.. items], lift.Deadline, now), cancellationToken);
            await store.AddTimelineAsync(step.CaseId, $"lift-reminder|{lift.Department}", new TimelineEntry(now, "reminder", System,
                $"reminder to {lift.Department}: acknowledge the lift by {Records.DateText.ToIso(lift.Deadline)}",
                $"提醒{lift.Department}：应于{Records.DateText.ToIso(lift.Deadline)}前确认解除"), cancellationToken);
        }
    }

    /// <summary>The lift deadline passed: unacknowledged lifts are overdue, and the case completes.</summary>
    public async Task MarkLiftsOverdueAsync(CaseStep step, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        foreach (var lift in (await store.LiftsAsync(step.CaseId, cancellationToken)).Where(l => !l.Acknowledged && !l.Overdue))
        {
            // The line and the count before the mark, which a retry skips.
            var overdue = lift with { Overdue = true, OverdueAt = now };
            await store.AddTimelineAsync(step.CaseId, $"lift-overdue|{lift.Department}", new TimelineEntry(now, "overdue", System,
                $"{lift.Department} did not acknowledge the lift by {Records.DateText.ToIso(lift.Deadline)}",
                $"{lift.Department}逾期未确认解除（期限{Records.DateText.ToIso(lift.Deadline)}）"), cancellationToken);
            await statistics.RecordAsync(CaseFacts.LiftOverdue(step.CaseId, overdue)!, cancellationToken);
            await store.UpdateLiftAsync(step.CaseId, overdue, cancellationToken);
        }

        await FinishAsync(step, await store.GetCaseAsync(step.CaseId, cancellationToken), cancellationToken);
    }

    /// <summary>Every lift is acknowledged (or none was needed): the lift reminder and deadline are not needed, and the case completes.</summary>
    public async Task CompleteAsync(CaseStep step, CancellationToken cancellationToken = default)
    {
        var record = await store.GetCaseAsync(step.CaseId, cancellationToken);
        await UnscheduleAsync(step.CaseId, record, new LiftReminderDue(step.Round), new LiftDeadlinePassed(step.Round), cancellationToken);
        await FinishAsync(step, record, cancellationToken);
    }

    async Task FinishAsync(CaseStep step, CaseRecord? record, CancellationToken cancellationToken)
    {
        var entry = await EntryAsync(step.CaseId, cancellationToken);
        var now = clock.GetUtcNow();
        await store.AddTimelineAsync(step.CaseId, "completed", new TimelineEntry(now, "completed", System, "case completed", "案件办结"), cancellationToken);
        await SaveStateAsync(entry, record, CaseState.Completed, step.Round, record?.FeedbackDeadline, record?.ReminderDate, record?.EndReason, null, now, cancellationToken);
    }

    /// <summary>
    /// Takes a reminder and a deadline off the schedule once the case has what they would ask for, so that the
    /// daily runs do not wake it for nothing (an orchestration replay each).
    /// </summary>
    async Task UnscheduleAsync(string caseId, CaseRecord? record, CaseSignal reminderSignal, CaseSignal dueSignal, CancellationToken cancellationToken)
    {
        if (record is { ReminderDate: { } reminder, FeedbackDeadline: { } deadline })
        {
            await schedule.RemoveAsync(reminder, caseId, reminderSignal, cancellationToken);
            await schedule.RemoveAsync(deadline.AddDays(1), caseId, dueSignal, cancellationToken);
        }
    }

    /// <summary>Sends the round's push to each department; returns the timeline lines, for the step to write with its own.</summary>
    async Task<List<TimelineLine>> PushAsync(ListEntry entry, IEnumerable<AssignmentRecord> assignments, int round, DateOnly deadline, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lines = new List<TimelineLine>();
        foreach (var group in assignments.GroupBy(a => a.Assignment.Department))
        {
            await outbox.SendAsync(CaseNoticeWriter.Write(NoticeKinds.Push, round, group.Key, entry, [.. group], deadline, now), cancellationToken);
            lines.Add(new($"push|{round}|{group.Key}", new TimelineEntry(now, "push", System,
                $"pushed to {group.Key}: {string.Join(", ", group.Select(a => a.Assignment.MeasureName).Distinct())}; feedback due by {Records.DateText.ToIso(deadline)}",
                $"推送至{group.Key}：{string.Join("、", group.Select(a => a.Assignment.MeasureName).Distinct())}；应于{Records.DateText.ToIso(deadline)}前反馈")));
        }

        return lines;
    }

    async Task ScheduleFeedbackAsync(string caseId, int round, DateOnly reminder, DateOnly deadline, CancellationToken cancellationToken)
    {
        await schedule.AddAsync(reminder, caseId, new FeedbackReminderDue(round), cancellationToken);
        await schedule.AddAsync(deadline.AddDays(1), caseId, new FeedbackDeadlinePassed(round), cancellationToken);
    }

    /// <summary>
    /// The case row and its index rows, from the row the step read (<paramref name="existing"/>, null before the first
    /// save); <paramref name="involved"/> and <paramref name="unimplemented"/> null keep what the case already has.
    /// </summary>
    async Task SaveStateAsync(ListEntry entry, CaseRecord? existing, CaseState state, int round, DateOnly? deadline, DateOnly? reminder, CaseEndReason? reason, IReadOnlyList<string>? involved, DateTimeOffset now, CancellationToken cancellationToken, IReadOnlyList<string>? unimplemented = null)
    {
        var record = new CaseRecord(entry.Id, entry.InitiatingDepartment, entry.ListType, entry.SubjectKey, $"{entry.SubjectName}（{entry.SubjectLabel}）", entry.SubjectName,
            state, round, entry.EndDate, deadline, reason, existing?.OpenedAt ?? now, now, involved ?? existing?.Departments ?? [], reminder, unimplemented ?? existing?.Unimplemented);
        await store.SaveCaseAsync(record, cancellationToken);
    }

    static IReadOnlyList<TimelineLine> Unimplemented(IReadOnlyList<string> codes, int round, DateTimeOffset now) => codes.Count == 0 ? [] :
    [
        new TimelineLine($"unimplemented|{round}", new TimelineEntry(now, "unimplemented", System,
            $"mandatory measures {string.Join(", ", codes)} have no registered implementing department: the supervising office is told (GET /api/departments/{{code}}/missed-measures once one registers)",
            $"强制性措施{string.Join("、", codes)}没有已登记的实施部门，已提示联席会议办公室")),
    ];

    static IReadOnlyList<string> Departments(IEnumerable<AssignmentRecord> assignments) => [.. assignments.Select(a => a.Assignment.Department).Distinct()];

    /// <summary>
    /// The push and reminder notices still open when a case ends: those of the rounds in which a department left an
    /// item unanswered (or had one withdrawn). A push answered in full counted itself down and closed its reminder.
    /// </summary>
    static IEnumerable<(string Department, string[] NoticeIds)> OpenFeedbackNotices(string caseId, IEnumerable<AssignmentRecord> assignments) =>
        assignments.Where(a => !a.Answered).GroupBy(a => a.Assignment.Department).Select(group => (group.Key, group.Select(a => a.Round).Distinct()
            .SelectMany(r => new[] { CaseNoticeWriter.NoticeId(caseId, r, NoticeKinds.Push, group.Key), CaseNoticeWriter.NoticeId(caseId, r, NoticeKinds.Reminder, group.Key) }).ToArray()));

    DateOnly Deadline(DateOnly from, int workingDays) => calendar.AddWorkingDays(from, workingDays).Date;

    DateOnly Reminder(DateOnly from, int workingDays) =>
        calendar.AddWorkingDays(from, Math.Max(1, workingDays - options.Value.ReminderWorkingDaysBefore)).Date;

    async Task<ListEntry> EntryAsync(string caseId, CancellationToken cancellationToken) =>
        (await lists.GetAsync(caseId, cancellationToken))?.Entry ?? throw new InvalidOperationException($"case {caseId}: its list entry is not stored");

    /// <summary>
    /// Red never stands beside black or watch: a black or watch entry suspends every standing red entry of the subjects
    /// it names, and a red entry whose subject already stands on either (it passed the eligibility check while the
    /// other was being created) suspends itself. Its case then ends on the signal drain (<see cref="ImpliedSignals.ForCase"/>)
    /// with lift notices to the departments that applied its incentives. Whichever case opens last sees the other.
    /// </summary>
    async Task KeepRedApartAsync(ListEntry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (entry.ListType == ListType.Red)
        {
            foreach (var hit in (await lists.HitsAsync(entry.SubjectKey, cancellationToken)).Where(h => h.ListType.MarksDishonesty()))
            {
                if (await lists.GetAsync(hit.EntryId, cancellationToken) is { Status.Active: true })
                {
                    await SuspendAsync(entry.Id, hit.EntryId, hit.ListType, now, cancellationToken);
                    return;
                }
            }

            return;
        }

        foreach (var key in entry.ResponsiblePersons.Select(p => p.SubjectKey).Prepend(entry.SubjectKey).Distinct())
        {
            foreach (var hit in (await lists.HitsAsync(key, cancellationToken)).Where(h => h.ListType == ListType.Red))
            {
                await SuspendAsync(hit.EntryId, entry.Id, entry.ListType, now, cancellationToken);
            }
        }
    }

    async Task SuspendAsync(string redEntryId, string byEntryId, ListType byList, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await lists.GetAsync(redEntryId, cancellationToken) is not { Status: { Active: true, SuspendedBy: null } })
        {
            return;
        }

        // The entry's mark last: a retry of this step skips an entry marked suspended, so what goes with it is written first.
        await marks.MarkAsync(SignalOwner.Case, redEntryId, cancellationToken);
        await store.AddTimelineAsync(redEntryId, $"suspended|{byEntryId}", new TimelineEntry(now, "suspended", System,
            $"the subject stands on the {byList.ToString().ToLowerInvariant()} list ({byEntryId}): its incentives are suspended",
            $"该主体在{byList.ZhName()}上（{byEntryId}），激励措施中止"), cancellationToken);
        await lists.SuspendAsync(redEntryId, byEntryId, cancellationToken);
    }
}
