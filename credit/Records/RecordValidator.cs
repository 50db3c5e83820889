using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Credit.Calendar;
using Credit.Identifiers;

namespace Credit.Records;

/// <summary>
/// A row as read from a file: its number and its cells, each with the header it stood under and the field that
/// header names; <see cref="Malformed"/> where the file's structure, not a value, makes the row unreadable.
/// </summary>
public sealed record RawRow(long Number, IReadOnlyList<RawCell> Cells, RowError? Malformed = null);

public sealed record RawCell(string Header, FieldSpec? Field, string Value);

/// <summary>Either the accepted record or every reason the row was rejected.</summary>
public sealed record RowOutcome(DisclosureRecord? Record, IReadOnlyList<RowError> Errors);

/// <summary>
/// The rules of the 双公示 template: required fields, identifier check characters, enumerations, dates,
/// amounts, a decision not in the future, and a source department equal to the uploader.
/// </summary>
public sealed class RecordValidator(RecordSchema schema, string departmentCode, DateOnly today, WorkingDayCalendar calendar, int disclosureWorkingDays, SubjectKeys subjectKeys, decimal maxAmount = RecordValidator.DefaultMaxAmount)
{
    /// <summary>In 万元; <see cref="Intake.IntakeOptions.MaxAmount"/> sets it.</summary>
    public const decimal DefaultMaxAmount = 10_000_000m;

    /// <summary>Decimal places of an amount in 万元 (to the fen: 0.000001 万元).</summary>
    const int AmountScale = 6;

    public RowOutcome Validate(RawRow row)
    {
        if (row.Malformed is { } malformed)
        {
            return new RowOutcome(null, [malformed]);
        }

        var errors = new List<RowError>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cell in row.Cells)
        {
            if (cell.Field is null)
            {
                continue;
            }

            headers[cell.Field.Code] = cell.Header;
            var value = cell.Value.Trim();
            if (value.Length > 0)
            {
                values[cell.Field.Code] = value;
            }
        }

        foreach (var field in schema.Fields)
        {
            var column = headers.GetValueOrDefault(field.Code, field.Name);
            if (!values.TryGetValue(field.Code, out var value))
            {
                if (field.Required)
                {
                    errors.Add(Error(row, column, null, "REQUIRED_FIELD_MISSING", $"必填项“{field.Name}”为空", $"the required field {field.Name} ({field.Code}) is empty"));
                }

                continue;
            }

            if ((TextRules.Check(row.Number, column, field.Name, value, field.MaxLength, field.MultiLine) ?? CheckField(row, field, column, value)) is { } error)
            {
                errors.Add(error);
            }
            else
            {
                values[field.Code] = Normalise(field, value);
            }
        }

        CheckSubject(row, values, headers, errors);
        CheckSourceDepartment(row, values, headers, errors);
        var decisionDate = CheckDecisionDate(row, values, headers, errors);

        if (errors.Count > 0 || decisionDate is null)
        {
            return new RowOutcome(null, errors);
        }

