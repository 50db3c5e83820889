using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Credit.Storage;

namespace Credit.GovernmentIntegrity;

/// <summary>
/// 政务失信 records in table GovernmentRecords, partition = the subject's key (a credit check reads one partition), row =
/// the record's id; the record sealed in column Data (it may name a civil servant) beside the columns the lists filter
/// on: who recorded it and the body.
/// </summary>
public sealed class GovernmentRecordStore(StorageClients storage, PersonalData.DataKeys dataKeys)
{
    const string DataColumn = "Data";
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    readonly TableClient table = storage.Table(StorageNames.GovernmentRecordsTable);

    /// <summary>Stores a new record; the same record again returns the stored one (Created false).</summary>
    public async Task<(GovernmentRecord Record, bool Created)> AddAsync(GovernmentRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(ToEntity(record, await dataKeys.CipherAsync(cancellationToken)), cancellationToken);
            return (record, true);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var stored = await table.GetEntityAsync<TableEntity>(record.SubjectKey, record.Id, cancellationToken: cancellationToken);
            return (Read(stored.Value, await dataKeys.CipherAsync(cancellationToken)), false);
        }
    }

    /// <summary>Every record (the office), or those a department recorded or that are about it or its civil servants; newest first.</summary>
    public Task<IReadOnlyList<GovernmentRecord>> ListAsync(string? department, CancellationToken cancellationToken) =>
        QueryAsync(department is null ? null : TableClient.CreateQueryFilter($"RecordedBy eq {department} or BodyCode eq {department}"), cancellationToken);

    /// <summary>The records about one subject (a body's code, or a person's key): one partition.</summary>
    public Task<IReadOnlyList<GovernmentRecord>> OfSubjectAsync(string subjectKey, CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {subjectKey}"), cancellationToken);

    /// <summary>The public records about a body (its own, in its partition; its civil servants' are not public).</summary>
    public Task<IReadOnlyList<GovernmentRecord>> PublicOfBodyAsync(string bodyCode, CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {bodyCode} and Public eq {true}"), cancellationToken);

    async Task<IReadOnlyList<GovernmentRecord>> QueryAsync(string? filter, CancellationToken cancellationToken)
    {
        var cipher = await dataKeys.CipherAsync(cancellationToken);
        var found = new List<GovernmentRecord>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: [DataColumn], cancellationToken: cancellationToken))
        {
            found.Add(Read(entity, cipher));
        }

        return [.. found.OrderByDescending(r => r.RecordedAt)];
    }

    static TableEntity ToEntity(GovernmentRecord record, PersonalData.FieldCipher cipher) => new(record.SubjectKey, record.Id)
    {
        ["RecordedBy"] = record.RecordedBy,
        ["BodyCode"] = record.BodyCode,
        ["Public"] = record.Public,
        [DataColumn] = cipher.Protect(DataColumn, JsonSerializer.Serialize(record, Json)),
    };

    static GovernmentRecord Read(TableEntity entity, PersonalData.FieldCipher cipher) =>
        JsonSerializer.Deserialize<GovernmentRecord>(cipher.Reveal(DataColumn, entity.GetString(DataColumn)), Json)!;
}
