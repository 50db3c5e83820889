using Azure;
using Azure.Data.Tables;
using Credit.Records;
using Credit.Storage;

namespace Credit.GovernmentIntegrity;

/// <summary>Complaints in table GovernmentComplaints, one partition each (partition = id); table queries for the lists and the deadline run.</summary>
public sealed class GovernmentComplaintStore(StorageClients storage)
{
    const string Row = "complaint";

    readonly JsonRowTable<GovernmentComplaint> table = new(storage.Table(StorageNames.GovernmentComplaintsTable), c => (c.Id, Row), c =>
    [
        new("State", c.State.ToString()),
        new("FiledBy", c.FiledBy),
        new("DecisionDue", DateText.ToIso(c.DecisionDue)),
        new("ReminderOn", DateText.ToIso(c.ReminderOn)),
        new("Reminded", c.RemindedAt is not null),
        new("OverdueMarked", c.OverdueMarkedAt is not null),
        new("RecordOwed", c.OwesRecord()),
    ]);

    public static bool IsId(string? id) => PrefixedId.Is(id, "GC");

    public async Task<bool> AddAsync(GovernmentComplaint complaint, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddAsync(complaint, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<(GovernmentComplaint Complaint, ETag ETag)?> GetAsync(string id, CancellationToken cancellationToken) =>
        IsId(id) ? await table.GetAsync(id, Row, cancellationToken) : null;

    public Task<bool> ReplaceAsync(GovernmentComplaint complaint, ETag etag, CancellationToken cancellationToken) => table.ReplaceAsync(complaint, etag, cancellationToken);

    /// <summary>Every complaint (the office), or those <paramref name="filedBy"/> filed; newest first.</summary>
    public async Task<IReadOnlyList<GovernmentComplaint>> ListAsync(string? filedBy, CancellationToken cancellationToken) =>
        [.. (await table.QueryAsync(filedBy is null ? null : TableClient.CreateQueryFilter($"FiledBy eq {filedBy}"), cancellationToken)).OrderByDescending(c => c.FiledAt)];

    /// <summary>Undecided complaints whose reminder day has come and that were not reminded, or whose decision day has passed and were not marked.</summary>
    public Task<IReadOnlyList<GovernmentComplaint>> DueAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var day = DateText.ToIso(today);
        return table.QueryAsync(TableClient.CreateQueryFilter(
            $"State eq {nameof(ComplaintState.UnderReview)} and ((ReminderOn le {day} and Reminded eq {false}) or (DecisionDue lt {day} and OverdueMarked eq {false}))"), cancellationToken);
    }

    /// <summary>Upheld complaints whose 政务失信 record is not yet known to be made (a crash came between the two).</summary>
    public Task<IReadOnlyList<GovernmentComplaint>> RecordsOwedAsync(CancellationToken cancellationToken) =>
        table.QueryAsync(TableClient.CreateQueryFilter($"RecordOwed eq {true}"), cancellationToken);
}
