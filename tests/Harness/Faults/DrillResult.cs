using System.Globalization;

namespace Credit.Testing.Faults;

/// <summary>One invariant as the drill checked it: what must hold, the figures it was judged on, and whether it holds.</summary>
public sealed record Invariant(string Name, string Figures, bool Holds);

/// <summary>What a drill did (kills, retried requests, time) and found (its invariants, its statistics).</summary>
public sealed record DrillResult(DrillOptions Options, IReadOnlyList<TimeSpan> Kills, int Retries, TimeSpan Duration, IReadOnlyList<Invariant> Invariants, string Statistics)
{
    public bool Holds => Invariants.All(i => i.Holds);

    public void Print(TextWriter writer, string title)
    {
        var at = string.Join(" ", Kills.Select(k => k.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)));
        writer.WriteLine($"{title}: {Options.Files} files × {Options.RowsPerFile:N0} rows, {Options.Cases} cases, seed {Options.Seed}; " +
            $"{Kills.Count} kill -9 (at s: {(Kills.Count == 0 ? "none" : at)}); {Retries} requests sent again; {Duration.TotalSeconds:0} s");
        foreach (var invariant in Invariants)
        {
            writer.WriteLine($"  {(invariant.Holds ? "holds " : "BROKEN")}  {invariant.Name}: {invariant.Figures}");
        }
    }
}
