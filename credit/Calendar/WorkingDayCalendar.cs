using System.Collections.Frozen;
using System.Text.Json;

namespace Credit.Calendar;

/// <summary>
/// Working days under the State Council's holiday arrangements, makeup working days (调休) included.
/// A year without a loaded arrangement is never silently treated as Monday to Friday: results that reach
/// into such a year are flagged as estimates and name the years.
/// </summary>
public sealed class WorkingDayCalendar
{
    readonly FrozenSet<DateOnly> offDays;
    readonly FrozenSet<DateOnly> makeupWorkdays;

    public WorkingDayCalendar(IEnumerable<int> loadedYears, IEnumerable<DateOnly> offDays, IEnumerable<DateOnly> makeupWorkdays)
    {
        LoadedYears = loadedYears.Order().ToFrozenSet();
        this.offDays = offDays.ToFrozenSet();
        this.makeupWorkdays = makeupWorkdays.ToFrozenSet();
    }

    public FrozenSet<int> LoadedYears { get; }

    /// <summary>The product's own arrangements file (Data/holidays.json), embedded in this assembly.</summary>
    public static WorkingDayCalendar Default { get; } = LoadEmbedded();

    public bool HasArrangement(int year) => LoadedYears.Contains(year);

    /// <summary>Whether offices work on this date; null when the year's arrangement is not loaded.</summary>
    public bool? IsWorkingDay(DateOnly date)
    {
        if (!HasArrangement(date.Year))
        {
            return null;
        }

        return IsWorkingDayAssumingArrangement(date);
    }

    /// <summary>The date that is <paramref name="workingDays"/> working days after <paramref name="from"/> (which is not counted).</summary>
    public WorkingDayResult AddWorkingDays(DateOnly from, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var unloaded = new SortedSet<int>();
        var date = from;
        for (var counted = 0; counted < workingDays;)
        {
            date = date.AddDays(1);
            if (!HasArrangement(date.Year))
            {
                unloaded.Add(date.Year);
            }

            if (IsWorkingDayAssumingArrangement(date))
            {
                counted++;
            }
        }

        return new WorkingDayResult(date, [.. unloaded]);
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>.</summary>
    public WorkingDayCount CountWorkingDays(DateOnly from, DateOnly to)
    {
        var unloaded = new SortedSet<int>();
        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (!HasArrangement(date.Year))
            {
                unloaded.Add(date.Year);
            }

            if (IsWorkingDayAssumingArrangement(date))
            {
                count++;
            }
        }

        return new WorkingDayCount(count, [.. unloaded]);
    }

    bool IsWorkingDayAssumingArrangement(DateOnly date) =>
        makeupWorkdays.Contains(date) || (!offDays.Contains(date) && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

    static WorkingDayCalendar LoadEmbedded()
    {
        using var stream = typeof(WorkingDayCalendar).Assembly.GetManifestResourceStream("Credit.Data.holidays.json")
            ?? throw new InvalidOperationException("The embedded holiday arrangements (Data/holidays.json) are missing from the build.");
        using var document = JsonDocument.Parse(stream);
        var years = new List<int>();
        var off = new List<DateOnly>();
        var makeup = new List<DateOnly>();
        foreach (var year in document.RootElement.GetProperty("years").EnumerateObject())
        {
            years.Add(int.Parse(year.Name, System.Globalization.CultureInfo.InvariantCulture));
            off.AddRange(year.Value.GetProperty("offDays").EnumerateObject().Select(d => DateOnly.Parse(d.Name, System.Globalization.CultureInfo.InvariantCulture)));
            makeup.AddRange(year.Value.GetProperty("makeupWorkdays").EnumerateObject().Select(d => DateOnly.Parse(d.Name, System.Globalization.CultureInfo.InvariantCulture)));
        }

        return new WorkingDayCalendar(years, off, makeup);
    }
}

/// <summary>A computed date; <see cref="IsEstimate"/> when it crosses years whose arrangement is not loaded (counted as Monday to Friday).</summary>
public sealed record WorkingDayResult(DateOnly Date, IReadOnlyList<int> YearsWithoutArrangement)
{
    public bool IsEstimate => YearsWithoutArrangement.Count > 0;
}

public sealed record WorkingDayCount(int Days, IReadOnlyList<int> YearsWithoutArrangement)
{
    public bool IsEstimate => YearsWithoutArrangement.Count > 0;
}
