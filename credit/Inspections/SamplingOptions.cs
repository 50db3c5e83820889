namespace Credit.Inspections;

/// <summary>
/// 双随机 sampling by credit grade (京政发〔2017〕15号 二(二)1: subjects of good credit are inspected less — 降低抽查比例和频次;
/// 二(三)1: those of bad credit more — 提高抽查比例和频次): the share of each grade's subjects a plan draws, and how long an
/// inspected subject is left out of the next plans.
/// </summary>
public sealed class SamplingOptions
{
    public const string Section = "Sampling";

    public double RatioA { get; set; } = 0.03;

    public double RatioB { get; set; } = 0.05;

    public double RatioC { get; set; } = 0.10;

    public double RatioD { get; set; } = 0.20;

    /// <summary>A subject inspected within these months is not drawn again (12).</summary>
    public int ExcludeInspectedWithinMonths { get; set; } = 12;

    public IReadOnlyDictionary<string, double> Ratios => new SortedDictionary<string, double>(StringComparer.Ordinal) { ["A"] = RatioA, ["B"] = RatioB, ["C"] = RatioC, ["D"] = RatioD };
}
