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
/// so that the page stays one query. Written when the entry is imported or changed, before the entry itself: a crash
/// in between is repeated by the next import of the file. An entry its source does not publish, or a watch entry
/// (shared between departments only), is never shown; one that stops being public, or names another subject, leaves
/// the page it was on.
/// </summary>
public sealed class ImportedEntryPublication(StorageClients storage)
{
    public const string Kind = "ImportedEntry";

    readonly TableClient subjects = storage.Table(StorageNames.PublicRecordsTable);
    readonly TableClient names = storage.Table(StorageNames.PublicNamesTable);

    public async Task PublishAsync(ExchangeSource source, ImportedEntry? previous, ImportedEntry entry, CancellationToken cancellationToken)
    {
        if (previous is not null && Shown(previous) && (!Shown(entry) || previous.SubjectKey != entry.SubjectKey))
        {
            await subjects.DeleteEntityAsync(previous.SubjectKey, Row(previous), ETag.All, cancellationToken);
        }

        if (!Shown(entry))
        {
            return;
        }

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

    static bool Shown(ImportedEntry entry) => entry.Public && PublicListEntry.IsPublished(entry.ListType);

    /// <summary>A list row of the subject's partition (<see cref="PublicListStore.SubjectRowPrefix"/>), apart from Beijing's own (an entry id holds no '|').</summary>
    static string Row(ImportedEntry entry) => $"{PublicListStore.SubjectRowPrefix}{entry.Source}|{TableKeys.Escape(entry.SourceId)}";
}
