namespace Credit.Calendar;

/// <summary>Decisions are dated in Beijing time. China keeps no daylight saving time, so the offset is fixed.</summary>
public static class BeijingTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Today(TimeProvider clock) => Today(clock.GetUtcNow());

    /// <summary>The Beijing day of an instant.</summary>
    public static DateOnly Today(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Offset).DateTime);

    /// <summary>Beijing midnight at the start of <paramref name="day"/>.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);
}
