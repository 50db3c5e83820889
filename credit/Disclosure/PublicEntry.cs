using Credit.Identifiers;
using Credit.Records;

namespace Credit.Disclosure;

/// <summary>
/// The public copy of a record: personal data masked (a resident ID keeps at most its first 6 and last 4
/// characters, a natural person's name only its surname, ID and mobile numbers in free text masked the same way),
/// the legal representative's ID dropped, and the day a penalty leaves public view.
/// </summary>
public sealed record PublicEntry(
    string RecordId,
    RecordKind Kind,
    string DepartmentCode,
    string SubjectKey,
    string SubjectName,
    string DocumentNumber,
    DateOnly DecisionDate,
    DateOnly DisclosureDeadline,
    DateOnly? WithdrawOn,
    IReadOnlyDictionary<string, string> Fields,
    bool DeadlineIsEstimate = false)
{
    public static PublicEntry From(DisclosureRecord record, DisclosureOptions options)
    {
        var schema = RecordSchema.For(record.Kind);
        var naturalPerson = record.Fields.GetValueOrDefault(schema.SubjectCategory) == Enumerations.NaturalPerson;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in schema.Fields)
        {
            if (!record.Fields.TryGetValue(field.Code, out var value) || field.Code == schema.RepresentativeIdNumber || field.Code == schema.RepresentativeIdType)
            {
                continue;
            }

            fields[field.Code] = field.IsPersonalId ? ResidentIdNumber.Mask(value)
                : field.Code == schema.SubjectName && naturalPerson ? PersonalDataMasking.MaskName(value)
                : field.MultiLine ? PersonalDataMasking.MaskFreeText(value)
                : value;
        }

        return new PublicEntry(
            record.Key.Id, record.Kind, record.DepartmentCode, record.SubjectKey,
            naturalPerson ? PersonalDataMasking.MaskName(record.SubjectName) : record.SubjectName,
            record.DocumentNumber, record.DecisionDate, record.DisclosureDeadline,
            record.Kind == RecordKind.Penalty ? PublicityPeriod.Of(record, options).End : null,
            fields,
            record.DeadlineIsEstimate);
    }
}
