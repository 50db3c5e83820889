using System.Text.Json.Serialization;

namespace Credit.Lists;

/// <summary>诚信典型红名单 (rewards), 严重失信主体黑名单 (sanctions) or 重点关注名单 (closer supervision of acts short of serious).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ListType>))]
public enum ListType
{
    Red,
    Black,
    Watch,
}

/// <summary>What a subject is, as its identifier tells: a 个体工商户's credit code starts with 92.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SubjectKind>))]
public enum SubjectKind
{
    LegalPerson,
    IndividualBusiness,
    NaturalPerson,
}

/// <summary>落实到人: the persons a legal person's case extends to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ResponsibleRole>))]
public enum ResponsibleRole
{
    /// <summary>法定代表人</summary>
    LegalRepresentative,
    /// <summary>主要负责人</summary>
    PrincipalOfficer,
    /// <summary>实际控制人</summary>
    ActualController,
    /// <summary>直接责任人员</summary>
    DirectlyResponsible,
}

public static class ListVocabulary
{
    public static readonly IReadOnlyDictionary<string, ListType> ListTypes = new Dictionary<string, ListType>(StringComparer.OrdinalIgnoreCase)
    {
        ["red"] = ListType.Red, ["红名单"] = ListType.Red,
        ["black"] = ListType.Black, ["黑名单"] = ListType.Black,
        ["watch"] = ListType.Watch, ["重点关注名单"] = ListType.Watch,
    };

    public static readonly IReadOnlyDictionary<string, ResponsibleRole> Roles = new Dictionary<string, ResponsibleRole>(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(ResponsibleRole.LegalRepresentative)] = ResponsibleRole.LegalRepresentative, ["法定代表人"] = ResponsibleRole.LegalRepresentative,
        [nameof(ResponsibleRole.PrincipalOfficer)] = ResponsibleRole.PrincipalOfficer, ["主要负责人"] = ResponsibleRole.PrincipalOfficer,
        [nameof(ResponsibleRole.ActualController)] = ResponsibleRole.ActualController, ["实际控制人"] = ResponsibleRole.ActualController,
        [nameof(ResponsibleRole.DirectlyResponsible)] = ResponsibleRole.DirectlyResponsible, ["直接责任人员"] = ResponsibleRole.DirectlyResponsible,
    };

    /// <summary>The fields (领域) of DOMAIN.md.</summary>
    public static readonly IReadOnlySet<string> Fields = new HashSet<string>(StringComparer.Ordinal)
    {
        "食品药品", "安全生产", "消防安全", "交通安全", "环境保护", "生物安全", "产品质量", "税收缴纳", "医疗卫生", "劳动保障",
        "工程建设", "金融服务", "知识产权", "司法诉讼", "电子商务", "互联网", "创新创业", "旅游文化", "志愿服务",
    };

    public static string ZhName(this ResponsibleRole role) => role switch
    {
        ResponsibleRole.LegalRepresentative => "法定代表人",
        ResponsibleRole.PrincipalOfficer => "主要负责人",
        ResponsibleRole.ActualController => "实际控制人",
        _ => "直接责任人员",
    };

    public static string ZhName(this ListType type) => type switch
    {
        ListType.Red => "红名单",
        ListType.Black => "黑名单",
        _ => "重点关注名单",
    };

    /// <summary>Whether the list marks a subject as untrustworthy (black or watch): its red entries give no incentive.</summary>
    public static bool MarksDishonesty(this ListType type) => type != ListType.Red;

    public static SubjectKind KindOf(string subjectCode) =>
        subjectCode.Length == Identifiers.UnifiedSocialCreditCode.Length && Identifiers.UnifiedSocialCreditCode.IsValid(subjectCode)
            ? subjectCode.StartsWith("92", StringComparison.Ordinal) ? SubjectKind.IndividualBusiness : SubjectKind.LegalPerson
            : SubjectKind.NaturalPerson;
}
