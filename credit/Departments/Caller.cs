namespace Credit.Departments;

public enum CallerRole
{
    Department,
    /// <summary>联席会议办公室, the supervising office: reads every department's data.</summary>
    Supervisor,

    /// <summary>信用主体: a legal person or a natural person, acting on its own items only.</summary>
    Subject,
}

/// <summary>Who is calling, as its API key says. A subject is known by its subject key (credit code, or the keyed hash of its ID number).</summary>
public sealed record Caller(CallerRole Role, string? DepartmentCode, string? SubjectKey = null)
{
    public static Caller ForSubject(string subjectKey) => new(CallerRole.Subject, null, subjectKey);

    /// <summary>The supervising office (联席会议办公室) as the audit and the records it makes name it.</summary>
    public const string SupervisorActor = "supervisor";

    /// <summary>Who did something, as the audit and timelines name it.</summary>
    public string Actor => Role switch
    {
        CallerRole.Supervisor => SupervisorActor,
        CallerRole.Subject => $"subject:{SubjectKey}",
        _ => DepartmentCode!,
    };

    public bool MayActFor(string departmentCode) =>
        Role == CallerRole.Supervisor || string.Equals(DepartmentCode, departmentCode, StringComparison.Ordinal);
}
