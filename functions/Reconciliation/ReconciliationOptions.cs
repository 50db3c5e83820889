namespace Credit.Functions.Reconciliation;

/// <summary>Settings of the signal drain and the daily reconciliation (section <c>Reconciliation</c>).</summary>
public sealed class ReconciliationOptions
{
    public const string Section = "Reconciliation";

    /// <summary>How long a mark waits before the drain checks its owner: its request has finished (or died) by then.</summary>
    public int SettleSeconds { get; set; } = 20;

    /// <summary>
    /// How long an opened case's instance may say Pending before it is started again from the stored state (a start
    /// sent twice across a crash can leave the engine's row Pending for good; see <see cref="SignalReconciler"/>).
    /// </summary>
    public int StalePendingSeconds { get; set; } = 120;

    /// <summary>How far back the daily run looks for decided remedies (a remedy decided earlier has long completed).</summary>
    public int RemedyDays { get; set; } = 30;
}
