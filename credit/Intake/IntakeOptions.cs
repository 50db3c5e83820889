namespace Credit.Intake;

/// <summary>Settings of the intake (section "Intake"); the law's numbers are defaults, not constants.</summary>
public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>Working days after the decision date within which a record must be public (7 by default).</summary>
    public int DisclosureWorkingDays { get; set; } = 7;

    /// <summary>Rows per chunk activity: large enough to keep batches full, small enough that a crash repeats little.</summary>
    public int ChunkRows { get; set; } = 5000;
}
