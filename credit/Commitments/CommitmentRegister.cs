using Credit.Disclosure;
using Credit.Statistics;

namespace Credit.Commitments;

/// <summary>
/// What follows a commitment's every write, for the API and the upload alike: its facts counted for the taking
/// department's statistics, and a public one shown on its subject's public page as it now stands. Both are the same
/// rows written again when repeated, so a retry after a crash mends what the crash left.
/// </summary>
public sealed class CommitmentRegister(StatisticsLedger statistics, PublicStore published, Departments.DepartmentRegistry departments)
{
    public async Task FollowAsync(Commitment commitment, CancellationToken cancellationToken)
    {
        await statistics.RecordAsync(CommitmentFacts.Of(commitment), cancellationToken);
        if (commitment.Public)
        {
            var name = (await departments.FindAsync(commitment.Department, cancellationToken))?.Name ?? commitment.Department;
            await published.ShowCommitmentAsync(commitment.SubjectKey, commitment.Id, PublicCommitment.Of(commitment, name), cancellationToken);
        }
    }
}
