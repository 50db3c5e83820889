namespace Credit.Statistics;

/// <summary>The thresholds below which the monthly notice (通报) names a department (section "Supervision").</summary>
public sealed class SupervisionOptions
{
    public const string Section = "Supervision";

    /// <summary>Share of records published within 7 working days.</summary>
    public double MinDisclosureOnTimeShare { get; set; } = 0.95;

    /// <summary>Share of execution feedback given within its deadline.</summary>
    public double MinFeedbackOnTimeShare { get; set; } = 0.9;

    /// <summary>Share of the licensing decisions of the month whose subject was checked before the decision (应查必查).</summary>
    public double MinCheckCoverage { get; set; } = 1.0;

    /// <summary>How many days before a licensing decision a credit check of its subject counts for it.</summary>
    public int CheckWindowDays { get; set; } = 30;

    /// <summary>Share of records exported to the target platforms within the working days of their publication (共享及时率).</summary>
    public double MinSharingOnTimeShare { get; set; } = 0.95;

    /// <summary>Share of 容缺受理 commitments whose missing items were supplied by their due day (issue 20).</summary>
    public double MinDeficiencyOnTimeShare { get; set; } = 0.9;

    /// <summary>
    /// Complaints of its own breach of contract or promise the office upheld in the month (政务诚信, 京政发〔2017〕15号 二(一)1)
    /// a department may have before it is named; none by default: a government that broke its word is named.
    /// </summary>
    public long MaxComplaintsUpheld { get; set; }

    /// <summary>Overdue items (disclosure, feedback, lift acknowledgements, decisions, reports of dishonesty) a department may have before it is named.</summary>
    public long MaxOverdueItems { get; set; }
}
