using Credit.Records;

namespace Credit.Disclosure;

/// <summary>
/// The day a penalty leaves public view: its file's 公示截止期, else the default of its class, kept within the class's
/// bounds — general violations 3 months to 1 year, serious ones 1 to 3 years from the decision (北京市优化营商环境条例
/// 2024 Art. 73, DOMAIN.md "Credit repair"; 发改办财金〔2019〕527号 sets the same maxima for the credit websites). A
/// date beyond the maximum would keep a subject's data public longer than the law allows: it is cut to the maximum,
/// and intake reports the row.
/// </summary>
public static class PublicityPeriod
{
    public const string CappedCode = "PUBLICITY_PERIOD_CAPPED";

    /// <summary>The template field a penalty's file gives its 公示截止期 in.</summary>
    public const string EndField = "CF_GSJZQ";

    /// <summary>The day the penalty leaves view; whether it is serious; the file's 公示截止期 when it lay beyond the maximum (the end is then the maximum).</summary>
    public sealed record Period(DateOnly End, bool Serious, DateOnly? Asked);

    public static Period Of(DisclosureRecord record, DisclosureOptions options)
    {
        var categories = record.Fields.GetValueOrDefault("CF_CFLB", "").Split(Enumerations.ListSeparators, StringSplitOptions.TrimEntries);
        var serious = categories.Any(options.IsSerious);
        var minimum = record.DecisionDate.AddMonths(serious ? options.SeriousMinimumMonths : options.GeneralMinimumMonths);
        var maximum = record.DecisionDate.AddMonths(serious ? options.SeriousMaximumMonths : options.GeneralMaximumMonths);
        if (record.Fields.TryGetValue(EndField, out var text) && DateText.TryParse(text, out var fromFile))
        {
            return fromFile > maximum ? new Period(maximum, serious, fromFile) : new Period(fromFile < minimum ? minimum : fromFile, serious, null);
        }

        var byDefault = record.DecisionDate.AddMonths(serious ? options.SeriousPeriodMonths : options.GeneralPeriodMonths);
        return new Period(byDefault < minimum ? minimum : byDefault > maximum ? maximum : byDefault, serious, null);
    }

    /// <summary>The row of the intake report that says a 公示截止期 was cut to the maximum; null when it was not.</summary>
    public static RowError? Warning(DisclosureRecord record, DisclosureOptions options, string? column)
    {
        var period = Of(record, options);
        return period.Asked is not { } asked ? null : new RowError(record.SourceRow, column, DateText.ToIso(asked), CappedCode,
            $"公示截止期超过{(period.Serious ? "严重" : "一般")}失信行为行政处罚信息的最长公示期，按{DateText.ToIso(period.End)}公示",
            $"公示截止期 lies beyond the longest publicity period of a {(period.Serious ? "serious" : "general")} violation: public until {DateText.ToIso(period.End)}");
    }
}
