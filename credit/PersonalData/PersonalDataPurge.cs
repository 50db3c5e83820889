using Azure.Data.Tables;
using Credit.Calendar;
using Credit.Quarantine;
using Credit.Records;
using Credit.Storage;
using Microsoft.Extensions.Options;

namespace Credit.PersonalData;

/// <summary>
/// Erases the personal data of records whose publicity and retention periods have ended. The disclosure run
/// schedules each record as it leaves public view, in table PersonalDataPurges under the day its retention ends, so
/// that the daily run reads only what has fallen due. Each record is erased on its own: one that fails stays
/// scheduled for the next run and, failing again, is quarantined; the others go on.
/// </summary>
public sealed class PersonalDataPurge(StorageClients storage, RecordStore records, QuarantineStore quarantine, IOptions<PersonalDataOptions> options, TimeProvider clock)
{
    public const string RunName = "PersonalDataPurge";
    const int BatchSize = 100;

    readonly TableClient due = storage.Table(StorageNames.PersonalDataPurgesTable);

    /// <summary>Schedules the erasure of records that left public view on the day given.</summary>
    public async Task ScheduleAsync(IEnumerable<(string RecordId, DateOnly LeftViewOn)> withdrawn, CancellationToken cancellationToken)
    {
        var rows = withdrawn.Select(w => new TableEntity(DateText.ToIso(w.LeftViewOn.AddYears(options.Value.RetentionYears)), w.RecordId));
        foreach (var batch in rows.GroupBy(r => r.PartitionKey).SelectMany(g => g.Chunk(BatchSize)))
        {
            await due.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken);
        }
    }

    /// <returns>The records whose personal data this run erased.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var guard = await quarantine.BeginAsync(RunName, cancellationToken);
        var today = DateText.ToIso(BeijingTime.Today(clock));
        var erased = 0;
        await foreach (var row in due.QueryAsync<TableEntity>(e => e.PartitionKey.CompareTo(today) <= 0, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            var department = RecordKey.TryParseId(row.RowKey, out var key) ? key.DepartmentCode : null;
            await guard.RunAsync($"purge|{row.RowKey}", department, async () =>
            {
                if (department is not null && await records.PurgePersonalDataAsync(key, cancellationToken))
                {
                    erased++;
                }

                await due.DeleteEntityAsync(row.PartitionKey, row.RowKey, Azure.ETag.All, cancellationToken);
            }, cancellationToken);
        }

        return erased;
    }
}
