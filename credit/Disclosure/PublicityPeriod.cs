using Credit.Records;

namespace Credit.Disclosure;

/// <summary>What a penalty's class is for its publicity and repair: 轻微, 一般 or 严重.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<PenaltyClass>))]
public enum PenaltyClass
{
    Minor,
    General,
    Serious,
}

/// <summary>
/// The day a penalty leaves public view: its file's 公示截止期, else the default of its class, kept within the class's
/// bounds — minor violations (warning, 通报批评, a small fine) exactly 3 months (发改办财金〔2019〕527号), general ones
/// 3 months to 1 year, serious ones 1 to 3 years from the decision (北京市优化营商环境条例 2024 Art. 73, DOMAIN.md
/// "Credit repair"; 527号 sets the same maxima for the credit websites). A date beyond the maximum would keep a
/// subject's data public longer than the law allows: it is cut to the maximum, and intake reports the row.
/// </summary>
public static class PublicityPeriod
{
    public const string CappedCode = "PUBLICITY_PERIOD_CAPPED";

    /// <summary>The template field a penalty's file gives its 公示截止期 in.</summary>
    public const string EndField = "CF_GSJZQ";

    /// <summary>The day the penalty leaves view; its class; the file's 公示截止期 when it lay beyond the maximum (the end is then the maximum).</summary>
    public sealed record Period(DateOnly End, PenaltyClass Class, DateOnly? Asked);

    /// <summary>The least, default and most months a penalty of the class stays public.</summary>
    public static (int Minimum, int Default, int Maximum) Months(PenaltyClass penaltyClass, DisclosureOptions options) => penaltyClass switch
    {
        PenaltyClass.Minor => (options.MinorPeriodMonths, options.MinorPeriodMonths, options.MinorPeriodMonths),
        PenaltyClass.Serious => (options.SeriousMinimumMonths, options.SeriousPeriodMonths, options.SeriousMaximumMonths),
        _ => (options.GeneralMinimumMonths, options.GeneralPeriodMonths, options.GeneralMaximumMonths),
    };

    public static Period Of(DisclosureRecord record, DisclosureOptions options)
    {
        var penaltyClass = options.ClassOf(record.Fields);
        var months = Months(penaltyClass, options);
        var minimum = record.DecisionDate.AddMonths(months.Minimum);
        var maximum = record.DecisionDate.AddMonths(months.Maximum);
        if (record.Fields.TryGetValue(EndField, out var text) && DateText.TryParse(text, out var fromFile))
        {
            return fromFile > maximum ? new Period(maximum, penaltyClass, fromFile) : new Period(fromFile < minimum ? minimum : fromFile, penaltyClass, null);
        }

        var byDefault = record.DecisionDate.AddMonths(months.Default);
        return new Period(byDefault < minimum ? minimum : byDefault > maximum ? maximum : byDefault, penaltyClass, null);
    }

    /// <summary>The row of the intake report that says a 公示截止期 was cut to the maximum; null when it was not.</summary>
    public static RowError? Warning(DisclosureRecord record, DisclosureOptions options, string? column)
    {
        var period = Of(record, options);
        return period.Asked is not { } asked ? null : new RowError(record.SourceRow, column, DateText.ToIso(asked), CappedCode,
            $"公示截止期超过{ClassZh(period.Class)}失信行为行政处罚信息的最长公示期，按{DateText.ToIso(period.End)}公示",
            $"公示截止期 lies beyond the longest publicity period of a {period.Class.ToString().ToLowerInvariant()} violation: public until {DateText.ToIso(period.End)}");
    }

    public static string ClassZh(PenaltyClass penaltyClass) => penaltyClass switch
    {
        PenaltyClass.Minor => "轻微",
        PenaltyClass.Serious => "严重",
        _ => "一般",
    };
}
