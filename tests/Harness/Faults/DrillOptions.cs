namespace Credit.Testing.Faults;

/// <summary>
/// How big a fault-injection drill is: penalty files and their rows, black-list cases (a sixth each answered on time,
/// left unanswered by one department, answered late, amended while awaiting feedback until expired, ended by an
/// upheld objection, ended by an approved repair), and how many times the runtime is killed.
/// </summary>
public sealed record DrillOptions(int Files, int RowsPerFile, int Cases, int Kills, int Seed)
{
    /// <summary>Issue 15's drill: ≥ 20 kills while 40,000 rows in 8 files are ingested and 60 cases with 20 remedies run their course.</summary>
    public static DrillOptions Full(int seed) => new(8, 5_000, 60, 20, seed);

    /// <summary>The shortened drill of the test command: 3 kills, 2 files of 500 rows, 6 cases.</summary>
    public static DrillOptions Shortened(int seed) => new(2, 500, 6, 3, seed);
}
