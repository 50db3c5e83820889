using System.Diagnostics.Metrics;

namespace Credit.Telemetry;

/// <summary>
/// The product's own metrics (meter <see cref="MeterName"/>), exported to Application Insights by the worker's
/// OpenTelemetry setup: what the supervising office and the operators watch between monthly reports.
/// </summary>
public static class CreditMetrics
{
    public const string MeterName = "Credit";

    static readonly Meter Meter = new(MeterName);

    /// <summary>Rows of uploaded files, tagged by department and outcome (accepted, rejected).</summary>
    public static readonly Counter<long> RowsIngested = Meter.CreateCounter<long>("credit.rows.ingested", "{row}", "Rows of uploaded files read by intake");

    /// <summary>Records made public by the disclosure run, tagged late = true when past the 7-working-day deadline.</summary>
    public static readonly Counter<long> RecordsPublished = Meter.CreateCounter<long>("credit.records.published", "{record}", "Records published by the disclosure run");

    /// <summary>Notices sent to implementing departments, tagged by kind (push, reminder, lift, lift-reminder).</summary>
    public static readonly Counter<long> NoticesSent = Meter.CreateCounter<long>("credit.notices.sent", "{notice}", "Notices sent to implementing departments");

    /// <summary>Records unpublished past their deadline, as the last statistics run counted them.</summary>
    public static readonly Gauge<long> ItemsOverdue = Meter.CreateGauge<long>("credit.items.overdue", "{item}", "Disclosures overdue at the last statistics run");
}
