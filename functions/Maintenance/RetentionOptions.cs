namespace Credit.Functions.Maintenance;

/// <summary>How long finished work is kept (section "Durable").</summary>
public sealed class RetentionOptions
{
    public const string Section = "Durable";

    /// <summary>
    /// Days a completed, failed or terminated orchestration's history is kept. A case's or remedy's own record
    /// (tables Cases, CaseTimeline, Remedies, Audit) is the lasting one; the history only serves replay and diagnosis.
    /// </summary>
    public int RetentionDays { get; set; } = 90;
}