        var subjectKey = values.TryGetValue(schema.SubjectCreditCode, out var creditCode)
            ? creditCode
            : subjectKeys.ForPerson(values[schema.SubjectIdNumber]);
        var documentNumber = values[schema.DocumentNumber];
        var deadline = calendar.AddWorkingDays(decisionDate.Value, disclosureWorkingDays);
        return new RowOutcome(
            new DisclosureRecord(
                RecordKey.For(departmentCode, schema.Kind, documentNumber, subjectKey, subjectKeys),
                schema.Kind,
                departmentCode,
                subjectKey,
                values[schema.SubjectName],
                documentNumber,
                decisionDate.Value,
                deadline.Date,
                deadline.IsEstimate,
                values,
                ContentHash(values),
                row.Number),
            errors);
    }

    RowError? CheckField(RawRow row, FieldSpec field, string column, string value)
    {
        switch (field.Type)
        {
            case FieldType.CreditCode:
                var uscc = UnifiedSocialCreditCode.Check(value);
                return uscc.IsValid ? null : Error(row, column, value, uscc.ReasonCode!, $"{field.Name}：{uscc.MessageZh}", $"{field.Name} ({field.Code}): {uscc.MessageEn}");
            case FieldType.Date:
            case FieldType.DateOrIndefinite:
                if (DateText.TryParse(value, out _) || (field.Type == FieldType.DateOrIndefinite && value == DateText.Indefinite))
                {
                    return null;
                }

                return Error(row, column, value, "INVALID_DATE",
                    $"{field.Name}“{value}”不是有效日期（应为{DateText.EarliestText}至{DateText.LatestText}之间，写作2017-03-31、2017/3/31或2017年3月31日）",
                    $"{field.Name} ({field.Code}) '{value}' is not a valid date (between {DateText.EarliestText} and {DateText.LatestText}, written 2017-03-31, 2017/3/31 or 2017年3月31日)");
            case FieldType.Amount:
                if (!decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var amount))
                {
                    return Error(row, column, value, "INVALID_AMOUNT", $"{field.Name}“{value}”不是数字", $"{field.Name} ({field.Code}) '{value}' is not a number");
                }

                return amount < 0 ? Error(row, column, value, "NEGATIVE_AMOUNT", $"{field.Name}不能为负数：{value}", $"{field.Name} ({field.Code}) must not be negative: {value}")
                    : amount > maxAmount ? Error(row, column, value, "AMOUNT_TOO_LARGE",
                        $"{field.Name}{value}万元超过上限{maxAmount:0.######}万元，请检查是否填错列", $"{field.Name} ({field.Code}) {value} (10,000 yuan) is above the maximum of {maxAmount:0.######}: check the column")
                    : amount.Scale > AmountScale ? Error(row, column, value, "INVALID_AMOUNT",
                        $"{field.Name}“{value}”小数位过多（最多{AmountScale}位）", $"{field.Name} ({field.Code}) '{value}' has more than {AmountScale} decimal places")
                    : null;
            case FieldType.SubjectCategory:
                return Enumerations.SubjectCategories.Contains(value)
                    ? null
                    : Error(row, column, value, "INVALID_SUBJECT_CATEGORY",
                        $"行政相对人类别“{value}”无效，应为：{string.Join("、", Enumerations.SubjectCategories)}",
                        $"subject category '{value}' is not one of: {string.Join(", ", Enumerations.SubjectCategories)}");
            case FieldType.PenaltyCategories:
                var unknown = value.Split(Enumerations.ListSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Where(c => !Enumerations.PenaltyCategories.Contains(c)).ToList();
                return unknown.Count == 0
                    ? null
                    : Error(row, column, value, "INVALID_PENALTY_CATEGORY",
                        $"处罚类别“{string.Join("、", unknown)}”无效，应为：{string.Join("、", Enumerations.PenaltyCategories)}",
                        $"penalty category '{string.Join(", ", unknown)}' is not one of the categories of the template ({string.Join(", ", Enumerations.PenaltyCategories)})");
            default:
                return null;
        }
    }

    void CheckSubject(RawRow row, Dictionary<string, string> values, Dictionary<string, string> headers, List<RowError> errors)
    {
        if (!values.TryGetValue(schema.SubjectCategory, out var category) || !Enumerations.SubjectCategories.Contains(category))
        {
            return;
        }

        if (category == Enumerations.NaturalPerson)
        {
            if (!values.TryGetValue(schema.SubjectIdType, out var idType))
            {
                errors.Add(Error(row, Column(headers, schema.SubjectIdType, "证件类型"), null, "NATURAL_PERSON_ID_REQUIRED", "行政相对人为自然人时，证件类型必填", "a natural person needs an ID type (证件类型)"));
            }

            if (!values.TryGetValue(schema.SubjectIdNumber, out var idNumber))
            {
                errors.Add(Error(row, Column(headers, schema.SubjectIdNumber, "证件号码"), null, "NATURAL_PERSON_ID_REQUIRED", "行政相对人为自然人时，证件号码必填", "a natural person needs an ID number (证件号码)"));
                return;
            }

            if (idType is not null && !Enumerations.ResidentIdTypes.Contains(idType))
            {
                errors.Add(Error(row, Column(headers, schema.SubjectIdType, "证件类型"), idType, "UNSUPPORTED_ID_TYPE",
                    $"证件类型“{idType}”暂不支持，应为居民身份证", $"ID type '{idType}' is not supported; use 身份证 (resident ID)"));
                return;
            }

            var check = ResidentIdNumber.Check(idNumber);
            if (!check.IsValid)
            {
                errors.Add(Error(row, Column(headers, schema.SubjectIdNumber, "证件号码"), ResidentIdNumber.Mask(idNumber), check.ReasonCode!, check.MessageZh, check.MessageEn));
            }
        }
        else if (!values.ContainsKey(schema.SubjectCreditCode) && !errors.Any(e => e.Column == Column(headers, schema.SubjectCreditCode, "统一社会信用代码")))
        {
            errors.Add(Error(row, Column(headers, schema.SubjectCreditCode, "统一社会信用代码"), null, "CREDIT_CODE_REQUIRED",
                $"行政相对人为{category}时，统一社会信用代码必填", $"a subject of category {category} needs its unified social credit code"));
        }

        if (values.TryGetValue(schema.RepresentativeIdNumber, out var representativeId)
            && Enumerations.ResidentIdTypes.Contains(values.GetValueOrDefault(schema.RepresentativeIdType, "身份证")))
        {
            var check = ResidentIdNumber.Check(representativeId);
            if (!check.IsValid)
            {
                errors.Add(Error(row, Column(headers, schema.RepresentativeIdNumber, "法定代表人证件号码"), ResidentIdNumber.Mask(representativeId), check.ReasonCode!, $"法定代表人{check.MessageZh}", $"legal representative: {check.MessageEn}"));
            }
        }
    }

    void CheckSourceDepartment(RawRow row, Dictionary<string, string> values, Dictionary<string, string> headers, List<RowError> errors)
    {
        if (values.TryGetValue(schema.SourceDepartmentCode, out var source) && UnifiedSocialCreditCode.IsValid(source) && source != departmentCode)
        {
            errors.Add(Error(row, Column(headers, schema.SourceDepartmentCode, "数据来源单位统一社会信用代码"), source, "SOURCE_DEPARTMENT_MISMATCH",
                $"数据来源单位统一社会信用代码{source}与上传单位{departmentCode}不一致",
                $"the source department code {source} differs from the uploading department {departmentCode}"));
        }
    }

    DateOnly? CheckDecisionDate(RawRow row, Dictionary<string, string> values, Dictionary<string, string> headers, List<RowError> errors)
    {
        if (!values.TryGetValue(schema.DecisionDate, out var text) || !DateText.TryParse(text, out var date))
        {
            return null;
        }

        if (date > today)
        {
            errors.Add(Error(row, Column(headers, schema.DecisionDate, "决定日期"), text, "DECISION_DATE_IN_FUTURE",
                $"决定日期{text}晚于今天（{DateText.ToIso(today)}）", $"the decision date {text} is after today ({DateText.ToIso(today)})"));
            return null;
        }

        return date;
    }

    static string Normalise(FieldSpec field, string value) =>
        field.Type is FieldType.Date or FieldType.DateOrIndefinite && DateText.TryParse(value, out var date) ? DateText.ToIso(date) : value;

    static string Column(Dictionary<string, string> headers, string code, string fallback) => headers.GetValueOrDefault(code, fallback);

    static RowError Error(RawRow row, string? column, string? value, string code, string zh, string en) => new(row.Number, column, value, code, zh, en);

    static string ContentHash(Dictionary<string, string> values)
    {
        var text = new StringBuilder();
        foreach (var (code, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(code).Append('=').Append(value).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
