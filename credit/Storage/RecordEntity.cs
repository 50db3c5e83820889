using Azure.Data.Tables;
using Credit.Disclosure;
using Credit.Records;

namespace Credit.Storage;

/// <summary>A record as a table entity: its key, its derived fields (deadline, hash, version, upload) and every template column by code.</summary>
public static class RecordEntity
{
    /// <summary>The row of a record, a natural person's data sealed column by column (<see cref="PersonalData.FieldCipher"/>).</summary>
    public static TableEntity From(DisclosureRecord record, string uploadId, int version, DateTimeOffset now, PersonalData.FieldCipher cipher)
    {
        var schema = RecordSchema.For(record.Kind);
        var naturalPerson = record.Fields.GetValueOrDefault(schema.SubjectCategory) == Enumerations.NaturalPerson;
        string Stored(string column, string value) =>
            schema.PersonalFields.Contains(column) || (naturalPerson && column == schema.SubjectName) ? cipher.Protect(column, value) : value;

        var entity = new TableEntity(record.Key.PartitionKey, record.Key.RowKey)
        {
            ["RecordId"] = record.Key.Id,
            ["Kind"] = record.Kind.ToString(),
            ["DepartmentCode"] = record.DepartmentCode,
            ["SubjectKey"] = record.SubjectKey,
            ["SubjectName"] = naturalPerson ? cipher.Protect("SubjectName", record.SubjectName) : record.SubjectName,
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
            entity[code] = Stored(code, value);
        }

        return entity;
    }

    /// <summary>Opens the sealed values of a row read from the table, in place.</summary>
    public static TableEntity Revealed(TableEntity entity, PersonalData.FieldCipher cipher)
    {
        foreach (var (column, value) in entity.ToList())
        {
            if (value is string text && PersonalData.FieldCipher.IsProtected(text))
            {
                entity[column] = cipher.Reveal(column, text);
            }
        }

        return entity;
    }
}
