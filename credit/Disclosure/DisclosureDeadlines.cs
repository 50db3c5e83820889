using Credit.Calendar;
using Credit.Intake;
using Microsoft.Extensions.Options;

namespace Credit.Disclosure;

/// <summary>
/// A record's disclosure deadline (7 working days after its decision, 京政发〔2017〕15号 and DOMAIN.md) as the
/// calendar gives it now. A deadline stored as an estimate — it reached into a year whose State Council
/// arrangement was not loaded — is computed again, so that a year added since (PUT /api/calendar/years/{year})
/// decides lateness and overdue at the next disclosure and statistics run.
/// </summary>
public sealed class DisclosureDeadlines(WorkingDayCalendar calendar, IOptions<IntakeOptions> intake)
{
    public WorkingDayResult Compute(DateOnly decisionDate) => calendar.AddWorkingDays(decisionDate, intake.Value.DisclosureWorkingDays);

    public (DateOnly Deadline, bool IsEstimate) Of(DateOnly decisionDate, DateOnly stored, bool storedIsEstimate)
    {
        if (!storedIsEstimate)
        {
            return (stored, false);
        }

        var now = Compute(decisionDate);
        return (now.Date, now.IsEstimate);
    }

    public (DateOnly Deadline, bool IsEstimate) Of(PublicEntry entry) => Of(entry.DecisionDate, entry.DisclosureDeadline, entry.DeadlineIsEstimate);
}
