namespace Credit.Inspections;

/// <summary>
/// A 双随机 inspection plan of one department (id "IP{24 hex}" of department, seed and day): the seed that makes the draw
/// reproducible (published with the plan, so anyone can draw it again), the model version whose grades it drew by, the
/// ratios, the population by grade it drew from, those not yet evaluated and those left out as inspected recently.
/// </summary>
public sealed record InspectionPlan(
    string Id,
    string Department,
    string Seed,
    DateOnly PlannedOn,
    int ModelVersion,
    IReadOnlyDictionary<string, double> Ratios,
    IReadOnlyDictionary<string, int> PopulationByGrade,
    int NotYetEvaluated,
    int RecentlyInspected,
    int Drawn,
    DateTimeOffset CreatedAt,
    string CreatedBy);

/// <summary>
/// A subject a plan drew, with its grade and score when drawn, and the result once the department records it;
/// <see cref="Items"/>, for a natural person: the department's own items that name it (<see cref="DepartmentItems"/>).
/// </summary>
public sealed record PlannedInspection(
    string PlanId, string SubjectKey, string Grade, int Score, DateOnly? InspectedOn = null, bool? ProblemsFound = null, string? Findings = null, IReadOnlyList<string>? Items = null);
