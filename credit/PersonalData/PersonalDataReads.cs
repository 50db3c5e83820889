using System.Globalization;
using Azure.Data.Tables;
using Credit.Identifiers;
using Credit.Storage;

namespace Credit.PersonalData;

/// <summary>One read of a natural person's private data: who read what, when, and for what purpose.</summary>
public sealed record PersonalDataRead(DateTimeOffset At, string Reader, string What, string Item, string Purpose);

/// <summary>
/// The audit of every read of a natural person's private data (a record, a list entry, a case's targets, a notice's
/// identity, a credit check by ID number): table PersonalDataReads, partition = the person's key, newest first, so
/// the person reads who read its data in one query (个人信息保护法 Art. 44–45, the right to know and to consult;
/// Art. 51, access limited and recorded). Each read is its own row: a read repeated is two reads. The caller writes
/// the row before it answers, so a read that cannot be audited is not served.
/// </summary>
public sealed class PersonalDataReads(StorageClients storage, TimeProvider clock)
{
    public const int MaxListed = 500;

    readonly TableClient table = storage.Table(StorageNames.PersonalDataReadsTable);

    /// <summary>Audits one read of <paramref name="item"/> for each natural person among <paramref name="subjectKeys"/>; organisations are skipped.</summary>
    public async Task RecordAsync(IEnumerable<string> subjectKeys, string reader, string what, string item, string purpose, CancellationToken cancellationToken = default)
    {
        var at = clock.GetUtcNow();
        var persons = subjectKeys.Where(SubjectKeys.IsPersonKey).Distinct(StringComparer.Ordinal).ToList();
        await Task.WhenAll(persons.Select(person => table.AddEntityAsync(new TableEntity(person, RowKey(at))
        {
            ["At"] = at,
            ["Reader"] = reader,
            ["What"] = what,
            ["Item"] = item,
            ["Purpose"] = purpose,
        }, cancellationToken)));
    }

    public async Task<IReadOnlyList<PersonalDataRead>> OfPersonAsync(string subjectKey, CancellationToken cancellationToken = default)
    {
        var found = new List<PersonalDataRead>();
        await foreach (var e in table.QueryAsync<TableEntity>(e => e.PartitionKey == subjectKey, maxPerPage: MaxListed, cancellationToken: cancellationToken))
        {
            found.Add(new PersonalDataRead(e.GetDateTimeOffset("At") ?? default, e.GetString("Reader"), e.GetString("What"), e.GetString("Item"), e.GetString("Purpose")));
            if (found.Count == MaxListed)
            {
                break;
            }
        }

        return found;
    }

    // Newest first (inverted ticks), made unique by a random suffix: two reads in one tick are two rows.
    static string RowKey(DateTimeOffset at) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
}
