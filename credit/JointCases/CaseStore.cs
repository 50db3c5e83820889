using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Credit.Lists;
using Credit.Measures;
using Credit.Storage;

namespace Credit.JointCases;

/// <summary>
/// The state of every case: table Cases (partition = initiating department), CaseDepartments (partition = every
/// department involved, for "my cases"), CaseAssignments, CaseLifts and CaseTimeline (partition = case).
/// Every write is keyed by what it records, so a repeated activity rewrites the same rows.
/// </summary>
public sealed class CaseStore(StorageClients storage)
{
    readonly TableClient cases = storage.Table(StorageNames.CasesTable);
    readonly TableClient byDepartment = storage.Table(StorageNames.CaseDepartmentsTable);
    readonly TableClient assignments = storage.Table(StorageNames.CaseAssignmentsTable);
    readonly TableClient lifts = storage.Table(StorageNames.CaseLiftsTable);
    readonly TableClient timeline = storage.Table(StorageNames.CaseTimelineTable);

    public async Task SaveCaseAsync(CaseRecord record, CancellationToken cancellationToken = default)
    {
        await cases.UpsertEntityAsync(new TableEntity(record.InitiatingDepartment, record.Id)
        {
            ["ListType"] = record.ListType.ToString(),
            ["SubjectKey"] = record.SubjectKey,
            ["SubjectLabel"] = record.SubjectLabel,
            ["SubjectName"] = record.SubjectName,
            ["State"] = record.State.ToString(),
            ["Round"] = record.Round,
            ["EndDate"] = Iso(record.EndDate),
            ["FeedbackDeadline"] = record.FeedbackDeadline is { } deadline ? Iso(deadline) : null,
            ["ReminderDate"] = record.ReminderDate is { } reminder ? Iso(reminder) : null,
            ["EndReason"] = record.EndReason?.ToString(),
            ["OpenedAt"] = record.OpenedAt,
            ["UpdatedAt"] = record.UpdatedAt,
            ["Departments"] = string.Join(',', record.Departments),
            ["Unimplemented"] = record.Unimplemented is { Count: > 0 } unimplemented ? string.Join(',', unimplemented) : null,
        }, TableUpdateMode.Replace, cancellationToken);
        foreach (var department in record.Departments.Append(record.InitiatingDepartment).Distinct())
        {
            await byDepartment.UpsertEntityAsync(new TableEntity(department, record.Id)
            {
                ["State"] = record.State.ToString(),
                ["SubjectKey"] = record.SubjectKey,
                ["ListType"] = record.ListType.ToString(),
                ["Initiating"] = department == record.InitiatingDepartment,
            }, TableUpdateMode.Replace, cancellationToken);
        }
    }

    public async Task<CaseRecord?> GetCaseAsync(string caseId, CancellationToken cancellationToken = default)
    {
        if (!ListEntryId.TryParse(caseId, out var department))
        {
            return null;
        }

        var entity = await cases.GetEntityIfExistsAsync<TableEntity>(department, caseId, cancellationToken: cancellationToken);
        return entity.HasValue ? ReadCase(entity.Value!) : null;
    }

    /// <summary>The open cases with a mandatory measure no registered department implements (a scan: the supervising office's report).</summary>
    public async Task<IReadOnlyList<UnimplementedCase>> UnimplementedAsync(string? initiatingDepartment, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"Unimplemented gt {string.Empty} and State ne {nameof(CaseState.Completed)}");
        if (initiatingDepartment is not null)
        {
            filter = TableClient.CreateQueryFilter($"PartitionKey eq {initiatingDepartment}") + " and " + filter;
        }

