namespace Credit.Disclosure;

/// <summary>Settings of disclosure (section "Disclosure"). The law's numbers are defaults, not constants.</summary>
public sealed class DisclosureOptions
{
    public const string Section = "Disclosure";

    /// <summary>How long a penalty stays public when its file gives no 公示截止期: general violations.</summary>
    public int GeneralPeriodMonths { get; set; } = 12;

    /// <summary>… serious violations.</summary>
    public int SeriousPeriodMonths { get; set; } = 36;

    /// <summary>The least a penalty stays public whatever its file says (DOMAIN.md: general 3 months, serious 1 year).</summary>
    public int GeneralMinimumMonths { get; set; } = 3;

    public int SeriousMinimumMonths { get; set; } = 12;

    /// <summary>The most a penalty stays public whatever its file says (北京市优化营商环境条例 Art. 73: general 1 year, serious 3 years).</summary>
    public int GeneralMaximumMonths { get; set; } = 12;

    public int SeriousMaximumMonths { get; set; } = 36;

    /// <summary>处罚类别 that make a penalty serious, separated by commas (one app setting).</summary>
    public string SeriousCategories { get; set; } = "吊销许可证件,责令关闭,责令停产停业,限制开展生产经营活动,限制从业,降低资质等级,行政拘留";

    /// <summary>
    /// 处罚类别 of a minor (轻微) penalty, separated by commas: a penalty of these only, or with a fine below
    /// <see cref="MinorFineBelowTenThousandYuan"/>, stays public <see cref="MinorPeriodMonths"/> (发改办财金〔2019〕527号:
    /// 轻微失信行为 three months; what counts as a 较低数额 fine it leaves to each field, hence a setting).
    /// </summary>
    public string MinorCategories { get; set; } = "警告,通报批评";

    /// <summary>A fine below this many 万元 (default 0.1, i.e. 1,000 yuan) is a minor one.</summary>
    public decimal MinorFineBelowTenThousandYuan { get; set; } = 0.1m;

    public int MinorPeriodMonths { get; set; } = 3;

    public bool IsSerious(string category) => SeriousCategories.Split(',', StringSplitOptions.TrimEntries).Contains(category);

    /// <summary>Whether a 处罚类别 cell (one or several categories) names a serious one.</summary>
    public bool IsSeriousPenalty(IReadOnlyDictionary<string, string> fields) => Categories(fields).Any(IsSerious);

    /// <summary>Whether every category of the penalty is a minor one (a fine only when its amount is below the minor threshold).</summary>
    public bool IsMinorPenalty(IReadOnlyDictionary<string, string> fields)
    {
        var minor = MinorCategories.Split(',', StringSplitOptions.TrimEntries);
        var fine = decimal.TryParse(fields.GetValueOrDefault("CF_NR_FK"), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var amount) ? amount : (decimal?)null;
        var categories = Categories(fields);
        return categories.Length > 0 && categories.All(c => minor.Contains(c) || c == "罚款" && fine < MinorFineBelowTenThousandYuan);
    }

    static string[] Categories(IReadOnlyDictionary<string, string> fields) =>
        fields.GetValueOrDefault("CF_CFLB", string.Empty).Split(Records.Enumerations.ListSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
