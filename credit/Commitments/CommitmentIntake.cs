using Credit.Calendar;
using Credit.Records;

namespace Credit.Commitments;

/// <summary>What one chunk of an uploaded commitments file gave: counts and the rejected rows.</summary>
public sealed record CommitmentChunkResult(long Received, long Created, long Unchanged, IReadOnlyList<RowError> Rejected, long RejectedRows);

/// <summary>The rows of an uploaded commitments file: each checked as one sent over HTTP, stored, counted and shown, reported row by row.</summary>
public sealed class CommitmentIntake(CommitmentValidator validator, CommitmentStore store, CommitmentRegister register, TimeProvider clock)
{
    public async Task<CommitmentChunkResult> IngestAsync(string departmentCode, IAsyncEnumerable<RawRow> rows, CancellationToken cancellationToken)
    {
        var today = BeijingTime.Today(clock);
        var read = new Intake.UploadedRows();
        var accepted = new Dictionary<string, (Commitment Commitment, long Row, Func<string, string?> HeaderOf)>(StringComparer.Ordinal);
        await foreach (var row in read.ReadableAsync(rows, cancellationToken))
        {
            var (draft, headerOf, cellErrors) = CommitmentColumns.ToDraft(row);
            var (commitment, errors) = validator.Validate(departmentCode, draft, today);
            if (commitment is null || cellErrors.Count > 0)
            {
                read.Reject(cellErrors.Concat(errors.Select(e => e with { Row = row.Number, Column = e.Column is { } column ? headerOf(column) : null })));
                continue;
            }

            if (accepted.TryGetValue(commitment.Id, out var earlier))
            {
                read.Reject([new RowError(earlier.Row, earlier.HeaderOf("reference"), commitment.Reference, "DUPLICATE_COMMITMENT_IN_FILE",
                    $"与第{row.Number}行是同一承诺（同一主体、承诺类型和事项编号），以第{row.Number}行为准",
                    $"the same commitment (subject, kind and reference) as row {row.Number}, which supersedes it")]);
            }

            accepted[commitment.Id] = (commitment, row.Number, headerOf);
        }

        long created = 0;
        long unchanged = 0;
        foreach (var (commitment, rowNumber, headerOf) in accepted.Values)
        {
            var (stored, isNew) = await store.TakeAsync(commitment, cancellationToken);
            if (!isNew && !stored.SameTakingAs(commitment))
            {
                read.Reject([new RowError(rowNumber, headerOf("reference"), commitment.Reference, "COMMITMENT_EXISTS",
                    $"该承诺（{stored.Id}）已存在且内容不同", $"commitment {stored.Id} exists with other content")]);
                continue;
            }

            await register.FollowAsync(stored, cancellationToken);
            created += isNew ? 1 : 0;
            unchanged += isNew ? 0 : 1;
        }

        return new CommitmentChunkResult(read.Received, created, unchanged, read.Rejected, read.RejectedRows);
    }
}
