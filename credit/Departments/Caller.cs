namespace Credit.Departments;

public enum CallerRole
{
    Department,
    /// <summary>联席会议办公室, the supervising office: reads every department's data.</summary>
    Supervisor,
}

/// <summary>Who is calling, as its API key says.</summary>
public sealed record Caller(CallerRole Role, string? DepartmentCode)
{
    public bool MayActFor(string departmentCode) =>
        Role == CallerRole.Supervisor || string.Equals(DepartmentCode, departmentCode, StringComparison.Ordinal);
}
