using Credit.Records;

namespace Credit.Intake;

/// <summary>
/// The rows of a chunk as an intake of entries (list entries, commitments) reads them: blank rows skipped, every other
/// row counted as received, a malformed one rejected with its reason; the intake rejects the others it refuses here too.
/// </summary>
public sealed class UploadedRows
{
    readonly List<RowError> rejected = [];

    public long Received { get; private set; }

    public long RejectedRows { get; private set; }

    public IReadOnlyList<RowError> Rejected => rejected;

    public async IAsyncEnumerable<RawRow> ReadableAsync(IAsyncEnumerable<RawRow> rows, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (row.Cells.All(c => string.IsNullOrWhiteSpace(c.Value)))
            {
                continue;
            }

            Received++;
            if (row.Malformed is { } malformed)
            {
                Reject([malformed]);
                continue;
            }

            yield return row;
        }
    }

    /// <summary>Rejects one row, for every reason given.</summary>
    public void Reject(IEnumerable<RowError> errors)
    {
        rejected.AddRange(errors);
        RejectedRows++;
    }
}
