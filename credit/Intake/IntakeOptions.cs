using Credit.Records;

namespace Credit.Intake;

/// <summary>Settings of the intake (section "Intake"); the law's numbers are defaults, not constants.</summary>
public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>Working days after the decision date within which a record must be public (7 by default).</summary>
    public int DisclosureWorkingDays { get; set; } = 7;

    /// <summary>Rows per chunk activity: large enough to keep batches full, small enough that a crash repeats little.</summary>
    public int ChunkRows { get; set; } = 5000;

    /// <summary>
    /// The largest amount (罚款金额, 没收金额) accepted, in 万元: 10,000,000 万元 (100 billion yuan) is far above the largest
    /// administrative fine imposed in China so far (18.228 billion yuan, 2021); a larger figure is a slip (an ID number in
    /// the amount column), not a fine.
    /// </summary>
    public decimal MaxAmount { get; set; } = RecordValidator.DefaultMaxAmount;
}
