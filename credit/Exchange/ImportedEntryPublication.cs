using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Credit.Disclosure;
using Credit.Lists;
using Credit.Storage;

namespace Credit.Exchange;

/// <summary>
/// An imported entry as 信用北京 shows it on its subject's page: which platform listed it, as what, by whom, for which
/// period, and once removed there the day (<see cref="Status"/> "listed" or "removed"). A natural person's name and
/// ID number come masked, as the source row was stored.
/// </summary>
public sealed record PublicImportedEntry(
    string EntryId,
    string Source,
    string SourceName,
    string SourceNameEn,
    ListType ListType,
    string SubjectName,
    string SubjectCode,
    SubjectKind SubjectKind,
    string Category,
    string? DecisionDocument,
    string InitiatingDepartmentName,
    DateOnly StartDate,
    DateOnly? EndDate,
    string Status,
    DateOnly? RemovedOn,
    string? ReasonZh);

/// <summary>
/// Puts imported red and black entries that their source publishes on their subject's page of the public query: a row
/// in the subject's partition of PublicRecords beside Beijing's own list rows (<see cref="PublicListStore.SubjectRowPrefix"/>),
/// so that the page stays one query. An import marks each entry it stores (<see cref="ImportedEntryStore"/>), and the
/// disclosure run publishes the marked ones (an import of a million rows writes no row per subject page, and the
/// public sees the source's list within the run's schedule). An entry its source does not publish, or a watch entry
/// (shared between departments only), is never shown; one that stops being public, or names another subject, leaves
/// the page it was on. Each entry is published in isolation: one that fails is retried by the next runs, then quarantined.
/// </summary>
public sealed class ImportedEntryPublication(ImportedEntryStore store, ExchangeSources sources, Quarantine.QuarantineStore quarantine, StorageClients storage)
{
    public const string Kind = "ImportedEntry";
    public const string RunName = "ImportedEntryPublication";

    readonly TableClient subjects = storage.Table(StorageNames.PublicRecordsTable);
    readonly TableClient names = storage.Table(StorageNames.PublicNamesTable);

    /// <summary>Publishes every marked entry of every source; returns how many were taken.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var guard = await quarantine.BeginAsync(RunName, cancellationToken);
        var taken = 0;
        foreach (var source in await sources.ListAsync(cancellationToken))
        {
            foreach (var (sourceId, mark) in await store.DuePublicationsAsync(source.Code, cancellationToken))
            {
                if (await guard.RunAsync($"{source.Code}/{sourceId}", null, () => PublishAsync(source, sourceId, mark, cancellationToken), cancellationToken))
                {
                    taken++;
                }
            }
        }

        return taken;
    }

    async Task PublishAsync(ExchangeSource source, string sourceId, ETag mark, CancellationToken cancellationToken)
    {
        if (await store.ForPublicationAsync(source.Code, sourceId, cancellationToken) is not var (entry, published))
        {
            return;
        }

        var shown = entry.Public && PublicListEntry.IsPublished(entry.ListType);
        if (published is not null && (!shown || published != entry.SubjectKey))
        {
            await subjects.DeleteEntityAsync(published, Row(entry), ETag.All, cancellationToken);
        }

        if (shown)
        {
            var copy = new PublicImportedEntry(
                $"{entry.Source}/{entry.SourceId}", entry.Source, source.Name, source.NameEn, entry.ListType, entry.SubjectName, entry.SubjectLabel, entry.SubjectKind,
                source.Kind(entry.ListKind)?.Name ?? entry.ListKind, entry.DecisionDocument, entry.ListingAuthority, entry.StartDate, entry.EndDate,
                entry.RemovedOn is null ? "listed" : "removed", entry.RemovedOn, entry.RemovedOn is null ? null : JointCases.CaseEndReasons.ZhName(JointCases.CaseEndReason.RemovedAtSource));
            await subjects.UpsertEntityAsync(new TableEntity(entry.SubjectKey, Row(entry))
            {
                ["Json"] = JsonSerializer.Serialize(copy, PublicJson.Options), ["Kind"] = Kind,
            }, TableUpdateMode.Replace, cancellationToken);
            await names.UpsertEntityAsync(new TableEntity(PublicStore.NamePartition(entry.SubjectName), PublicStore.NameRow(entry.SubjectName, entry.SubjectKey))
            {
                ["Name"] = entry.SubjectName, ["SubjectKey"] = entry.SubjectKey,
            }, TableUpdateMode.Replace, cancellationToken);
        }

        await store.CompletePublicationAsync(entry.Source, entry.SourceId, shown ? entry.SubjectKey : null, mark, cancellationToken);
    }

    /// <summary>A list row of the subject's partition (<see cref="PublicListStore.SubjectRowPrefix"/>), apart from Beijing's own (an entry id holds no '|').</summary>
    static string Row(ImportedEntry entry) => $"{PublicListStore.SubjectRowPrefix}{entry.Source}|{TableKeys.Escape(entry.SourceId)}";
}
