using Credit.Statistics;

namespace Credit.JointCases;

/// <summary>
/// The facts of a case's duties: each answer (on time or late) or overdue mark of an assignment, each lift
/// acknowledgement (on time or late) or overdue mark. An item counted overdue is not counted again when it is
/// answered after. Rebuilt from the assignments and lifts as stored.
/// </summary>
public sealed class CaseFacts(CaseStore store) : IStatisticsSource
{
    public static StatisticEvent? Feedback(string caseId, AssignmentRecord answered) =>
        answered.AnsweredAt is { } at && !answered.Overdue
            ? new(answered.Assignment.Department, at, answered.Late ? StatisticKinds.FeedbackLate : StatisticKinds.FeedbackOnTime, Fact(caseId, answered), Item: Item(caseId))
            : null;

    public static StatisticEvent? FeedbackOverdue(string caseId, AssignmentRecord assignment) =>
        assignment.OverdueAt is { } at && assignment.Overdue
            ? new(assignment.Assignment.Department, at, StatisticKinds.FeedbackOverdue, Fact(caseId, assignment), Item: Item(caseId))
            : null;

    public static StatisticEvent? Lift(string caseId, LiftRecord lift) =>
        lift.AcknowledgedAt is { } at && !lift.Overdue
            ? new(lift.Department, at, lift.AcknowledgedLate ? StatisticKinds.LiftLate : StatisticKinds.LiftOnTime, caseId, Item: Item(caseId))
            : null;

    public static StatisticEvent? LiftOverdue(string caseId, LiftRecord lift) =>
        lift.OverdueAt is { } at && lift.Overdue ? new(lift.Department, at, StatisticKinds.LiftOverdue, caseId, Item: Item(caseId)) : null;

    public async IAsyncEnumerable<StatisticEvent> FactsAsync(DateTimeOffset since, DateTimeOffset until, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (caseId, assignment) in store.AssignmentsSettledAsync(since, until, cancellationToken))
        {
            foreach (var fact in new[] { Feedback(caseId, assignment), FeedbackOverdue(caseId, assignment) })
            {
                if (fact is not null)
                {
                    yield return fact;
                }
            }
        }

        await foreach (var (caseId, lift) in store.LiftsSettledAsync(since, until, cancellationToken))
        {
            foreach (var fact in new[] { Lift(caseId, lift), LiftOverdue(caseId, lift) })
            {
                if (fact is not null)
                {
                    yield return fact;
                }
            }
        }
    }

    static string Fact(string caseId, AssignmentRecord assignment) => $"{caseId}|{assignment.Assignment.Key}";

    static string Item(string caseId) => $"case:{caseId}";
}
