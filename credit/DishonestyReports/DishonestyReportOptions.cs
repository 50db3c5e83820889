namespace Credit.DishonestyReports;

/// <summary>How soon reports of dishonesty are handled (section "DishonestyReports").</summary>
public sealed class DishonestyReportOptions
{
    public const string Section = "DishonestyReports";

    /// <summary>Working days the supervising office has to send a report to the responsible department (分办).</summary>
    public int TriageWorkingDays { get; set; } = 5;

    /// <summary>Working days the responsible department has to decide, from the day the report reached it.</summary>
    public int DecisionWorkingDays { get; set; } = 15;

    /// <summary>Working days before a step's day on which the deadline run reminds whoever has it.</summary>
    public int ReminderWorkingDaysBefore { get; set; } = 2;

    /// <summary>Evidence files a report may carry.</summary>
    public int MaxEvidenceFiles { get; set; } = 10;
}
