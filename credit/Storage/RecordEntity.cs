using Azure.Data.Tables;
using Credit.Disclosure;
using Credit.Records;

namespace Credit.Storage;

/// <summary>A record as a table entity: its key, its derived fields (deadline, hash, version, upload) and every template column by code.</summary>
public static class RecordEntity
{
    public static TableEntity From(DisclosureRecord record, string uploadId, int version, DateTimeOffset now)
    {
        var entity = new TableEntity(record.Key.PartitionKey, record.Key.RowKey)
        {
            ["RecordId"] = record.Key.Id,
            ["Kind"] = record.Kind.ToString(),
            ["DepartmentCode"] = record.DepartmentCode,
            ["SubjectKey"] = record.SubjectKey,
            ["SubjectName"] = record.SubjectName,
            ["DocumentNumber"] = record.DocumentNumber,
            ["DecisionDate"] = DateText.ToIso(record.DecisionDate),
            ["DisclosureDeadline"] = DateText.ToIso(record.DisclosureDeadline),
            ["DeadlineIsEstimate"] = record.DeadlineIsEstimate,
            [nameof(DisclosureRecord.ContentHash)] = record.ContentHash,
            ["Version"] = version,
            ["UploadId"] = uploadId,
            ["SourceRow"] = record.SourceRow,
            ["SavedAt"] = now,
            // Every new or changed content waits for the next disclosure run.
            [DisclosureState.Property] = DisclosureState.Pending,
        };
        foreach (var (code, value) in record.Fields)
        {
            entity[code] = value;
        }

        return entity;
    }
}
