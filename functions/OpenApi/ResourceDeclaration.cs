namespace Credit.Functions.OpenApi;

/// <summary>
/// What an operation's route names, so that <see cref="Hosting.AccessByDeclaration"/> can find it and its parties
/// before the handler runs. Ids are read from the route's <c>{id}</c>; a department from <c>{departmentCode}</c>, else
/// from the query's <c>department</c> (absent: the handler's own default, the caller's department).
/// </summary>
public enum ResourceKind
{
    None,
    Department,
    Record,
    ListEntry,
    Case,
    Objection,
    Repair,
    Commitment,
    DishonestyReport,
    GovernmentComplaint,
}

public static class ResourceKinds
{
    /// <summary>The code of the 404 a missing resource of the kind gets, which is also what a caller with no standing to it gets; none for a department (public).</summary>
    public static string? NotFoundCode(this ResourceKind kind) => kind switch
    {
        ResourceKind.Record => "RECORD_NOT_FOUND",
        ResourceKind.ListEntry => "ENTRY_NOT_FOUND",
        ResourceKind.Case => "CASE_NOT_FOUND",
        ResourceKind.Objection or ResourceKind.Repair => "REMEDY_NOT_FOUND",
        ResourceKind.Commitment => "COMMITMENT_NOT_FOUND",
        ResourceKind.DishonestyReport => "REPORT_NOT_FOUND",
        ResourceKind.GovernmentComplaint => "COMPLAINT_NOT_FOUND",
        _ => null,
    };
}

/// <summary>How a caller stands to a resource. An operation declares which of them may call it.</summary>
[Flags]
public enum Party
{
    None = 0,

    /// <summary>The department that holds it: a record's or list entry's department, a case's initiating department, the department deciding a remedy or a report of dishonesty, the department a route names.</summary>
    Owner = 1,

    /// <summary>A department a case pushed a measure to (实施部门).</summary>
    Participant = 2,

    /// <summary>The subject the resource is about, with its own key.</summary>
    Subject = 4,

    /// <summary>Whoever filed it (a remedy's subject or department).</summary>
    Filer = 8,

    /// <summary>The supervising office, which reads everything (its writes are declared by <see cref="Credential"/> on operations without a resource).</summary>
    Office = 16,
}
