using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Credit.JointCases;
using Credit.Quarantine;
using Credit.Remedies;
using Credit.Storage;

namespace Credit.Signals;

/// <summary>The two daily runs over the schedule: period ends (ExpiryRun) and feedback/lift/decision deadlines (DeadlineRun).</summary>
public enum ScheduleLane
{
    Expiry,
    Deadlines,
}

/// <summary>
/// Signals that a case or remedy must receive on a Beijing date: table CaseSchedule, partition "{lane}-{yyyyMMdd}",
/// row "{instance}|{kind}|{round}". A run reads the partitions up to today (a range of partition keys: only what is
/// due, never the whole table), raises each signal and deletes its row, so its cost grows with what falls due. A run
/// cut short raises the rest next time; a signal raised twice is recognised by its round and end date. A signal that
/// cannot be raised stays on the schedule for the next run, and after <see cref="QuarantineStore.MaxAttempts"/> runs is
/// quarantined; the other instances' signals are raised all the same.
/// </summary>
public sealed class SignalSchedule(StorageClients storage, QuarantineStore quarantine)
{
    /// <summary>The runs' names in the quarantine: "ExpiryRun" and "DeadlineRun", as their functions are called.</summary>
    public static string RunName(ScheduleLane lane) => lane == ScheduleLane.Expiry ? "ExpiryRun" : "DeadlineRun";

    readonly TableClient table = storage.Table(StorageNames.CaseScheduleTable);

    public Task AddAsync(DateOnly due, string instanceId, OrchestrationSignal signal, CancellationToken cancellationToken = default) =>
        table.UpsertEntityAsync(new TableEntity(Partition(LaneOf(signal), due), Row(instanceId, signal))
        {
            ["CaseId"] = instanceId,
            ["Family"] = signal.Family,
            ["Kind"] = signal.Name,
            ["Round"] = RoundOf(signal),
            ["EndDate"] = signal is PeriodExpired expired ? Records.DateText.ToIso(expired.EndDate) : null,
        }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Takes off the schedule a signal the instance no longer needs (one raised already is gone: nothing to do).</summary>
    public Task RemoveAsync(DateOnly due, string instanceId, OrchestrationSignal signal, CancellationToken cancellationToken = default) =>
        table.DeleteEntityAsync(Partition(LaneOf(signal), due), Row(instanceId, signal), ETag.All, cancellationToken);

    /// <summary>Raises every signal of <paramref name="lane"/> due on or before <paramref name="today"/>; returns how many.</summary>
    public async Task<int> RaiseDueAsync(ScheduleLane lane, DateOnly today, ISignalSender signals, CancellationToken cancellationToken = default)
    {
        var prefix = $"{lane.ToString().ToLowerInvariant()}-";
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey le {Partition(lane, today)}");
        var guard = await quarantine.BeginAsync(RunName(lane), cancellationToken);
        var raised = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            await guard.RunAsync($"{row.PartitionKey}/{row.RowKey}", null, async () =>
            {
                await signals.RaiseAsync(row.GetString("CaseId"), Read(row), cancellationToken);
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                raised++;
            }, cancellationToken);
        }

        return raised;
    }

    static ScheduleLane LaneOf(OrchestrationSignal signal) => signal is PeriodExpired ? ScheduleLane.Expiry : ScheduleLane.Deadlines;

    static int RoundOf(OrchestrationSignal signal) => signal switch
    {
        FeedbackReminderDue s => s.Round,
        FeedbackDeadlinePassed s => s.Round,
        PeriodExpired s => s.Round,
        LiftReminderDue s => s.Round,
        LiftDeadlinePassed s => s.Round,
        _ => 1,
    };

    /// <summary>
    /// The signal a row stands for, read through its family's wire form. Rows stored before remedies had a family of
    /// their own read as a case's signal of the same kind, which reaches a remedy as the very same event.
    /// </summary>
    static OrchestrationSignal Read(TableEntity row)
    {
        var wire = new JsonObject { ["Kind"] = row.GetString("Kind"), ["Round"] = row.GetInt32("Round") ?? 0, ["EndDate"] = row.GetString("EndDate") };
        return row.GetString("Family") == nameof(RemedySignal)
            ? wire.Deserialize<RemedySignal>()!
            : wire.Deserialize<CaseSignal>()!;
    }

    static string Row(string instanceId, OrchestrationSignal signal) => $"{instanceId}|{signal.Name}|{RoundOf(signal)}";

    static string Partition(ScheduleLane lane, DateOnly due) =>
        $"{lane.ToString().ToLowerInvariant()}-{due.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";
}
