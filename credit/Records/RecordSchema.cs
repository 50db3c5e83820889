using System.Collections.Frozen;

namespace Credit.Records;

/// <summary>
/// The columns of a kind of record, with the roles the rules need (subject, document number, decision date…).
/// Lengths are those of the national 双公示 data standard (国家信用信息共享平台 行政许可/行政处罚信息数据标准) where it sets
/// one — names and authorities 200, document numbers 128 (penalty) / 64 (licence), 违法事实 5,000, 处罚内容 and
/// 许可内容 4,000, 备注 512 — and <see cref="TextRules.DefaultMaxLength"/> elsewhere.
/// </summary>
public sealed class RecordSchema
{
    RecordSchema(RecordKind kind, string prefix, IReadOnlyList<FieldSpec> specific, string documentNumberCode, string decisionDateCode, string sourceDepartmentCodeField)
    {
        Kind = kind;
        Fields = [.. SubjectFields(prefix), .. specific, new FieldSpec("BZ", "备注", false, MaxLength: 512, MultiLine: true)];
        DocumentNumber = documentNumberCode;
        DecisionDate = decisionDateCode;
        SourceDepartmentCode = sourceDepartmentCodeField;
        SubjectName = prefix + "XDR_MC";
        SubjectCategory = prefix + "XDR_LB";
        SubjectCreditCode = prefix + "XDR_SHXYM";
        SubjectIdType = prefix + "XDR_ZJLX";
        SubjectIdNumber = prefix + "XDR_ZJHM";
        RepresentativeIdType = prefix + "FR_ZJLX";
        RepresentativeIdNumber = prefix + "FR_ZJHM";
        RepresentativeName = prefix + "FRDB";
        PersonalFields = Fields.Where(f => f.IsPersonalId || f.MultiLine || f.Code == RepresentativeName).Select(f => f.Code).ToFrozenSet(StringComparer.Ordinal);
        byHeader = Fields
            .SelectMany(f => new[] { (Key: HeaderText.Normalize(f.Name), Field: f), (Key: HeaderText.Normalize(f.Code), Field: f) })
            .ToFrozenDictionary(p => p.Key, p => p.Field, StringComparer.OrdinalIgnoreCase);
    }

    readonly FrozenDictionary<string, FieldSpec> byHeader;

    public RecordKind Kind { get; }
    public IReadOnlyList<FieldSpec> Fields { get; }
    public string DocumentNumber { get; }
    public string DecisionDate { get; }
    public string SourceDepartmentCode { get; }
    public string SubjectName { get; }
    public string SubjectCategory { get; }
    public string SubjectCreditCode { get; }
    public string SubjectIdType { get; }
    public string SubjectIdNumber { get; }
    public string RepresentativeIdType { get; }
    public string RepresentativeIdNumber { get; }
    public string RepresentativeName { get; }

    /// <summary>The columns that hold a natural person's data whoever the subject is: ID numbers, the representative's name, free text.</summary>
    public FrozenSet<string> PersonalFields { get; }

    public static RecordSchema Penalty { get; } = new(
        RecordKind.Penalty,
        "CF_",
        [
            new("CF_WSH", "行政处罚决定书文号", true, MaxLength: 128),
            new("CF_WFXW", "违法行为类型", true, MaxLength: 2000, MultiLine: true),
            new("CF_SY", "违法事实", true, MaxLength: 5000, MultiLine: true),
            new("CF_YJ", "处罚依据", true, MaxLength: 2048, MultiLine: true),
            new("CF_CFLB", "处罚类别", true, FieldType.PenaltyCategories, MaxLength: 256),
            new("CF_NR", "处罚内容", true, MaxLength: 4000, MultiLine: true),
            new("CF_NR_FK", "罚款金额(万元)", false, FieldType.Amount, MaxLength: 32),
            new("CF_NR_WFFF", "没收违法所得没收非法财物的金额(万元)", false, FieldType.Amount, MaxLength: 32),
            new("CF_NR_ZKDX", "暂扣或吊销证照名称及编号", false, MaxLength: 200),
            new("CF_JDRQ", "处罚决定日期", true, FieldType.Date, MaxLength: 32),
            new("CF_YXQ", "处罚有效期", true, FieldType.DateOrIndefinite, MaxLength: 32),
            new("CF_GSJZQ", "公示截止期", false, FieldType.Date, MaxLength: 32),
            new("CF_CFJG", "处罚机关", true, MaxLength: 200),
            new("CF_CFJGDM", "处罚机关统一社会信用代码", true, FieldType.CreditCode, MaxLength: 18),
            new("CF_SJLY", "数据来源单位", true, MaxLength: 200),
            new("CF_SJLYDM", "数据来源单位统一社会信用代码", true, FieldType.CreditCode, MaxLength: 18),
        ],
        documentNumberCode: "CF_WSH",
        decisionDateCode: "CF_JDRQ",
        sourceDepartmentCodeField: "CF_SJLYDM");