        var found = new List<UnimplementedCase>();
        await foreach (var entity in cases.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "Unimplemented"], cancellationToken: cancellationToken))
        {
            found.Add(new UnimplementedCase(entity.RowKey, entity.PartitionKey, entity.GetString("Unimplemented").Split(',', StringSplitOptions.RemoveEmptyEntries)));
        }

        return found;
    }

    /// <summary>Cases by department (initiating or implementing), else every case (the supervisor); filtered by state and subject.</summary>
    public async Task<IReadOnlyList<CaseRecord>> ListAsync(string? department, CaseState? state, string? subjectKey, int limit, CancellationToken cancellationToken = default)
    {
        var filters = new List<string>();
        if (state is { } s)
        {
            filters.Add(TableClient.CreateQueryFilter($"State eq {s.ToString()}"));
        }

        if (subjectKey is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"SubjectKey eq {subjectKey}"));
        }

        var found = new List<CaseRecord>();
        if (department is null)
        {
            await foreach (var entity in cases.QueryAsync<TableEntity>(filters.Count == 0 ? null : string.Join(" and ", filters), cancellationToken: cancellationToken))
            {
                found.Add(ReadCase(entity));
                if (found.Count == limit)
                {
                    break;
                }
            }

            return found;
        }

        filters.Insert(0, TableClient.CreateQueryFilter($"PartitionKey eq {department}"));
        await foreach (var row in byDepartment.QueryAsync<TableEntity>(string.Join(" and ", filters), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (await GetCaseAsync(row.RowKey, cancellationToken) is { } record)
            {
                found.Add(record);
            }

            if (found.Count == limit)
            {
                break;
            }
        }

        return found;
    }

    /// <summary>
    /// Adds the assignments not stored yet, in entity-group transactions of up to 100 (one partition: the case): a
    /// crash leaves each transaction's rows all written or none, and a repeated step adds exactly what is missing, so
    /// it never takes a part of the set for the whole (issue 15: cases opened with 2 of their 12 measures). Returns
    /// every assignment of the case once they are stored.
    /// </summary>
    public async Task<IReadOnlyList<AssignmentRecord>> AddAssignmentsAsync(string caseId, IEnumerable<Assignment> added, int round, DateOnly deadline, CancellationToken cancellationToken = default)
    {
        var stored = await AssignmentsAsync(caseId, cancellationToken);
        var storedKeys = stored.Select(a => a.Assignment.Key).ToHashSet(StringComparer.Ordinal);
        var missing = added.Where(a => !storedKeys.Contains(a.Key))
            .Select(a => new AssignmentRecord(a, round, deadline, AssignmentStatus.Pending, false, false, null, null, null, null))
            .ToList();
        foreach (var batch in missing.Chunk(MaxTransaction))
        {
            try
            {
                await assignments.SubmitTransactionAsync(batch.Select(a => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(caseId, a))), cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == 409)
            {
                // A concurrent attempt of the same step wrote some of them first: the rest, one by one.
                foreach (var assignment in batch)
                {
                    await AddIfAbsentAsync(ToEntity(caseId, assignment), cancellationToken);
                }
            }
        }

        // A row a concurrent attempt wrote first is the same assignment, pending, as this one would have been.
        return [.. stored, .. missing];
    }

    async Task AddIfAbsentAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await assignments.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }
    }

    /// <summary>The most operations one entity-group transaction takes.</summary>
    const int MaxTransaction = 100;

    public async Task<IReadOnlyList<AssignmentRecord>> AssignmentsAsync(string caseId, CancellationToken cancellationToken = default)
    {
        var found = new List<AssignmentRecord>();
        await foreach (var entity in assignments.QueryAsync<TableEntity>(e => e.PartitionKey == caseId, cancellationToken: cancellationToken))
        {
            found.Add(ReadAssignment(entity));
        }

        return found;
    }

    public async Task<AssignmentRecord?> GetAssignmentAsync(string caseId, string key, CancellationToken cancellationToken = default)
    {
        var entity = await assignments.GetEntityIfExistsAsync<TableEntity>(caseId, key, cancellationToken: cancellationToken);
        return entity.HasValue ? ReadAssignment(entity.Value!) : null;
    }

    /// <summary>Stores a department's answer; false when the assignment was answered or withdrawn already.</summary>
    public async Task<bool> AnswerAsync(string caseId, AssignmentRecord answered, CancellationToken cancellationToken = default)
    {
        var current = await assignments.GetEntityIfExistsAsync<TableEntity>(caseId, answered.Assignment.Key, cancellationToken: cancellationToken);
        if (!current.HasValue || ReadAssignment(current.Value!).Status != AssignmentStatus.Pending)
        {
            return false;
        }

        try
        {
            await assignments.UpdateEntityAsync(ToEntity(caseId, answered), current.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    public Task UpdateAssignmentAsync(string caseId, AssignmentRecord record, CancellationToken cancellationToken = default) =>
        assignments.UpsertEntityAsync(ToEntity(caseId, record), TableUpdateMode.Replace, cancellationToken);

    public async Task OpenLiftsAsync(string caseId, IEnumerable<string> departments, int round, DateOnly deadline, CancellationToken cancellationToken = default)
    {
        foreach (var department in departments)
        {
            try
            {
                await lifts.AddEntityAsync(new TableEntity(caseId, department) { ["Round"] = round, ["Deadline"] = Iso(deadline), ["Acknowledged"] = false, ["Overdue"] = false }, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Opened by an earlier attempt of the same step.
            }
        }
    }

    public async Task<IReadOnlyList<LiftRecord>> LiftsAsync(string caseId, CancellationToken cancellationToken = default)
    {
        var found = new List<LiftRecord>();
        await foreach (var entity in lifts.QueryAsync<TableEntity>(e => e.PartitionKey == caseId, cancellationToken: cancellationToken))
        {
            found.Add(ReadLift(entity));
        }

        return found;
    }

    /// <summary>Every assignment answered or marked overdue in a period, with its case: a table-wide query, for a statistics rebuild.</summary>
    public async IAsyncEnumerable<(string CaseId, AssignmentRecord Assignment)> AssignmentsSettledAsync(DateTimeOffset from, DateTimeOffset to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entity in assignments.QueryAsync<TableEntity>(Between(from, to, "AnsweredAt", "OverdueAt"), cancellationToken: cancellationToken))
        {
            yield return (entity.PartitionKey, ReadAssignment(entity));
        }
    }

    /// <summary>Every lift acknowledged or marked overdue in a period, with its case: a table-wide query, for a statistics rebuild.</summary>
    public async IAsyncEnumerable<(string CaseId, LiftRecord Lift)> LiftsSettledAsync(DateTimeOffset from, DateTimeOffset to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entity in lifts.QueryAsync<TableEntity>(Between(from, to, "AcknowledgedAt", "OverdueAt"), cancellationToken: cancellationToken))
        {
            yield return (entity.PartitionKey, ReadLift(entity));
        }
    }

    static string Between(DateTimeOffset from, DateTimeOffset to, params string[] properties) =>
        string.Join(" or ", properties.Select(p => $"({p} ge {TableClient.CreateQueryFilter($"{from}")} and {p} lt {TableClient.CreateQueryFilter($"{to}")})"));

    public async Task<LiftRecord?> GetLiftAsync(string caseId, string department, CancellationToken cancellationToken = default)
    {
        var entity = await lifts.GetEntityIfExistsAsync<TableEntity>(caseId, department, cancellationToken: cancellationToken);
        return entity.HasValue ? ReadLift(entity.Value!) : null;
    }

    static LiftRecord ReadLift(TableEntity entity) => new(entity.RowKey, entity.GetInt32("Round") ?? 1, ParseDate(entity.GetString("Deadline")), entity.GetBoolean("Acknowledged") ?? false,
        entity.GetBoolean("Overdue") ?? false, entity.GetDateTimeOffset("AcknowledgedAt"))
    {
        OverdueAt = entity.GetDateTimeOffset("OverdueAt"),
    };

    public Task UpdateLiftAsync(string caseId, LiftRecord lift, CancellationToken cancellationToken = default) =>
        lifts.UpdateEntityAsync(new TableEntity(caseId, lift.Department)
        {
            ["Acknowledged"] = lift.Acknowledged,
            ["Overdue"] = lift.Overdue,
            ["AcknowledgedAt"] = lift.AcknowledgedAt,
            ["OverdueAt"] = lift.OverdueAt,
        }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    /// <summary>Adds a timeline line; <paramref name="key"/> names the event, so a repeated step keeps the first line.</summary>
    public Task AddTimelineAsync(string caseId, string key, TimelineEntry entry, CancellationToken cancellationToken = default) =>
        AddTimelineAsync(caseId, [new TimelineLine(key, entry)], cancellationToken);

    /// <summary>Adds the lines of one step in one transaction (at most 100); when a repeated step finds some written, line by line.</summary>
    public async Task AddTimelineAsync(string caseId, IReadOnlyList<TimelineLine> lines, CancellationToken cancellationToken = default)
    {
        if (lines.Count is > 1 and <= 100)
        {
            try
            {
                await timeline.SubmitTransactionAsync(lines.Select(line => new TableTransactionAction(TableTransactionActionType.Add, TimelineEntity(caseId, line))), cancellationToken);
                return;
            }
            catch (TableTransactionFailedException)
            {
                // Some were written by an earlier attempt: the lines one by one say which.
            }
        }

        foreach (var line in lines)
        {
            try
            {
                await timeline.AddEntityAsync(TimelineEntity(caseId, line), cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Written by an earlier attempt.
            }
        }
    }

    static TableEntity TimelineEntity(string caseId, TimelineLine line) => new(caseId, line.Key)
    {
        ["At"] = line.Entry.At,
        ["Kind"] = line.Entry.Kind,
        ["Actor"] = line.Entry.Actor,
        ["Text"] = line.Entry.Text,
        ["TextZh"] = line.Entry.TextZh,
    };

    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(string caseId, CancellationToken cancellationToken = default)
    {
        var found = new List<TimelineEntry>();
        await foreach (var entity in timeline.QueryAsync<TableEntity>(e => e.PartitionKey == caseId, cancellationToken: cancellationToken))
        {
            found.Add(new TimelineEntry(entity.GetDateTimeOffset("At") ?? default, entity.GetString("Kind"), entity.GetString("Actor"), entity.GetString("Text"), entity.GetString("TextZh")));
        }

        return [.. found.OrderBy(t => t.At)];
    }

    static TableEntity ToEntity(string caseId, AssignmentRecord record)
    {
        var a = record.Assignment;
        return new TableEntity(caseId, a.Key)
        {
            ["Department"] = a.Department,
            ["MeasureCode"] = a.MeasureCode,
            ["MeasureVersion"] = a.MeasureVersion,
            ["MeasureName"] = a.MeasureName,
            ["Binding"] = a.Binding.ToString(),
            ["LegalBasis"] = a.LegalBasis,
            ["TargetKey"] = a.Target.Key,
            ["TargetLabel"] = a.Target.Label,
            ["TargetRole"] = a.Target.Role?.ToString(),
            ["Round"] = record.Round,
            ["Deadline"] = Iso(record.Deadline),
            ["Status"] = record.Status.ToString(),
            ["Overdue"] = record.Overdue,
            ["Late"] = record.Late,
            ["Reason"] = record.Reason,
            ["FeedbackDate"] = record.FeedbackDate is { } date ? Iso(date) : null,
            ["Reference"] = record.Reference,
            ["AnsweredAt"] = record.AnsweredAt,
            ["OverdueAt"] = record.OverdueAt,
        };
    }

    static AssignmentRecord ReadAssignment(TableEntity e) => new(
        new Assignment(e.GetString("Department"), e.GetString("MeasureCode"), e.GetInt32("MeasureVersion") ?? 1, e.GetString("MeasureName"),
            Enum.Parse<MeasureBinding>(e.GetString("Binding")), e.GetString("LegalBasis"),
            new CaseTarget(e.GetString("TargetKey"), e.GetString("TargetLabel"), e.GetString("TargetRole") is { } role ? Enum.Parse<ResponsibleRole>(role) : null)),
        e.GetInt32("Round") ?? 1,
        ParseDate(e.GetString("Deadline")),
        Enum.Parse<AssignmentStatus>(e.GetString("Status")),
        e.GetBoolean("Overdue") ?? false,
        e.GetBoolean("Late") ?? false,
        e.GetString("Reason"),
        e.GetString("FeedbackDate") is { } feedbackDate ? ParseDate(feedbackDate) : null,
        e.GetString("Reference"),
        e.GetDateTimeOffset("AnsweredAt"))
    {
        OverdueAt = e.GetDateTimeOffset("OverdueAt"),
    };

    static CaseRecord ReadCase(TableEntity e) => new(
        e.RowKey,
        e.PartitionKey,
        Enum.Parse<ListType>(e.GetString("ListType")),
        e.GetString("SubjectKey"),
        e.GetString("SubjectLabel"),
        e.GetString("SubjectName"),
        Enum.Parse<CaseState>(e.GetString("State")),
        e.GetInt32("Round") ?? 1,
        ParseDate(e.GetString("EndDate")),
        e.GetString("FeedbackDeadline") is { } deadline ? ParseDate(deadline) : null,
        e.GetString("EndReason") is { } reason ? Enum.Parse<CaseEndReason>(reason) : null,
        e.GetDateTimeOffset("OpenedAt") ?? default,
        e.GetDateTimeOffset("UpdatedAt") ?? default,
        (e.GetString("Departments") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
        e.GetString("ReminderDate") is { } reminder ? ParseDate(reminder) : null,
        (e.GetString("Unimplemented") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries));

    static string Iso(DateOnly date) => Records.DateText.ToIso(date);

    static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
