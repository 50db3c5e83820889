using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Credit.Calendar;
using Credit.Intake;
using Credit.Records;
using Microsoft.Extensions.Options;

namespace Credit.Exchange;

/// <summary>
/// What importing one exchange file did, written beside it as exchange/reports/{source}/{name}.report.json: counts,
/// the file's own errors (row 0) and every rejected row, in Chinese and English, under the header the file used.
/// </summary>
public sealed record ExchangeReport(
    string Source,
    string File,
    bool Full,
    DateTimeOffset ImportedAt,
    long Received,
    long Created,
    long Updated,
    long Unchanged,
    long Removed,
    long Rejected,
    IReadOnlyList<RowError> FileErrors,
    IReadOnlyList<RowError> Errors,
    IReadOnlyList<string> ResponseCasesStarted,
    IReadOnlyList<string> ResponseCasesEnded);

/// <summary>
/// Imports a list file another platform sent (issue 19; the seed, 二(一)2 and 二(五)3). The file is read as an upload
/// is (same encodings, same errors), pinned to the version that arrived; each row is checked on its own, and the good
/// rows go in whatever the bad ones are. Entries are kept by (source, the source's id): a re-sent file changes
/// nothing, a changed row keeps its previous content as a version, 状态 已移出 removes an entry, and a full file (its
/// name starts with "full") removes every entry of the source it no longer names. A new, changed or removed entry of a
/// kind Beijing responds to starts or ends its case (<see cref="ImportedEntryResponse"/>), the report naming those
/// cases; and each stored entry is marked for its public copy (<see cref="ImportedEntryPublication"/>).
/// </summary>
public sealed class ExchangeImport(ImportedEntryStore store, ImportedEntryValidator validator, ImportedEntryResponse response, IOptions<IntakeOptions> options, TimeProvider clock)
{
    /// <summary>A full file names every entry of its source in force; a delta file only what changed.</summary>
    static bool IsFull(string fileName) => fileName.StartsWith("full", StringComparison.OrdinalIgnoreCase);

