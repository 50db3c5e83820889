using Azure.Data.Tables;
using Credit.Statistics;
using Credit.Storage;

namespace Credit.Disclosure;

/// <summary>
/// The disclosure facts: per department and batch, how many records were published on time and how many late.
/// Rebuilt from the publication each record keeps (its batch, time and lateness), in the records table and, for a
/// version replaced since, in the versions table; and each red or black list entry keeps its own in the entries table.
/// </summary>
public sealed class PublicationFacts(StorageClients storage) : IStatisticsSource
{
    /// <summary>Stored on a record with its publication: the batch that published it.</summary>
    public const string BatchProperty = "DisclosureBatch";

    public static IEnumerable<StatisticEvent> Of(string department, string batch, DateTimeOffset publishedAt, long onTime, long late) =>
        new StatisticEvent[]
        {
            new(department, publishedAt, StatisticKinds.DisclosedOnTime, batch, onTime),
            new(department, publishedAt, StatisticKinds.DisclosedLate, batch, late),
        }.Where(f => f.Count > 0);

    public async IAsyncEnumerable<StatisticEvent> FactsAsync(DateTimeOffset since, DateTimeOffset until, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var publications = new Dictionary<(string Department, string Batch, DateTimeOffset At), (long OnTime, long Late)>();
        foreach (var table in new[] { StorageNames.RecordsTable, StorageNames.RecordVersionsTable, StorageNames.ListEntriesTable })
        {
            await foreach (var row in storage.Table(table).QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PublishedAt ge {since} and PublishedAt lt {until}"),
                select: ["DepartmentCode", DisclosureState.PublishedAt, DisclosureState.Late, BatchProperty],
                cancellationToken: cancellationToken))
            {
                var at = row.GetDateTimeOffset(DisclosureState.PublishedAt)!.Value;
                // A record published before batches were kept with it is counted under its publication time.
                var key = (row.GetString("DepartmentCode"), row.GetString(BatchProperty) ?? $"published|{at:O}", at);
                var (onTime, late) = publications.GetValueOrDefault(key);
                publications[key] = row.GetBoolean(DisclosureState.Late) == true ? (onTime, late + 1) : (onTime + 1, late);
            }
        }

        foreach (var ((department, batch, at), (onTime, late)) in publications)
        {
            foreach (var fact in Of(department, batch, at, onTime, late))
            {
                yield return fact;
            }
        }
    }
}
