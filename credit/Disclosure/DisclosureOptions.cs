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

    public bool IsSerious(string category) => SeriousCategories.Split(',', StringSplitOptions.TrimEntries).Contains(category);
}
