namespace Credit.Records;

/// <summary>The enumerations of the template that a row is checked against.</summary>
public static class Enumerations
{
    public const string LegalPerson = "法人及非法人组织";
    public const string NaturalPerson = "自然人";
    public const string IndividualBusiness = "个体工商户";

    public static readonly IReadOnlyList<string> SubjectCategories = [LegalPerson, NaturalPerson, IndividualBusiness];

    public static readonly IReadOnlyList<string> PenaltyCategories =
    [
        "警告", "通报批评", "罚款", "没收违法所得", "没收非法财物", "暂扣许可证件", "降低资质等级", "吊销许可证件",
        "限制开展生产经营活动", "责令停产停业", "责令关闭", "限制从业", "行政拘留", "其他",
    ];

    /// <summary>Separators departments use between several penalty categories in one cell.</summary>
    public static readonly char[] ListSeparators = [';', '；', '、', ',', '，', '|'];

    /// <summary>当前状态 values of a licensing decision that has been revoked or has otherwise ended: it leaves public view.</summary>
    public static readonly IReadOnlyList<string> EndedLicenceStates = ["撤销", "已撤销", "注销", "已注销", "吊销", "已吊销", "撤回", "已撤回", "无效", "失效"];

    public static readonly IReadOnlyList<string> ResidentIdTypes = ["身份证", "居民身份证", "公民身份号码", "中华人民共和国居民身份证"];
}
