using Credit.Calendar;
using Credit.Identifiers;
using Credit.Records;

namespace Credit.Testing;

/// <summary>Rows of the 双公示 template for tests: a valid penalty row to change one field of at a time.</summary>
public static class Rows
{
    public const string Department = "11110000000021135M";
    public const string OtherDepartment = "11110000MB0000001Y";
    public const string Company = "91110105MA00000012";
    public const string Person = "110105198001010016";

    public static Dictionary<string, string> Penalty(string documentNumber = "京市监罚〔2024〕101号", string subjectCode = Company, string department = Department) => new()
    {
        ["行政相对人名称"] = "北京示例食品有限公司",
        ["行政相对人类别"] = "法人及非法人组织",
        ["统一社会信用代码"] = subjectCode,
        ["法定代表人"] = "张三",
        ["行政处罚决定书文号"] = documentNumber,
        ["违法行为类型"] = "违反食品安全法",
        ["违法事实"] = "销售超过保质期的食品",
        ["处罚依据"] = "《中华人民共和国食品安全法》第一百二十四条",
        ["处罚类别"] = "罚款;没收违法所得",
        ["处罚内容"] = "罚款人民币2.5万元",
        ["罚款金额(万元)"] = "2.5",
        ["处罚决定日期"] = "2024-09-27",
        ["处罚有效期"] = "2027-09-26",
        ["处罚机关"] = "北京市市场监督管理局",
        ["处罚机关统一社会信用代码"] = department,
        ["数据来源单位"] = "北京市市场监督管理局",
        ["数据来源单位统一社会信用代码"] = department,
    };

    /// <summary>A penalty of the natural person <see cref="Person"/> (欧阳娜娜), its ID and mobile number also in the free text.</summary>
    public static Dictionary<string, string> PersonPenalty(string documentNumber, string amount = "2.5") => new(Penalty(documentNumber))
    {
        ["行政相对人名称"] = "欧阳娜娜",
        ["行政相对人类别"] = "自然人",
        ["统一社会信用代码"] = "",
        ["法定代表人"] = "",
        ["证件类型"] = "身份证",
        ["证件号码"] = Person,
        ["违法事实"] = $"当事人（身份证号{Person}，电话13912345678）销售过期食品",
        ["罚款金额(万元)"] = amount,
    };

    /// <summary>A licensing decision of <paramref name="department"/> for the organisation <paramref name="subjectCode"/>, decided on <paramref name="decided"/>.</summary>
    public static Dictionary<string, string> Licence(string documentNumber, string subjectCode, string department, string decided = "2025-04-15") => new()
    {
        ["行政相对人名称"] = "北京示例有限公司", ["行政相对人类别"] = "法人及非法人组织", ["统一社会信用代码"] = subjectCode,
        ["行政许可决定文书名称"] = "许可决定书", ["行政许可决定文书号"] = documentNumber, ["许可类别"] = "普通", ["许可内容"] = "经营许可",
        ["许可决定日期"] = decided, ["有效期自"] = decided, ["有效期至"] = "2030-04-14", ["许可机关"] = "北京市某局",
        ["许可机关统一社会信用代码"] = department, ["当前状态"] = "有效", ["数据来源单位"] = "北京市某局", ["数据来源单位统一社会信用代码"] = department,
    };

    /// <summary>A licence row validated as the intake would on <paramref name="today"/>.</summary>
    public static DisclosureRecord LicenceRecord(IReadOnlyDictionary<string, string> row, string department, DateOnly today, long rowNumber = 2) =>
        new RecordValidator(RecordSchema.License, department, today, WorkingDayCalendar.Default, 7, SubjectKeys).Validate(Raw(RecordSchema.License, rowNumber, row)).Record
            ?? throw new InvalidOperationException($"licence row {rowNumber} rejected");

    /// <summary>A distinct valid 统一社会信用代码 per test, so that tests sharing one Azurite never count each other's records.</summary>
    public static string DepartmentCode(int n)
    {
        var body = $"11110000{n:D9}";
        return body + UnifiedSocialCreditCode.CheckCharacter(body);
    }

    /// <summary>The personal-data key of tests and benchmarks.</summary>
    public static SubjectKeys SubjectKeys { get; } = new(new byte[32]);

    /// <summary>A penalty row validated as the intake would on <paramref name="today"/>; a rejected row throws with its errors.</summary>
    public static DisclosureRecord Record(IReadOnlyDictionary<string, string> row, string department, DateOnly today, long rowNumber = 2)
    {
        var outcome = new RecordValidator(RecordSchema.Penalty, department, today, WorkingDayCalendar.Default, 7, SubjectKeys).Validate(Raw(RecordSchema.Penalty, rowNumber, row));
        return outcome.Record ?? throw new InvalidOperationException($"row {rowNumber} rejected: {string.Join("; ", outcome.Errors.Select(e => e.MessageEn))}");
    }

    /// <summary>A record as the record store gives it back (its personal data revealed); <paramref name="revocation"/>: revoked for that reason.</summary>
    public static Azure.Data.Tables.TableEntity Stored(DisclosureRecord record, string? revocation = null)
    {
        var entity = new Azure.Data.Tables.TableEntity(record.Key.PartitionKey, record.Key.RowKey)
        {
            ["RecordId"] = record.Key.Id, ["Kind"] = record.Kind.ToString(), ["DepartmentCode"] = record.DepartmentCode, ["SubjectName"] = record.SubjectName,
            ["DecisionDate"] = DateText.ToIso(record.DecisionDate), ["RevocationReason"] = revocation,
        };
        foreach (var (code, value) in record.Fields)
        {
            entity[code] = value;
        }

        return entity;
    }

    public static RawRow Raw(RecordSchema schema, long number, IReadOnlyDictionary<string, string> values) =>
        new(number, [.. values.Select(p => new RawCell(p.Key, schema.FieldForHeader(p.Key), p.Value))]);

    public static string Csv(IEnumerable<IReadOnlyDictionary<string, string>> rows)
    {
        var list = rows.ToList();
        var headers = list.SelectMany(r => r.Keys).Distinct().ToList();
        var text = new System.Text.StringBuilder();
        text.AppendJoin(',', headers.Select(Quote)).Append("\r\n");
        foreach (var row in list)
        {
            text.AppendJoin(',', headers.Select(h => Quote(row.GetValueOrDefault(h, "")))).Append("\r\n");
        }

        return text.ToString();
    }

    static string Quote(string value) => value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
