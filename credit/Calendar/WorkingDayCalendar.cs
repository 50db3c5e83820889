using System.Collections.Frozen;
using System.Text.Json;

namespace Credit.Calendar;

/// <summary>
/// Working days under the State Council's holiday arrangements, makeup working days (调休) included.
/// A year without a loaded arrangement is never silently treated as Monday to Friday: results that reach
/// into such a year are flagged as estimates and name the years. The built-in years (Data/holidays.json) can be
/// joined by years the supervising office adds at run time (<see cref="Use"/>, from <see cref="HolidayStore"/>).
/// </summary>
public sealed class WorkingDayCalendar
{
    readonly IReadOnlyDictionary<int, YearArrangement> builtIn;
    volatile Arrangements current;

    public WorkingDayCalendar(IEnumerable<YearArrangement> years)
    {
        builtIn = years.ToDictionary(y => y.Year);
        current = new Arrangements(builtIn.Values);
    }

    public FrozenSet<int> LoadedYears => current.Years;

    /// <summary>The years in force: the built-in ones, each replaced or joined by an added one.</summary>
    public IReadOnlyList<YearArrangement> Years => current.All;

    /// <summary>The product's own arrangements file (Data/holidays.json), embedded in this assembly.</summary>
    public static WorkingDayCalendar Default { get; } = LoadEmbedded();

    /// <summary>A calendar of the built-in years only, for one app instance to extend.</summary>
    public static WorkingDayCalendar LoadEmbedded() => new(BuiltInYears());

    /// <summary>Puts the added years in force over the built-in ones; every computation from now on uses them.</summary>
    public void Use(IEnumerable<YearArrangement> added)
    {
        var years = new Dictionary<int, YearArrangement>(builtIn);
        foreach (var year in added)
        {
            years[year.Year] = year;
        }

        current = new Arrangements(years.Values);
    }

    public bool HasArrangement(int year) => LoadedYears.Contains(year);

    /// <summary>Whether offices work on this date; null when the year's arrangement is not loaded.</summary>
    public bool? IsWorkingDay(DateOnly date)
    {
        var arrangements = current;
        return arrangements.Years.Contains(date.Year) ? arrangements.IsWorkingDay(date) : null;
    }

    /// <summary>The date that is <paramref name="workingDays"/> working days after <paramref name="from"/> (which is not counted).</summary>
    public WorkingDayResult AddWorkingDays(DateOnly from, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var arrangements = current;
        var unloaded = new SortedSet<int>();
        var date = from;
        for (var counted = 0; counted < workingDays;)
        {
            date = date.AddDays(1);
            if (!arrangements.Years.Contains(date.Year))
            {
                unloaded.Add(date.Year);
            }

            if (arrangements.IsWorkingDay(date))
            {
                counted++;
            }
        }

        return new WorkingDayResult(date, [.. unloaded]);
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>.</summary>
    public WorkingDayCount CountWorkingDays(DateOnly from, DateOnly to)
    {
        var arrangements = current;
        var unloaded = new SortedSet<int>();
        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (!arrangements.Years.Contains(date.Year))
            {
                unloaded.Add(date.Year);
            }

            if (arrangements.IsWorkingDay(date))
            {
                count++;
            }
        }

        return new WorkingDayCount(count, [.. unloaded]);
    }

    static List<YearArrangement> BuiltInYears()
    {
        using var stream = typeof(WorkingDayCalendar).Assembly.GetManifestResourceStream("Credit.Data.holidays.json")
            ?? throw new InvalidOperationException("The embedded holiday arrangements (Data/holidays.json) are missing from the build.");
        using var document = JsonDocument.Parse(stream);
        var years = new List<YearArrangement>();
        foreach (var year in document.RootElement.GetProperty("years").EnumerateObject())
        {
            var number = int.Parse(year.Name, System.Globalization.CultureInfo.InvariantCulture);
            var (arrangement, errors) = YearArrangement.Parse(number, year.Value);
            years.Add(arrangement ?? throw new InvalidOperationException($"Data/holidays.json, {number}: {string.Join("; ", errors)}"));
        }

        return years;
    }

    /// <summary>One consistent set of years, swapped whole so that a computation never sees half an update.</summary>
    sealed class Arrangements
    {
        public Arrangements(IEnumerable<YearArrangement> years)
        {
            All = [.. years.OrderBy(y => y.Year)];
            Years = All.Select(y => y.Year).ToFrozenSet();
            OffDays = All.SelectMany(y => y.OffDays.Keys).ToFrozenSet();
            MakeupWorkdays = All.SelectMany(y => y.MakeupWorkdays.Keys).ToFrozenSet();
        }

        public IReadOnlyList<YearArrangement> All { get; }
        public FrozenSet<int> Years { get; }
        public FrozenSet<DateOnly> OffDays { get; }
        public FrozenSet<DateOnly> MakeupWorkdays { get; }

        /// <summary>As the year's arrangement says, or Monday to Friday where no arrangement is loaded.</summary>
        public bool IsWorkingDay(DateOnly date) =>
            MakeupWorkdays.Contains(date) || (!OffDays.Contains(date) && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
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
