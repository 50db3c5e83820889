using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Credit.Records;
using Credit.Storage;

namespace Credit.Inspections;

/// <summary>
/// Inspection plans (table InspectionPlans: partition = plan id, row "plan"), the subjects each drew (table
/// InspectionItems: partition = plan id, row = subject key, the result as columns once recorded) and the day each
/// department last inspected each subject (table Inspections: partition = department, row = subject key).
/// </summary>
public sealed class InspectionStore(StorageClients storage)
{
    const string PlanRow = "plan";

    readonly JsonRowTable<InspectionPlan> plans = new(storage.Table(StorageNames.InspectionPlansTable), p => (p.Id, PlanRow), p => [new("Department", p.Department)]);
    readonly TableClient items = storage.Table(StorageNames.InspectionItemsTable);
    readonly TableClient history = storage.Table(StorageNames.InspectionsTable);

    public static bool IsId(string? id) => PrefixedId.Is(id, "IP");

    public async Task<InspectionPlan?> GetAsync(string id, CancellationToken cancellationToken) =>
        IsId(id) ? (await plans.GetAsync(id, PlanRow, cancellationToken))?.Document : null;

    /// <summary>A department's plans (a query over the plans, which are few), newest first; every plan when <paramref name="department"/> is null.</summary>
    public async Task<IReadOnlyList<InspectionPlan>> ListAsync(string? department, CancellationToken cancellationToken) =>
        [.. (await plans.QueryAsync(department is null ? null : TableClient.CreateQueryFilter($"Department eq {department}"), cancellationToken)).OrderByDescending(p => p.CreatedAt)];

    /// <summary>
    /// Stores a plan: the drawn subjects first, then the plan, so that a plan that can be read is whole (a crash between
    /// the two leaves rows a retry with the same seed writes again).
    /// </summary>
    public async Task<InspectionPlan> SaveAsync(InspectionPlan plan, IReadOnlyList<PlannedInspection> drawn, CancellationToken cancellationToken)
    {
        await TableBatches.UpsertAsync(items, drawn.Select(d => new TableEntity(plan.Id, TableKeys.Escape(d.SubjectKey))
        {
            ["Grade"] = d.Grade, ["Score"] = d.Score, ["Items"] = d.Items is { Count: > 0 } named ? string.Join(' ', named) : null,
        }),
            TableTransactionActionType.UpsertMerge, cancellationToken);
        try
        {
            await plans.AddAsync(plan, cancellationToken);
            return plan;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return (await GetAsync(plan.Id, cancellationToken))!;
        }
    }

    public async Task<IReadOnlyList<PlannedInspection>> ItemsAsync(string planId, CancellationToken cancellationToken)
    {
        var found = new List<PlannedInspection>();
        await foreach (var row in items.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {planId}"), cancellationToken: cancellationToken))
        {
            found.Add(Item(row));
        }

        return found;
    }

    public async Task<(PlannedInspection Item, ETag ETag)?> ItemAsync(string planId, string subjectKey, CancellationToken cancellationToken)
    {
        // The subject comes from the caller: through the one key encoder, so a '/' or '#' names no row rather than failing the request.
        var found = await items.GetEntityIfExistsAsync<TableEntity>(planId, TableKeys.Escape(subjectKey), cancellationToken: cancellationToken);
        return found.HasValue ? (Item(found.Value!), found.Value!.ETag) : null;
    }

    /// <summary>Writes a drawn subject's result under the row's ETag; false when someone wrote it meanwhile.</summary>
    public async Task<bool> RecordResultAsync(PlannedInspection item, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await items.UpdateEntityAsync(new TableEntity(item.PlanId, TableKeys.Escape(item.SubjectKey))
            {
                ["InspectedOn"] = DateText.ToIso(item.InspectedOn!.Value), ["ProblemsFound"] = item.ProblemsFound, ["Findings"] = item.Findings,
            }, etag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>Keeps the latest day the department inspected the subject (an earlier day recorded later changes nothing).</summary>
    public async Task InspectedAsync(string department, string subjectKey, DateOnly on, CancellationToken cancellationToken)
    {
        var stored = await history.GetEntityIfExistsAsync<TableEntity>(department, subjectKey, cancellationToken: cancellationToken);
        if (!stored.HasValue || string.CompareOrdinal(stored.Value!.GetString("On"), DateText.ToIso(on)) < 0)
        {
            await history.UpsertEntityAsync(new TableEntity(department, subjectKey) { ["On"] = DateText.ToIso(on) }, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>The day the department last inspected each subject it inspected (one partition).</summary>
    public async Task<IReadOnlyDictionary<string, DateOnly>> LastInspectedAsync(string department, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        await foreach (var row in history.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {department}"), cancellationToken: cancellationToken))
        {
            found[row.RowKey] = DateOnly.ParseExact(row.GetString("On"), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return found;
    }

    static PlannedInspection Item(TableEntity row) => new(
        row.PartitionKey, row.RowKey, row.GetString("Grade"), row.GetInt32("Score") ?? 0,
        row.GetString("InspectedOn") is { } on ? DateOnly.ParseExact(on, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null, row.GetBoolean("ProblemsFound"), row.GetString("Findings"),
        row.GetString("Items") is { } items ? items.Split(' ') : null);
}
