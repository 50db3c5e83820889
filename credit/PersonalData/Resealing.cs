using Azure;
using Azure.Data.Tables;
using Credit.Storage;

namespace Credit.PersonalData;

public sealed record ResealRequest(string Table, string? Token, int Version, int PageSize);

/// <summary>One page re-sealed: the continuation token of the next (null: the table is done), rows read, values re-sealed.</summary>
public sealed record ResealedPage(string? Next, int Scanned, int Resealed);

/// <summary>
/// Re-seals stored personal data under the active data key, one page of a table at a time: every sealed value of a
/// row (whatever its column, each bound to its column) below the target version is opened and sealed again. A page
/// repeated changes nothing more; a row changed meanwhile is read again, a row deleted meanwhile is left.
/// </summary>
public sealed class Resealing(StorageClients storage, DataKeys dataKeys)
{
    /// <summary>The tables that hold sealed values.</summary>
    public static readonly IReadOnlyList<string> Tables = [StorageNames.RecordsTable, StorageNames.RecordVersionsTable, StorageNames.ListEntriesTable, StorageNames.RemediesTable, StorageNames.GovernmentRecordsTable];

    const int Attempts = 3;

    public async Task<ResealedPage> ResealPageAsync(ResealRequest request, CancellationToken cancellationToken = default)
    {
        var cipher = await dataKeys.CipherAsync(cancellationToken);
        if (cipher.CurrentVersion < request.Version)
        {
            // Retried by the orchestration: this instance has not loaded the activated key yet.
            throw new InvalidOperationException($"this instance does not seal with data key {request.Version} yet (it seals with {cipher.CurrentVersion})");
        }

        var table = storage.Table(request.Table);
        await foreach (var page in table.QueryAsync<TableEntity>(maxPerPage: request.PageSize, cancellationToken: cancellationToken).AsPages(request.Token, request.PageSize))
        {
            var resealed = 0;
            foreach (var entity in page.Values)
            {
                resealed += await ResealAsync(table, entity, cipher, request.Version, cancellationToken);
            }

            return new ResealedPage(page.ContinuationToken, page.Values.Count, resealed);
        }

        return new ResealedPage(null, 0, 0);
    }

    static async Task<int> ResealAsync(TableClient table, TableEntity entity, FieldCipher cipher, int version, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var patch = new TableEntity(entity.PartitionKey, entity.RowKey);
            foreach (var (column, value) in entity)
            {
                if (value is string text && FieldCipher.VersionOf(text) < version)
                {
                    patch[column] = cipher.Protect(column, cipher.Reveal(column, text));
                }
            }

            if (patch.Count == 2)
            {
                return 0;
            }

            try
            {
                await table.UpdateEntityAsync(patch, entity.ETag, TableUpdateMode.Merge, cancellationToken);
                return patch.Count - 2;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return 0;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < Attempts)
            {
                // Written meanwhile: what it holds now is what is re-sealed.
                if ((await table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken)).Value is not { } fresh)
                {
                    return 0;
                }

                entity = fresh;
            }
        }
    }
}