    public static RecordSchema License { get; } = new(
        RecordKind.License,
        "XK_",
        [
            new("XK_XKWS", "行政许可决定文书名称", true, MaxLength: 64),
            new("XK_WSH", "行政许可决定文书号", true, MaxLength: 64),
            new("XK_XKLB", "许可类别", true, MaxLength: 256),
            new("XK_XKZS", "许可证书名称", false, MaxLength: 64),
            new("XK_XKBH", "许可编号", false, MaxLength: 64),
            new("XK_NR", "许可内容", true, MaxLength: 4000, MultiLine: true),
            new("XK_JDRQ", "许可决定日期", true, FieldType.Date, MaxLength: 32),
            new("XK_YXQZ", "有效期自", true, FieldType.Date, MaxLength: 32),
            new("XK_YXQZI", "有效期至", true, FieldType.DateOrIndefinite, MaxLength: 32),
            new("XK_XKJG", "许可机关", true, MaxLength: 200),
            new("XK_XKJGDM", "许可机关统一社会信用代码", true, FieldType.CreditCode, MaxLength: 18),
            new("XK_ZT", "当前状态", true, MaxLength: 32),
            new("XK_LYDW", "数据来源单位", true, MaxLength: 200),
            new("XK_LYDWDM", "数据来源单位统一社会信用代码", true, FieldType.CreditCode, MaxLength: 18),
        ],
        documentNumberCode: "XK_WSH",
        decisionDateCode: "XK_JDRQ",
        sourceDepartmentCodeField: "XK_LYDWDM");

    public static RecordSchema For(RecordKind kind) => kind switch
    {
        RecordKind.Penalty => Penalty,
        RecordKind.License => License,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "list and exchange entries and commitments have no 双公示 schema: see Lists.ListEntryColumns, Exchange.ImportedEntryColumns, Commitments.CommitmentColumns"),
    };

    /// <summary>The field a header of a file of <paramref name="kind"/> names, or null.</summary>
    public static FieldSpec? FieldForHeader(RecordKind kind, string header) =>
        kind switch
        {
            RecordKind.ListEntry => Lists.ListEntryColumns.FieldForHeader(header),
            RecordKind.ExchangeEntry => Exchange.ImportedEntryColumns.FieldForHeader(header),
            RecordKind.Commitment => Commitments.CommitmentColumns.FieldForHeader(header),
            _ => For(kind).FieldForHeader(header),
        };

    /// <summary>The field a header names, by its Chinese name or its template code; null for a column the template does not have.</summary>
    public FieldSpec? FieldForHeader(string header) => byHeader.GetValueOrDefault(HeaderText.Normalize(header));

    /// <summary>The kind whose decision document number column appears among the headers (a list file: list type and decision document; an exchange file: the source's id and list kind), or null when none or both do.</summary>
    public static RecordKind? Recognise(IEnumerable<string> headers)
    {
        var list = headers.ToList();
        var penalty = list.Any(h => Penalty.FieldForHeader(h)?.Code == Penalty.DocumentNumber);
        var license = list.Any(h => License.FieldForHeader(h)?.Code == License.DocumentNumber);
        return (penalty, license) switch
        {
            (true, false) => RecordKind.Penalty,
            (false, true) => RecordKind.License,
            (false, false) when Lists.ListEntryColumns.Recognise(list) => RecordKind.ListEntry,
            (false, false) when Exchange.ImportedEntryColumns.Recognise(list) => RecordKind.ExchangeEntry,
            (false, false) when Commitments.CommitmentColumns.Recognise(list) => RecordKind.Commitment,
            _ => null,
        };
    }

    static IEnumerable<FieldSpec> SubjectFields(string p) =>
    [
        new(p + "XDR_MC", "行政相对人名称", true, MaxLength: 200),
        new(p + "XDR_LB", "行政相对人类别", true, FieldType.SubjectCategory, MaxLength: 16),
        new(p + "XDR_SHXYM", "统一社会信用代码", false, FieldType.CreditCode, MaxLength: 18),
        new(p + "XDR_GSZC", "工商注册号", false, MaxLength: 50),
        new(p + "XDR_ZZJG", "组织机构代码", false, MaxLength: 9),
        new(p + "XDR_SWDJ", "税务登记号", false, MaxLength: 15),
        new(p + "XDR_SYDW", "事业单位证书号", false, MaxLength: 12),
        new(p + "XDR_SHZZ", "社会组织登记证号", false, MaxLength: 50),
        new(p + "FRDB", "法定代表人", false, MaxLength: 50),
        new(p + "FR_ZJLX", "法定代表人证件类型", false, MaxLength: 64),
        new(p + "FR_ZJHM", "法定代表人证件号码", false, IsPersonalId: true, MaxLength: 64),
        new(p + "XDR_ZJLX", "证件类型", false, MaxLength: 64),
        new(p + "XDR_ZJHM", "证件号码", false, IsPersonalId: true, MaxLength: 64),
    ];
}
