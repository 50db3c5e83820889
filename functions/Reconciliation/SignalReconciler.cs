using Credit.Calendar;
using Credit.Functions.Signals;
using Credit.JointCases;
using Credit.Orchestrations;
using Credit.Orchestrations.JointCases;
using Credit.Orchestrations.Remedies;
using Credit.Remedies;
using Credit.Signals;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Credit.Functions.Reconciliation;

/// <summary>What one reconciliation looked at, raised and restarted.</summary>
public sealed record ReconciliationResult(int Checked, int Raised, int Restarted = 0);

/// <summary>
/// Compares each case and remedy with its orchestration and raises the signals its stored state implies and the
/// orchestration has not heard (<see cref="ImpliedSignals"/>), writing each to the audit. The signal drain does it
/// for what a request marked (<see cref="SignalMarks"/>), within a minute; the daily run and the supervisor's
/// <c>POST /api/reconciliation</c> for every open case and recently decided remedy. An instance that failed, is gone
/// while its case is open, or stays Pending (<see cref="ReconciliationOptions.StalePendingSeconds"/>) is started again
/// from the stored state, with the dated signals it missed.
/// </summary>
public sealed partial class SignalReconciler(
    CaseStore cases,
    RemedyStore remedies,
    Credit.Lists.ListStore lists,
    Credit.Statistics.StatisticsLedger statistics,
    SignalMarks marks,
    Credit.Quarantine.QuarantineStore quarantine,
    AuditLog audit,
    IOptions<ReconciliationOptions> options,
    TimeProvider clock,
    ILogger<SignalReconciler> logger)
{
    /// <summary>Checks each mark that has settled, in isolation: one that keeps failing is quarantined, the others go on.</summary>
    public async Task<ReconciliationResult> DrainAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var due = await marks.DueAsync(TimeSpan.FromSeconds(options.Value.SettleSeconds), cancellationToken);
        var guard = await quarantine.BeginAsync(DrainRun, cancellationToken);
        var raised = 0;
        foreach (var mark in due)
        {
            await guard.RunAsync($"{mark.Owner}/{mark.Id}", null, async () =>
            {
                if (await ReconcileAsync(durable, mark.Owner, mark.Id, cancellationToken) is not { } count)
                {
                    // Not settled yet (an instance that may be stale): the mark stays for the next drain.
                    return;
                }

                raised += count;
                await RecountAsync(mark.Owner, mark.Id, cancellationToken);
                await marks.ClearAsync(mark, cancellationToken);
            }, cancellationToken);
        }

        return new ReconciliationResult(due.Count, raised);
    }

    /// <summary>
    /// Restarts every failed case and remedy instance, and every one Pending for longer than
    /// <see cref="ReconciliationOptions.StalePendingSeconds"/>, then checks every case awaiting feedback or lifting and every
    /// remedy decided lately; each in isolation.
    /// </summary>
    public async Task<ReconciliationResult> ReconcileAllAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var guard = await quarantine.BeginAsync(DailyRun, cancellationToken);
        var failed = new List<OrchestrationMetadata>();
        var stale = DateTimeOffset.UtcNow.AddSeconds(-options.Value.StalePendingSeconds);
        await foreach (var instance in durable.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Pending], PageSize = 100 })
            .WithCancellation(cancellationToken))
        {
            if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed || instance.LastUpdatedAt < stale)
            {
                failed.Add(instance);
            }
        }

        var restarted = 0;
        foreach (var instance in failed)
        {
            await guard.RunAsync($"restart/{instance.InstanceId}", null, async () =>
            {
                if (await RestartAsync(durable, instance.Name, instance.InstanceId, instance.RuntimeStatus, cancellationToken))
                {
                    restarted++;
                }
            }, cancellationToken);
        }

        var owners = new List<(SignalOwner Owner, string Id)>();
        foreach (var state in new[] { CaseState.AwaitingFeedback, CaseState.Lifting })
        {
            owners.AddRange((await cases.ListAsync(null, state, null, int.MaxValue, cancellationToken)).Select(c => (SignalOwner.Case, c.Id)));
        }

        owners.AddRange((await remedies.DecidedSinceAsync(clock.GetUtcNow().AddDays(-options.Value.RemedyDays), cancellationToken)).Select(r => (SignalOwner.Remedy, r.Id)));
        var raised = 0;
        foreach (var (owner, id) in owners)
        {
            await guard.RunAsync($"{owner}/{id}", null, async () => raised += await ReconcileAsync(durable, owner, id, cancellationToken) ?? 0, cancellationToken);
        }

        return new ReconciliationResult(owners.Count + failed.Count, raised, restarted);
    }

    /// <summary>
    /// Starts a failed case or remedy instance again from the stored state and raises what that state implies and
    /// the dates it missed; writes the restart to the audit. False for an instance that is not the product's to
    /// restart: an ingestion (re-uploading or <c>POST /api/uploads/{dept}/{name}/retry</c> does that), a completed case.
    /// </summary>
    async Task<bool> RestartAsync(DurableTaskClient durable, string name, string id, OrchestrationRuntimeStatus? was, CancellationToken cancellationToken)
    {
        var today = BeijingTime.Today(clock);
        string subjectKey;
        IReadOnlyList<OrchestrationSignal> signals;
        switch (name)
        {
            case nameof(JointCaseLifecycle):
                var record = await cases.GetCaseAsync(id, cancellationToken);
                // A case that failed while opening has no row yet: its subject is its list entry's.
                var caseSubject = record is null ? (await lists.GetAsync(id, cancellationToken))?.Entry.SubjectKey : record.SubjectKey;
                if (record?.State == CaseState.Completed || caseSubject is null)
                {
                    return false;
                }

                subjectKey = caseSubject;
                signals = record is null ? [] :
                    [.. ImpliedSignals.ForCase(record, await cases.AssignmentsAsync(id, cancellationToken), await cases.LiftsAsync(id, cancellationToken), await EndingAsync(id, cancellationToken)),
                        .. ImpliedSignals.DueForCase(record, today)];
                break;
            case nameof(ObjectionHandling) or nameof(RepairApplication):
                if (await remedies.GetAsync(id, cancellationToken) is not { } remedy)
                {
                    return false;
                }

                subjectKey = remedy.SubjectKey;
                signals = [.. ImpliedSignals.ForRemedy(remedy), .. ImpliedSignals.DueForRemedy(remedy, today)];
                break;
            default:
                return false;
        }

        await new OrchestrationInstances(durable).RestartAsync(name, id, cancellationToken);
        var now = clock.GetUtcNow();
        await audit.WriteAsync(subjectKey, $"reconcile|{id}", $"restart|{now:O}",
            new AuditEntry(now, "system", "instance-restarted", id, was?.ToString() ?? "missing", $"{name} {OrchestrationVersions.Current}"), cancellationToken);
        LogRestarted(logger, name, id, was?.ToString() ?? "missing", signals.Count);
        await RaiseAsync(durable, id, subjectKey, signals, cancellationToken);
        return true;
    }

    /// <summary>
    /// Counts again what the marked case's or remedy's stored answers, acknowledgements and decisions imply: a request
    /// that died between its change and its count (or whose retry was answered "already taken") left the fact out.
    /// The facts are derived from the stored rows by the functions the live counts use, so a fact counted already is
    /// the same row written again.
    /// </summary>
    async Task RecountAsync(SignalOwner owner, string id, CancellationToken cancellationToken)
    {
        IEnumerable<Credit.Statistics.StatisticEvent?> facts = owner == SignalOwner.Case
            ? (await cases.AssignmentsAsync(id, cancellationToken)).SelectMany(a => new[] { CaseFacts.Feedback(id, a), CaseFacts.FeedbackOverdue(id, a) })
                .Concat((await cases.LiftsAsync(id, cancellationToken)).SelectMany(l => new[] { CaseFacts.Lift(id, l), CaseFacts.LiftOverdue(id, l) }))
            : await remedies.GetAsync(id, cancellationToken) is { } remedy ? [RemedyFacts.Decided(remedy), RemedyFacts.Overdue(remedy)] : [];
        await statistics.RecordAsync(facts.OfType<Credit.Statistics.StatisticEvent>(), cancellationToken);
    }

    const string DrainRun = "SignalDrain";
    const string DailyRun = "ReconcileRun";

    async Task<int?> ReconcileAsync(DurableTaskClient durable, SignalOwner owner, string id, CancellationToken cancellationToken) =>
        owner == SignalOwner.Case ? await ReconcileCaseAsync(durable, id, cancellationToken) : await ReconcileRemedyAsync(durable, id, cancellationToken);

    /// <summary>The signals raised again; null while the case's instance is Pending and may yet start (checked again later).</summary>
    public async Task<int?> ReconcileCaseAsync(DurableTaskClient durable, string caseId, CancellationToken cancellationToken)
    {
        // One read of each: the drain and the daily run call this for every marked or open case.
        var instance = await durable.GetInstanceAsync(caseId, cancellationToken);
        if (await cases.GetCaseAsync(caseId, cancellationToken) is not { } record)
        {
            if (instance?.RuntimeStatus == OrchestrationRuntimeStatus.Failed || await lists.GetAsync(caseId, cancellationToken) is not { Status.Active: true })
            {
                return 0;
            }

            // A marked entry whose case never started (an import that stored its response and died before starting
            // it), or whose instance has not opened it yet: looked at again until it has, when its status is checked.
            if (instance is null)
            {
                await new OrchestrationInstances(durable).StartOnceAsync(nameof(JointCaseLifecycle), caseId, cancellationToken);
            }

            return null;
        }

        if (instance is null && record.State != CaseState.Completed)
        {
            // An open case without an instance (a restart that died between purging the failed one and starting anew).
            await RestartAsync(durable, nameof(JointCaseLifecycle), caseId, null, cancellationToken);
            return 0;
        }

        if (instance is { RuntimeStatus: OrchestrationRuntimeStatus.Pending } && record.State != CaseState.Completed)
        {
            // The case opened, so an instance ran; its row says Pending when a start died between sending its message
            // and writing the row (the Azure Storage provider does them in that order) and was sent again: the second
            // start's row stays, its message dropped by the running instance, and the row never says Running again.
            // The engine's times are the machine's, not the product clock's.
            if (DateTimeOffset.UtcNow - instance.LastUpdatedAt < TimeSpan.FromSeconds(options.Value.StalePendingSeconds))
            {
                return null;
            }

            await RestartAsync(durable, nameof(JointCaseLifecycle), caseId, instance.RuntimeStatus, cancellationToken);
            return 0;
        }

        if (instance?.RuntimeStatus is not OrchestrationRuntimeStatus.Running)
        {
            return 0;
        }

        var signals = ImpliedSignals.ForCase(record, await cases.AssignmentsAsync(caseId, cancellationToken), await cases.LiftsAsync(caseId, cancellationToken), await EndingAsync(caseId, cancellationToken));
        await RaiseAsync(durable, caseId, record.SubjectKey, signals, cancellationToken);
        return signals.Count;
    }

    async Task<CaseEndReason?> EndingAsync(string caseId, CancellationToken cancellationToken) =>
        (await lists.GetAsync(caseId, cancellationToken))?.Status.Ending;

    public async Task<int> ReconcileRemedyAsync(DurableTaskClient durable, string remedyId, CancellationToken cancellationToken)
    {
        if (await remedies.GetAsync(remedyId, cancellationToken) is not { } remedy)
        {
            return 0;
        }

        var raised = 0;
        if (await IsWaitingAsync(durable, remedyId, cancellationToken))
        {
            var signals = ImpliedSignals.ForRemedy(remedy);
            await RaiseAsync(durable, remedyId, remedy.SubjectKey, signals, cancellationToken);
            raised += signals.Count;
        }

        if (remedy.EndsCase is { } ends && await IsWaitingAsync(durable, ends.CaseId, cancellationToken)
            && ImpliedSignals.EndedBy(remedy, await cases.GetCaseAsync(ends.CaseId, cancellationToken)) is { } ended)
        {
            await RaiseAsync(durable, ended.CaseId, remedy.SubjectKey, [ended.Signal], cancellationToken);
            raised++;
        }

        return raised;
    }

    static async Task<bool> IsWaitingAsync(DurableTaskClient durable, string instanceId, CancellationToken cancellationToken) =>
        (await durable.GetInstanceAsync(instanceId, cancellationToken))?.RuntimeStatus is OrchestrationRuntimeStatus.Running;

    async Task RaiseAsync(DurableTaskClient durable, string instanceId, string subjectKey, IReadOnlyList<OrchestrationSignal> signals, CancellationToken cancellationToken)
    {
        var instances = new OrchestrationInstances(durable);
        var now = clock.GetUtcNow();
        foreach (var signal in signals)
        {
            await instances.RaiseAsync(instanceId, signal, cancellationToken);
            await audit.WriteAsync(subjectKey, $"reconcile|{instanceId}", $"{signal.Name}|{signal.About}|{now:O}",
                new AuditEntry(now, "system", "signal-raised-again", instanceId, null, $"{signal.Name} {signal.About}".TrimEnd()), cancellationToken);
            LogRaised(logger, instanceId, signal.Name, signal.About);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation: {Orchestration} {InstanceId} was {Status}; started again from the stored state, with {Signals} signals it implies")]
    static partial void LogRestarted(ILogger logger, string orchestration, string instanceId, string status, int signals);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation: {InstanceId} had not heard {Kind} {Key} that its stored state implies; raised")]
    static partial void LogRaised(ILogger logger, string instanceId, string kind, string? key);
}
