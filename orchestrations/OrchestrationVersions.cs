namespace Credit.Orchestrations;

/// <summary>
/// The version every new instance of an orchestration is started with (docs/versioning.md). An instance keeps the
/// version it started with for its whole life, years for a case; an orchestrator whose sequence of work changes
/// branches on <c>context.Version</c> and keeps the old branch while instances of that version may still run.
/// Instances started before versions were recorded carry none and replay as version 1.
/// </summary>
public static class OrchestrationVersions
{
    /// <summary>
    /// 2: a case's feedback deadline still counts after an amendment opened a later round (version 1 ignored it, and
    /// the earlier round's unanswered assignments were never overdue).
    /// 3: a case restarted from its stored state resumes where it stands (its round, in effect, lifting, or awaiting
    /// feedback with every answer in), where version 2 took every opening for round 1.
    /// 4: a case no longer waits for the assignments its deadline made overdue (MarkRoundOverdue returns those still
    /// awaited), so the last answer of a later round puts it in effect; version 3 waited for that round's deadline.
    /// </summary>
    public const string Current = "4";

    /// <summary>The version an instance runs: the one it was started with, or 1 for an instance started before versions.</summary>
    public static string Of(string? startedWith) => string.IsNullOrEmpty(startedWith) ? "1" : startedWith;

    /// <summary>The version an instance runs, as a number.</summary>
    public static int NumberOf(string? startedWith) => int.Parse(Of(startedWith), System.Globalization.CultureInfo.InvariantCulture);
}
