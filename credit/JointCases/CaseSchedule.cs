using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Credit.Quarantine;
using Credit.Storage;

namespace Credit.JointCases;

/// <summary>The two daily runs over the schedule: period ends (ExpiryRun) and feedback/lift deadlines (DeadlineRun).</summary>
public enum ScheduleLane
{
    Expiry,
    Deadlines,
}

/// <summary>Raises a signal on a running case (the durable client in the app; a port so that the core knows no engine).</summary>
public interface ICaseSignals
{
    Task RaiseAsync(string caseId, CaseSignal signal, CancellationToken cancellationToken = default);
}

/// <summary>
/// Signals that a case must receive on a Beijing date: table CaseSchedule, partition "{lane}-{yyyyMMdd}", row
/// "{case}|{signal}|{round}". A run reads the partitions up to today (a range of partition keys: only what is due,
/// never the whole table), raises each signal and deletes its row, so its cost grows with what falls due. A run
/// cut short raises the rest next time; a signal raised twice is recognised by its round and end date. A signal that
/// cannot be raised stays on the schedule for the next run, and after <see cref="QuarantineStore.MaxAttempts"/> runs is
/// quarantined; the other cases' signals are raised all the same.
/// </summary>
public sealed class CaseSchedule(StorageClients storage, QuarantineStore quarantine)
{
    /// <summary>The runs' names in the quarantine: "ExpiryRun" and "DeadlineRun", as their functions are called.</summary>
    public static string RunName(ScheduleLane lane) => lane == ScheduleLane.Expiry ? "ExpiryRun" : "DeadlineRun";

    readonly TableClient table = storage.Table(StorageNames.CaseScheduleTable);

    public static ScheduleLane LaneOf(CaseSignalKind kind) => kind == CaseSignalKind.Expired ? ScheduleLane.Expiry : ScheduleLane.Deadlines;

    public Task AddAsync(DateOnly due, string caseId, CaseSignal signal, CancellationToken cancellationToken = default) =>
        table.UpsertEntityAsync(new TableEntity(Partition(LaneOf(signal.Kind), due), Row(caseId, signal.Kind, signal.Round))
        {
            ["CaseId"] = caseId,
            ["Kind"] = signal.Kind.ToString(),
            ["Round"] = signal.Round,
            ["EndDate"] = signal.EndDate is { } end ? Records.DateText.ToIso(end) : null,
        }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Takes off the schedule a signal the case no longer needs (one raised already is gone: nothing to do).</summary>
    public Task RemoveAsync(DateOnly due, string caseId, CaseSignalKind kind, int round, CancellationToken cancellationToken = default) =>
        table.DeleteEntityAsync(Partition(LaneOf(kind), due), Row(caseId, kind, round), ETag.All, cancellationToken);

    /// <summary>Raises every signal of <paramref name="lane"/> due on or before <paramref name="today"/>; returns how many.</summary>
    public async Task<int> RaiseDueAsync(ScheduleLane lane, DateOnly today, ICaseSignals signals, CancellationToken cancellationToken = default)
    {
        var prefix = $"{lane.ToString().ToLowerInvariant()}-";
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey le {Partition(lane, today)}");
        var guard = await quarantine.BeginAsync(RunName(lane), cancellationToken);
        var raised = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            await guard.RunAsync($"{row.PartitionKey}/{row.RowKey}", null, async () =>
            {
                var signal = new CaseSignal(
                    Enum.Parse<CaseSignalKind>(row.GetString("Kind")),
                    Round: row.GetInt32("Round") ?? 0,
                    EndDate: row.GetString("EndDate") is { } end ? DateOnly.ParseExact(end, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null);
                await signals.RaiseAsync(row.GetString("CaseId"), signal, cancellationToken);
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                raised++;
            }, cancellationToken);
        }

        return raised;
    }

    static string Row(string caseId, CaseSignalKind kind, int round) => $"{caseId}|{kind}|{round}";

    static string Partition(ScheduleLane lane, DateOnly due) =>
        $"{lane.ToString().ToLowerInvariant()}-{due.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";
}
