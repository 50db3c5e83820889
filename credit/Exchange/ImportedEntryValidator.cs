using Credit.Identifiers;
using Credit.Lists;
using Credit.Records;

namespace Credit.Exchange;

/// <summary>
/// The rules of a row of an exchange file (docs/exchange.md): required fields, text limits, a list kind the source
/// sends, a subject code that passes its check, dates. Every problem of a row is reported, in Chinese and English,
/// under the header the file used.
/// </summary>
public sealed class ImportedEntryValidator(SubjectKeys subjectKeys)
{
    public (ImportedEntry? Entry, IReadOnlyList<RowError> Errors) Validate(ExchangeSource source, RawRow row, DateOnly today)
    {
        var errors = new List<RowError>();
        var values = new Dictionary<string, (string Header, string Value)>(StringComparer.Ordinal);
        foreach (var cell in row.Cells)
        {
            if (cell.Field is { } field)
            {
                values[field.Code] = (cell.Header, cell.Value.Trim());
            }
        }

        void Fail(string code, string? value, string reason, string zh, string en) =>
            errors.Add(new RowError(row.Number, values.TryGetValue(code, out var v) ? v.Header : code, value, reason, zh, en));

        string? Text(string code)
        {
            var field = ImportedEntryColumns.Fields.First(f => f.Code == code);
            var value = values.TryGetValue(code, out var v) && v.Value.Length > 0 ? v.Value : null;
            if (value is null)
            {
                if (field.Required)
                {
                    Fail(code, null, "REQUIRED", $"{field.Name}为必填项", $"{field} is required");
                }

                return null;
            }

            if (field.Type == FieldType.Text && TextRules.Check(row.Number, values[code].Header, field.Name, value, field.MaxLength, field.MultiLine) is { } invalid)
            {
                errors.Add(invalid);
                return null;
            }

            return value;
        }

        DateOnly? Date(string code)
        {
            if (Text(code) is not { } text)
            {
                return null;
            }

            if (DateText.TryParse(text, out var date))
            {
                return date;
            }

            Fail(code, text, "INVALID_DATE", DateText.RuleZh, DateText.RuleEn);
            return null;
        }

        var sourceId = Text(ImportedEntryColumns.SourceId);
        var kindCode = Text(ImportedEntryColumns.ListKind);
        var kind = kindCode is null ? null : source.Kind(kindCode);
        if (kindCode is not null && kind is null)
        {
            var known = string.Join("、", source.ListKinds.Select(k => $"{k.Code}（{k.Name}）"));
            Fail(ImportedEntryColumns.ListKind, kindCode, "UNKNOWN_LIST_KIND", $"来源{source.Code}没有名单种类“{kindCode}”，应为：{known}",
                $"source {source.Code} sends no list kind '{kindCode}'; it sends: {string.Join(", ", source.ListKinds.Select(k => k.Code))}");
        }

        var name = Text(ImportedEntryColumns.SubjectName);
        var code = Text(ImportedEntryColumns.SubjectCode)?.ToUpperInvariant();
        var (subjectKey, subjectKind, label) = (string.Empty, SubjectKind.LegalPerson, string.Empty);
        if (code is not null)
        {
            switch (SubjectKeys.KindOf(code))
            {
                case CodeKind.Organisation:
                    (subjectKey, subjectKind, label) = (code, ListVocabulary.KindOf(code), code);
                    break;
                case CodeKind.Person:
                    (subjectKey, subjectKind, label) = (subjectKeys.ForPerson(code), SubjectKind.NaturalPerson, ResidentIdNumber.Mask(code));
                    break;
                default:
                    var check = SubjectKeys.WhyNot(code);
                    Fail(ImportedEntryColumns.SubjectCode, code, check.ReasonCode!, $"主体代码：{check.MessageZh}", $"subject code: {check.MessageEn}");
                    break;
            }
        }

        var authority = Text(ImportedEntryColumns.ListingAuthority);
        var legalBasis = Text(ImportedEntryColumns.LegalBasis);
        var document = Text(ImportedEntryColumns.DecisionDocument);
        var conduct = Text(ImportedEntryColumns.Conduct);
        var start = Date(ImportedEntryColumns.StartDate);
        var end = Date(ImportedEntryColumns.EndDate);
        if (start is { } from && end is { } to && to < from)
        {
            Fail(ImportedEntryColumns.EndDate, DateText.ToIso(to), "END_BEFORE_START", $"移出日期早于列入日期（{DateText.ToIso(from)}）", $"the removal date is before the listing date ({DateText.ToIso(from)})");
        }

        var state = Text(ImportedEntryColumns.State);
        if (state is not null and not ImportedEntryColumns.InForce and not ImportedEntryColumns.Removed)
        {
            Fail(ImportedEntryColumns.State, state, "INVALID_STATE", $"状态应为“{ImportedEntryColumns.InForce}”或“{ImportedEntryColumns.Removed}”",
                $"the state must be {ImportedEntryColumns.InForce} (in force) or {ImportedEntryColumns.Removed} (removed)");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var removedOn = state == ImportedEntryColumns.Removed ? end ?? today : (DateOnly?)null;
        return (new ImportedEntry(
            source.Code, sourceId!, kind!.Code, kind.ListType, subjectKey, label,
            subjectKind == SubjectKind.NaturalPerson ? PersonalDataMasking.MaskName(name!) : name!, subjectKind,
            authority!, legalBasis, document, conduct, start!.Value, end, removedOn, kind.Public, source.Version, new SubjectAsRead(code!, name!)), errors);
    }
}
