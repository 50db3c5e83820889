namespace Credit.Statistics;

/// <summary>An overdue item of a named department, with where to look at it.</summary>
public sealed record OverdueItem(string Kind, string Item, DateTimeOffset At);

/// <summary>Why a department is named, in both languages.</summary>
public sealed record Shortfall(string Code, string MessageZh, string MessageEn);

public sealed record NamedDepartment(string Department, string Name, DepartmentStatistics Figures, IReadOnlyList<Shortfall> Shortfalls, IReadOnlyList<OverdueItem> OverdueItems);

/// <summary>
/// 通报: the month's departments that fell below the thresholds, with their figures and overdue items, and the open
/// cases whose mandatory measures no registered department implements. A notice of a month not yet over is
/// provisional (<see cref="Final"/> false) and is written again by every run. <see cref="ComplaintHandling"/>: how the
/// supervising office itself decided the month's complaints of governments' breaches (政务诚信, 京政发〔2017〕15号 二(一)1).
/// </summary>
public sealed record MonthlyNotice(
    string Month,
    DateTimeOffset GeneratedAt,
    bool Final,
    SupervisionOptions Thresholds,
    int DepartmentsWithFigures,
    IReadOnlyList<NamedDepartment> Named,
    IReadOnlyList<JointCases.UnimplementedCase> Unimplemented,
    Timeliness ComplaintHandling);
