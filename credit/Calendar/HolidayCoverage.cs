namespace Credit.Calendar;

/// <summary>
/// Whether the loaded holiday arrangements cover the deadlines the product will compute: this year always, and
/// from 1 December the next (a 7-working-day deadline set in late December already reaches into it; the State
/// Council usually publishes the next year's arrangement in November).
/// </summary>
public static class HolidayCoverage
{
    public static (bool Covered, string Detail) Check(WorkingDayCalendar calendar, DateOnly today)
    {
        var missing = new List<int>();
        if (!calendar.HasArrangement(today.Year))
        {
            missing.Add(today.Year);
        }

        if (today.Month == 12 && !calendar.HasArrangement(today.Year + 1))
        {
            missing.Add(today.Year + 1);
        }

        return missing.Count == 0
            ? (true, $"arrangements loaded up to {calendar.LoadedYears.Max()}")
            : (false, $"no State Council arrangement loaded for {string.Join(", ", missing)}: deadlines reaching into it are estimates; add it with PUT /api/calendar/years/{{year}}");
    }
}
