using System.Collections.Frozen;

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

    /// <summary>
    /// A penalty's class by its 处罚类别 (one or several in the cell) and fine: serious when any category is, minor when
    /// every one is (a fine only below <see cref="MinorFineBelowTenThousandYuan"/>), general otherwise. Every penalty row
    /// of an upload is classed, so the two settings' lists are parsed once per value, not once per row.
    /// </summary>
    public PenaltyClass ClassOf(IReadOnlyDictionary<string, string> fields)
    {
        var categories = fields.GetValueOrDefault("CF_CFLB", string.Empty).Split(Records.Enumerations.ListSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var lists = Lists();
        if (categories.Any(lists.Serious.Contains))
        {
            return PenaltyClass.Serious;
        }

        var fine = decimal.TryParse(fields.GetValueOrDefault("CF_NR_FK"), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var amount) ? amount : (decimal?)null;
        return categories.Length > 0 && categories.All(c => lists.Minor.Contains(c) || c == "罚款" && fine < MinorFineBelowTenThousandYuan)
            ? PenaltyClass.Minor
            : PenaltyClass.General;
    }

    ParsedLists? parsed;

    ParsedLists Lists()
    {
        if (parsed is not { } lists || !ReferenceEquals(lists.SeriousSource, SeriousCategories) || !ReferenceEquals(lists.MinorSource, MinorCategories))
        {
            parsed = lists = new ParsedLists(SeriousCategories, MinorCategories, Set(SeriousCategories), Set(MinorCategories));
        }

        return lists;
    }

    static FrozenSet<string> Set(string list) => list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    sealed record ParsedLists(string SeriousSource, string MinorSource, FrozenSet<string> Serious, FrozenSet<string> Minor);
}