    public async Task<ExchangeReport> ImportAsync(ExchangeSource source, BlobClient blob, string fileName, CancellationToken cancellationToken)
    {
        var importedAt = clock.GetUtcNow();
        var full = IsFull(fileName);
        ExchangeReport Refused(RowError error) => new(source.Code, fileName, full, importedAt, 0, 0, 0, 0, 0, 0, [error], [], [], []);

        if (FileFormats.FromFileName(fileName) is not { } format)
        {
            return Refused(FileErrors.UnsupportedFormat(fileName));
        }

        var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        if (properties.ContentLength == 0)
        {
            return Refused(FileErrors.Empty());
        }

        // Every read is of the version that arrived: a file replaced meanwhile fails the import, and its own event imports it.
        var pinned = new BlobRequestConditions { IfMatch = properties.ETag };
        var head = await blob.DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(0, FileErrors.SniffBytes), Conditions = pinned }, cancellationToken);
        if (FileErrors.Sniff(head.Value.Content.ToMemory().Span, fileName) is { } unreadable)
        {
            return Refused(unreadable);
        }

        IntakePlan plan;
        await using (var content = (await blob.DownloadStreamingAsync(new BlobDownloadOptions { Conditions = pinned }, cancellationToken)).Value.Content)
        {
            plan = await LayoutScanner.ScanAsync(content, format, options.Value.ChunkRows, cancellationToken);
        }

        if (plan.Kind != RecordKind.ExchangeEntry)
        {
            return Refused(plan.FileErrors.FirstOrDefault(e => e.Code != "UNKNOWN_FILE_KIND") ?? FileErrors.NotAnExchangeFile(plan.Kind));
        }

        if (plan.FileErrors.Count > 0)
        {
            return Refused(plan.FileErrors[0]);
        }

        var today = BeijingTime.Today(clock);
        var (started, ended) = (new System.Collections.Concurrent.ConcurrentBag<string>(), new System.Collections.Concurrent.ConcurrentBag<string>());
        async Task<ImportedEntry> BeforeWriteAsync(ImportedEntry? previous, ImportedEntry entry)
        {
            var step = await response.ApplyAsync(source, previous, entry, today, cancellationToken);
            if (step.Started is { } start)
            {
                started.Add(start);
            }

            if (step.Ended is { } end)
            {
                ended.Add(end);
            }

            return step.Entry;
        }

        var layout = new FileLayout(plan.Format, plan.EncodingName, RecordKind.ExchangeEntry, plan.Headers);
        var rejected = new List<RowError>();
        var firstRows = new Dictionary<string, long>(StringComparer.Ordinal);
        // Every id a row names, taken or not: a full file removes only what it does not name at all, never an entry whose row was refused.
        var named = new HashSet<string>(StringComparer.Ordinal);
        var sourceIdHeader = plan.Headers.FirstOrDefault(h => ImportedEntryColumns.FieldForHeader(h)?.Code == ImportedEntryColumns.SourceId);
        var (received, rejectedRows, created, updated, unchanged) = (0L, 0L, 0L, 0L, 0L);
        foreach (var chunk in plan.Chunks)
        {
            var accepted = new List<ImportedEntry>();
            var range = await blob.DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(chunk.Start, chunk.End - chunk.Start), Conditions = pinned }, cancellationToken);
            await using (var content = range.Value.Content)
            {
                await foreach (var row in ChunkReader.ReadAsync(content, layout, chunk, cancellationToken))
                {
                    if (row.Cells.All(c => string.IsNullOrWhiteSpace(c.Value)))
                    {
                        continue;
                    }

                    received++;
                    if (row.Cells.FirstOrDefault(c => c.Field?.Code == ImportedEntryColumns.SourceId)?.Value.Trim() is { Length: > 0 } id)
                    {
                        named.Add(id);
                    }

                    var (entry, errors) = row.Malformed is { } malformed ? (null, [malformed]) : validator.Validate(source, row, today);
                    if (entry is null)
                    {
                        rejected.AddRange(errors);
                        rejectedRows++;
                        continue;
                    }

                    if (firstRows.TryGetValue(entry.SourceId, out var first))
                    {
                        rejectedRows++;
                        rejected.Add(new RowError(row.Number, sourceIdHeader, entry.SourceId, "DUPLICATE_SOURCE_ID",
                            $"来源编号与第{first}行相同，以第{first}行为准", $"the same source id as row {first}, which is kept"));
                        continue;
                    }

                    firstRows[entry.SourceId] = row.Number;
                    accepted.Add(entry);
                }
            }

            // A row Beijing responds to starts its case before it is stored, so it is stored one by one; the others in batches.
            var responds = accepted.ToLookup(e => source.Kind(e.ListKind)?.Response is not null);
            var outcomes = new List<ImportOutcome>(await store.SaveAllAsync([.. responds[false]], BeforeWriteAsync, cancellationToken));
            foreach (var entry in responds[true])
            {
                outcomes.Add(await store.SaveAsync(entry, BeforeWriteAsync, cancellationToken));
            }

            created += outcomes.Count(o => o == ImportOutcome.Created);
            updated += outcomes.Count(o => o == ImportOutcome.Updated);
            unchanged += outcomes.Count(o => o == ImportOutcome.Unchanged);
        }

        // A full file without a row is more likely a failed export than an empty list: it removes nothing, and says so.
        RowError[] fileErrors = full && received == 0 ? [EmptyFullFile()] : [];
        var removed = full && received > 0 ? await store.RemoveAbsentAsync(source.Code, named.Contains, today, BeforeWriteAsync, cancellationToken) : 0;
        return new ExchangeReport(source.Code, fileName, full, importedAt, received, created, updated, unchanged, removed, rejectedRows, fileErrors, [.. rejected.OrderBy(e => e.Row)],
            [.. started.Distinct().Order(StringComparer.Ordinal)], [.. ended.Distinct().Order(StringComparer.Ordinal)]);
    }

    static RowError EmptyFullFile() => new(
        0, null, null, "EMPTY_FULL_FILE",
        "全量文件没有数据行，未移出任何名单：移出名单请发送状态为“已移出”的增量文件，或发送含全部有效名单的全量文件",
        "a full file without rows removes nothing: to remove entries send a delta file with 状态 已移出, or a full file naming every entry in force");
}
