namespace Credit.Exchange;

/// <summary>One file of an export: its name in the day's folder, what it holds, how many items, its size and SHA-256 (hex); a file sent again names the export it first went with.</summary>
public sealed record ExportFile(string Name, string Kind, int Count, long Bytes, string Sha256, long? ResentFrom = null);

/// <summary>A department's records an export carried: how many within <see cref="ExchangeOptions.ShareWorkingDays"/> of their publication, how many later.</summary>
public sealed record DepartmentShare(string Department, int OnTime, int Late);

/// <summary>An item a target refused in its acknowledgement, with its reason.</summary>
public sealed record RejectedItem(string Id, string Reason);

/// <summary>
/// One daily export to a target (table ExchangeExports: partition = target, row = sequence): the days of changes it
/// covers, its files (the manifest, exchange/out/{target}/{date}/manifest.json, holds the same), the earlier exports it
/// sends again, and what came back: when it was acknowledged, the items the target refused, or the export that sent it
/// again because no acknowledgement came in time.
/// </summary>
public sealed record ExchangeExport(
    string Target,
    long Sequence,
    DateOnly Date,
    DateOnly From,
    DateOnly To,
    DateTimeOffset CreatedAt,
    IReadOnlyList<ExportFile> Files,
    IReadOnlyList<long> Resends,
    IReadOnlyList<DepartmentShare> Shared,
    DateTimeOffset? AcknowledgedAt = null,
    string? AcknowledgedBy = null,
    IReadOnlyList<RejectedItem>? Rejected = null,
    long? ResentIn = null)
{
    /// <summary>exchange/out/{target}/{yyyy-MM-dd}/</summary>
    public string Folder => FolderOf(Target, Date);

    public static string FolderOf(string target, DateOnly date) => $"out/{target}/{Records.DateText.ToIso(date)}/";

    public int Count(string kind) => Files.Where(f => f.Kind == kind && f.ResentFrom is null).Sum(f => f.Count);

    /// <summary>共享及时率's facts: per department, the records this export shared on time and late (a resend shares nothing new).</summary>
    public IEnumerable<Statistics.StatisticEvent> Facts() => Shared.SelectMany(s => new Statistics.StatisticEvent[]
    {
        new(s.Department, CreatedAt, Statistics.StatisticKinds.SharedOnTime, $"{Target}|{Sequence}", s.OnTime),
        new(s.Department, CreatedAt, Statistics.StatisticKinds.SharedLate, $"{Target}|{Sequence}", s.Late),
    }).Where(f => f.Count > 0);
}

/// <summary>How the exchange with a target stood on a day: its export of the day (null: none ran) and what became of it.</summary>
public sealed record ExchangeReconciliation(string Target, string Date, string Status, ExchangeExport? Export, IReadOnlyList<ExchangeExport> ResentHere)
{
    /// <summary>none (no export that day), acknowledged, awaiting (within its working days), resent (sent again in a later export) or unacknowledged (past due, not yet sent again).</summary>
    public static string StatusOf(ExchangeExport? export, DateOnly ackDue, DateOnly today) => export switch
    {
        null => "none",
        { AcknowledgedAt: not null } => "acknowledged",
        { ResentIn: not null } => "resent",
        _ => today > ackDue ? "unacknowledged" : "awaiting",
    };
}
