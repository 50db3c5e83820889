namespace Credit.GovernmentIntegrity;

/// <summary>How soon the supervising office decides a complaint of a government's breach (section "GovernmentComplaints").</summary>
public sealed class GovernmentComplaintOptions
{
    public const string Section = "GovernmentComplaints";

    /// <summary>Working days from filing to the office's decision.</summary>
    public int DecisionWorkingDays { get; set; } = 15;

    /// <summary>Working days before that day on which the deadline run reminds the office.</summary>
    public int ReminderWorkingDaysBefore { get; set; } = 2;
}
