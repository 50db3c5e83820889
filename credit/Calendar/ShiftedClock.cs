namespace Credit.Calendar;

/// <summary>
/// A clock that starts at a configured instant and runs at real speed (setting Credit:Clock:Start), so that a
/// test can put the whole product on another day without waiting for it. Never set in production.
/// </summary>
public sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    readonly TimeSpan offset = start - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
