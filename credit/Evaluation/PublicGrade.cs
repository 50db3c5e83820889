namespace Credit.Evaluation;

/// <summary>What the public sees of a subject's 信用评价, where its model makes it public: the grade, the model version and the day evaluated.</summary>
public sealed record PublicGrade(string Grade, int ModelVersion, DateOnly EvaluatedOn)
{
    public static PublicGrade? Of(StoredEvaluation? stored) =>
        stored is { Public: true } ? new(stored.Grade, stored.ModelVersion, Calendar.BeijingTime.Today(stored.EvaluatedAt)) : null;
}
