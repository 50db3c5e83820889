using Credit.Records;

namespace Credit.Lists;

/// <summary>What one chunk of an uploaded list file gave: counts, rejected rows, and the entries whose cases must run.</summary>
public sealed record ListChunkResult(long Received, long Created, long Unchanged, IReadOnlyList<RowError> Rejected, long RejectedRows, IReadOnlyList<string> Cases);

/// <summary>The rows of an uploaded red/black list file: checked like an entry sent over HTTP, stored, reported row by row.</summary>
public sealed class ListEntryIntake(ListEntryValidator validator, Catalogue.ConductCatalogue catalogue, ListStore lists, ListingRefusals refusals, TimeProvider clock)
{
    public async Task<ListChunkResult> IngestAsync(string departmentCode, IAsyncEnumerable<RawRow> rows, CancellationToken cancellationToken)
    {
        var read = new Intake.UploadedRows();
        var accepted = new Dictionary<string, (ListEntry Entry, long Row, Func<string, string?> HeaderOf)>(StringComparer.Ordinal);
        var items = await catalogue.SnapshotAsync(cancellationToken);
        await foreach (var row in read.ReadableAsync(rows, cancellationToken))
        {
            var (draft, headerOf) = ListEntryColumns.ToDraft(row);
            var (entry, errors) = validator.Validate(departmentCode, draft, items, row.Number);
            if (entry is null)
            {
                read.Reject(errors.Select(e => e with { Column = e.Column is { } column ? headerOf(column) : null }));
                continue;
            }

            if (accepted.TryGetValue(entry.Id, out var earlier))
            {
                read.Reject([new RowError(earlier.Row, headerOf("decisionDocument"), entry.DecisionDocument, "DUPLICATE_ENTRY_IN_FILE",
                    $"与第{row.Number}行是同一名单（同一主体、名单类型和决定文书号），以第{row.Number}行为准",
                    $"the same entry (subject, list type and decision document) as row {row.Number}, which supersedes it")]);
            }

            accepted[entry.Id] = (entry, row.Number, headerOf);
        }

        long created = 0;
        long unchanged = 0;
        var cases = new List<string>();
        foreach (var (entry, rowNumber, headerOf) in accepted.Values)
        {
            if (await refusals.RefusalAsync(entry, rowNumber, cancellationToken) is { } refusal)
            {
                read.Reject([refusal with { Column = headerOf(refusal.Column!) }]);
                continue;
            }

            var (stored, isNew) = await lists.CreateAsync(entry, clock.GetUtcNow(), cancellationToken);
            if (!isNew && !stored.SameContentAs(entry))
            {
                read.Reject([new RowError(rowNumber, null, entry.DecisionDocument, "ENTRY_EXISTS",
                    $"该名单（{stored.Id}）已存在且内容不同，变更请使用变更接口 POST /api/lists/entries/{stored.Id}/amendments",
                    $"entry {stored.Id} exists with other content: change it with POST /api/lists/entries/{stored.Id}/amendments")]);
                continue;
            }

            created += isNew ? 1 : 0;
            unchanged += isNew ? 0 : 1;
            cases.Add(stored.Id);
        }

        return new ListChunkResult(read.Received, created, unchanged, read.Rejected, read.RejectedRows, cases);
    }
}
