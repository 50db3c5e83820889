using Credit.Inspections;

namespace Credit.Tests.Unit;

/// <summary>
/// The 双随机 draw (issue 21, item 2): each grade's share rounded up, the same seed the same draw whatever the order of
/// the population, another seed another draw, a grade at ratio nought never drawn.
/// </summary>
public sealed class SamplerTests
{
    static readonly IReadOnlyDictionary<string, double> Ratios = new SamplingOptions().Ratios;

    static List<SamplingCandidate> Population(int a, int b, int c, int d) =>
    [
        .. new[] { ("A", a), ("B", b), ("C", c), ("D", d) }.SelectMany(g => Enumerable.Range(0, g.Item2).Select(i => new SamplingCandidate($"91110000{g.Item1}{i:D9}", g.Item1, 50))),
    ];

    [Fact]
    public void Each_grade_gives_its_share_rounded_up()
    {
        var drawn = Sampler.Draw("2026-12-双随机", Population(100, 40, 20, 6), Ratios);
        Assert.Equal(new Dictionary<string, int> { ["A"] = 3, ["B"] = 2, ["C"] = 2, ["D"] = 2 }, drawn.GroupBy(d => d.Grade).ToDictionary(g => g.Key, g => g.Count()));
        Assert.Equal(drawn.Count, drawn.Select(d => d.SubjectKey).Distinct().Count());
        Assert.Empty(Sampler.Draw("seed", Population(10, 0, 0, 0), new Dictionary<string, double> { ["A"] = 0 }));
        Assert.Empty(Sampler.Draw("seed", [], Ratios));
    }

    [Fact]
    public void The_same_seed_draws_the_same_subjects_in_any_order_and_another_seed_others()
    {
        var population = Population(200, 200, 100, 50);
        var first = Sampler.Draw("京市监〔2026〕抽查-12", population, Ratios).Select(d => d.SubjectKey).ToList();
        var shuffled = population.OrderByDescending(c => c.SubjectKey, StringComparer.Ordinal).ToList();
        Assert.Equal(first, Sampler.Draw("京市监〔2026〕抽查-12", shuffled, Ratios).Select(d => d.SubjectKey));
        Assert.NotEqual(first, Sampler.Draw("京市监〔2026〕抽查-13", population, Ratios).Select(d => d.SubjectKey));
    }
}
