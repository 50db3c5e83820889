using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Credit.Records;
using Credit.Storage;

namespace Credit.Disclosure;

/// <summary>
/// One page of a subject's public records, newest decision first; <see cref="Next"/> continues it (null on the last),
/// <see cref="Total"/> counts them all. <see cref="Lists"/>: its red and black list entries, the notices of those
/// that left, and the entries other platforms list it on and publish (each with its <c>source</c>), on every page;
/// <see cref="Commitments"/>: its public credit commitments (信用承诺), on every page.
/// </summary>
public sealed record SubjectPage(
    IReadOnlyList<JsonElement> Records, string? Next, IReadOnlyList<JsonElement> Lists, int Total = 0, IReadOnlyList<JsonElement>? Commitments = null, Evaluation.PublicGrade? Grade = null);

public sealed record SubjectName(string SubjectKey, string Name);

/// <summary>A daily file of published records: the day, the kind (penalty, license), the format (jsonl, csv), its size and where to download it.</summary>
public sealed record PublicFile(string Day, string Kind, string Format, long Bytes, string Path);

/// <summary>
/// What the public sees. Tables the query API reads with one partition query per request (PublicRecords by
/// subject, PublicNames by first character), and files a consumer can mirror, per day and kind, as JSON Lines
/// and CSV in the container "public" (daily/{yyyy-MM-dd}/{penalty|license}.jsonl|csv), rewritten whenever a
/// record of that day comes or goes.
/// </summary>
public sealed class PublicStore(StorageClients storage)
{
    readonly Evaluation.EvaluationMarks evaluations = new(storage);
    readonly TableClient records = storage.Table(StorageNames.PublicRecordsTable);
    readonly TableClient names = storage.Table(StorageNames.PublicNamesTable);
    readonly BlobContainerClient files = storage.Container(StorageNames.PublicContainer);

    /// <summary>Puts entries in public view. Every row is built before the first is written, so an entry that cannot be stored fails before anything of its batch is.</summary>
    public async Task PublishAsync(IReadOnlyList<PublicEntry> entries, DateOnly day, DateTimeOffset publishedAt, CancellationToken cancellationToken)
    {
        var json = entries.ToDictionary(e => e.RecordId, e => JsonSerializer.Serialize(e, PublicJson.Options));
        var recordRows = entries.Select(e => new TableEntity(e.SubjectKey, e.RecordId)
        {
            ["Json"] = json[e.RecordId], ["Day"] = DateText.ToIso(day), ["Kind"] = e.Kind.ToString(), ["PublishedAt"] = publishedAt,
        }).ToList();
        var nameRows = entries.DistinctBy(e => (e.SubjectName, e.SubjectKey)).Select(e => new TableEntity(NamePartition(e.SubjectName), NameRow(e.SubjectName, e.SubjectKey))
        {
            ["Name"] = e.SubjectName, ["SubjectKey"] = e.SubjectKey,
        }).ToList();
        // The subjects are evaluated again (信用评价), in the population of the deciding department; marked before the write.
        await evaluations.MarkAsync(entries.Select(e => (e.SubjectKey, (string?)e.DepartmentCode)), cancellationToken);
        await SubmitAsync(records, recordRows, cancellationToken);
        await SubmitAsync(names, nameRows, cancellationToken);
        foreach (var group in entries.GroupBy(e => e.Kind))
        {
            await RewriteDayAsync(day, group.Key, file => file.Where(e => !json.ContainsKey(e.RecordId)).Concat(group), cancellationToken);
        }
    }

    /// <summary>
    /// Undoes what a failed attempt to publish <paramref name="entry"/> wrote: its public row and its line in the day
    /// file, where they hold this very content (an earlier version already published stays in view).
    /// </summary>
    public async Task RetractAsync(PublicEntry entry, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(entry, PublicJson.Options);
        var stored = await records.GetEntityIfExistsAsync<TableEntity>(entry.SubjectKey, entry.RecordId, cancellationToken: cancellationToken);
        if (!stored.HasValue || stored.Value!.GetString("Json") != json)
        {
            return;
        }

        await evaluations.MarkAsync(entry.SubjectKey, null, cancellationToken);
        await records.DeleteEntityAsync(stored.Value, ETag.All, cancellationToken);
        var day = DateOnly.Parse(stored.Value.GetString("Day"), CultureInfo.InvariantCulture);
        await RewriteDayAsync(day, entry.Kind, file => file.Where(e => e.RecordId != entry.RecordId), cancellationToken);
    }

    /// <summary>
    /// Takes records out of public view (a revocation leaves a notice with its reason in its place), then rewrites
    /// each day file they came from once. Returns how many were in view.
    /// </summary>
    public async Task<int> WithdrawAsync(IReadOnlyList<DueWithdrawal> withdrawals, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var leaving = new Dictionary<(DateOnly Day, RecordKind Kind), HashSet<string>>();
        foreach (var withdrawal in withdrawals)
        {
            var stored = await records.GetEntityIfExistsAsync<TableEntity>(withdrawal.SubjectKey, withdrawal.RecordId, cancellationToken: cancellationToken);
            if (!stored.HasValue || stored.Value!.GetString("Kind") == "Notice")
            {
                continue;
            }

            var entity = stored.Value;
            await evaluations.MarkAsync(withdrawal.SubjectKey, null, cancellationToken);
            if (withdrawal.Reason is null)
            {
                await records.DeleteEntityAsync(entity, ETag.All, cancellationToken);
            }
            else
            {
                var original = JsonSerializer.Deserialize<PublicEntry>(entity.GetString("Json"), PublicJson.Options)!;
                var notice = new
                {
                    recordId = withdrawal.RecordId, status = "revoked", kind = original.Kind.ToString(), documentNumber = original.DocumentNumber, decisionDate = original.DecisionDate,
                    departmentCode = original.DepartmentCode, reason = withdrawal.Reason, revocationDocument = withdrawal.Document, revokedAt = now,
                };
                await records.UpsertEntityAsync(
                    new TableEntity(withdrawal.SubjectKey, withdrawal.RecordId) { ["Json"] = JsonSerializer.Serialize(notice, PublicJson.Options), ["Kind"] = "Notice", ["Day"] = entity.GetString("Day") },
                    TableUpdateMode.Replace,
                    cancellationToken);
            }

            var file = (DateOnly.Parse(entity.GetString("Day"), CultureInfo.InvariantCulture), Enum.Parse<RecordKind>(entity.GetString("Kind")));
            (leaving.TryGetValue(file, out var ids) ? ids : leaving[file] = []).Add(withdrawal.RecordId);
        }

        foreach (var ((day, kind), ids) in leaving)
        {
            await RewriteDayAsync(day, kind, file => file.Where(e => !ids.Contains(e.RecordId)), cancellationToken);
        }

        return leaving.Values.Sum(ids => ids.Count);
    }

    /// <summary>
    /// A page of the subject's public records, newest decision first, from <paramref name="offset"/>: the subject's
    /// partition is read whole (one storage request per 1,000 rows: a subject's records and list rows are few) and
    /// ordered here, since its row keys (record ids) say nothing of dates.
    /// </summary>
    public async Task<SubjectPage> SubjectAsync(string subjectKey, int offset, int pageSize, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in records.QueryAsync<TableEntity>(e => e.PartitionKey == subjectKey, maxPerPage: 1000, select: ["Json", "Kind", UnderObjection], cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        var lists = rows.Where(IsListRow).Select(Public).ToList();
        var commitments = rows.Where(IsCommitmentRow).Select(Public).ToList();
        var newestFirst = rows.Where(e => !IsListRow(e) && !IsCommitmentRow(e)).Select(Public)
            .OrderByDescending(r => r.TryGetProperty("decisionDate", out var day) || r.TryGetProperty("revokedAt", out day) ? day.GetString() : null, StringComparer.Ordinal)
            .ThenBy(r => r.GetProperty("recordId").GetString(), StringComparer.Ordinal)
            .ToList();
        var next = offset + pageSize < newestFirst.Count ? (offset + pageSize).ToString(CultureInfo.InvariantCulture) : null;
        return new SubjectPage([.. newestFirst.Skip(offset).Take(pageSize)], next, lists, newestFirst.Count, commitments);
    }

    /// <summary>
    /// The ids of the subject's records that are or were in public view (a revocation or repair leaves a notice under
    /// the record's id): one partition query, keys only.
    /// </summary>
    public async Task<List<string>> RecordIdsAsync(string subjectKey, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var row in records.QueryAsync<TableEntity>(e => e.PartitionKey == subjectKey, maxPerPage: 1000, select: ["RowKey", "Kind"], cancellationToken: cancellationToken))
        {
            if (!IsListRow(row) && !IsCommitmentRow(row))
            {
                ids.Add(row.RowKey);
            }
        }

        return ids;
    }

    /// <summary>The subject's published decisions of one kind, as they were published (one partition read).</summary>
    public async IAsyncEnumerable<PublicEntry> EntriesAsync(string subjectKey, RecordKind kind, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in records.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {subjectKey} and Kind eq {kind.ToString()}"), select: ["Json"], cancellationToken: cancellationToken))
        {
            yield return JsonSerializer.Deserialize<PublicEntry>(row.GetString("Json"), PublicJson.Options)!;
        }
    }

    /// <summary>Shows (or stops showing) a published record as "under objection" (异议处理中); nothing to mark before it is published.</summary>
    public async Task MarkUnderObjectionAsync(string subjectKey, string recordId, bool under, CancellationToken cancellationToken)
    {
        try
        {
            await records.UpdateEntityAsync(new TableEntity(subjectKey, recordId) { [UnderObjection] = under }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Not public (yet): the record itself carries the mark.
        }
    }

    const string UnderObjection = "UnderObjection";

    /// <summary>
    /// Shows a public commitment on its subject's page as it now stands; the row sits in the subject's partition, so
    /// the page stays one partition read. Repeating it changes nothing.
    /// </summary>
    public async Task ShowCommitmentAsync(string subjectKey, string commitmentId, Commitments.PublicCommitment commitment, CancellationToken cancellationToken) =>
        await records.UpsertEntityAsync(
            new TableEntity(subjectKey, commitmentId) { ["Json"] = JsonSerializer.Serialize(commitment, PublicJson.Options), ["Kind"] = CommitmentKind }, TableUpdateMode.Replace, cancellationToken);

    public const string CommitmentKind = "Commitment";

    static bool IsCommitmentRow(TableEntity entity) => entity.GetString("Kind") == CommitmentKind;

    static bool IsListRow(TableEntity entity) => entity.GetString("Kind") is PublicListStore.EntryKind or PublicListStore.NoticeKind or Exchange.ImportedEntryPublication.Kind;

    static JsonElement Public(TableEntity entity)
    {
        var json = JsonDocument.Parse(entity.GetString("Json")).RootElement;
        if (entity.GetBoolean(UnderObjection) != true)
        {
            return json;
        }

        var marked = System.Text.Json.Nodes.JsonObject.Create(json)!;
        marked["underObjection"] = true;
        return JsonSerializer.SerializeToElement(marked);
    }

    /// <summary>The daily files of a month (yyyy-MM), by day: one listing of the container under daily/{month}-.</summary>
    public async Task<List<PublicFile>> FilesAsync(string month, CancellationToken cancellationToken)
    {
        var found = new List<PublicFile>();
        await foreach (var blob in files.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"daily/{month}-", cancellationToken))
        {
            // daily/{yyyy-MM-dd}/{kind}.{format}
            var parts = blob.Name.Split('/');
            if (parts.Length == 3 && parts[2].Split('.') is [var kind, var format])
            {
                found.Add(new PublicFile(parts[1], kind, format, blob.Properties.ContentLength ?? 0, $"/api/public/files/daily/{parts[1]}/{parts[2]}"));
            }
        }

        return [.. found.OrderBy(f => f.Day, StringComparer.Ordinal).ThenBy(f => f.Kind, StringComparer.Ordinal).ThenBy(f => f.Format, StringComparer.Ordinal)];
    }

    /// <summary>One daily file's content and type; null when that day has no such file.</summary>
    public async Task<(BinaryData Content, string ContentType)?> FileAsync(DateOnly day, string name, CancellationToken cancellationToken)
    {
        try
        {
            var content = (await files.GetBlobClient($"daily/{DateText.ToIso(day)}/{name}").DownloadContentAsync(cancellationToken)).Value;
            return (content.Content, content.Details.ContentType);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Subjects whose public name starts with <paramref name="prefix"/>: one partition query (the first character's).</summary>
    public async Task<List<SubjectName>> SearchAsync(string prefix, int limit, CancellationToken cancellationToken)
    {
        var partition = NamePartition(prefix);
        var lower = TableKeys.Escape(prefix);
        var upper = lower + '\uffff';
        var found = new List<SubjectName>();
        await foreach (var e in names.QueryAsync<TableEntity>(e => e.PartitionKey == partition && e.RowKey.CompareTo(lower) >= 0 && e.RowKey.CompareTo(upper) < 0, maxPerPage: limit, cancellationToken: cancellationToken))
        {
            found.Add(new SubjectName(e.GetString("SubjectKey"), e.GetString("Name")));
            if (found.Count == limit)
            {
                break;
            }
        }

        return found;
    }

    /// <summary>
    /// Rewrites a day's files from the day's JSON Lines file and a change to it: the run's cost follows the
    /// records it publishes or withdraws (and that day's file), not the size of any table.
    /// </summary>
    async Task RewriteDayAsync(DateOnly day, RecordKind kind, Func<IEnumerable<PublicEntry>, IEnumerable<PublicEntry>> change, CancellationToken cancellationToken)
    {
        var stem = $"daily/{DateText.ToIso(day)}/{kind.ToString().ToLowerInvariant()}";
        var current = new List<PublicEntry>();
        try
        {
            var content = (await files.GetBlobClient(stem + ".jsonl").DownloadContentAsync(cancellationToken)).Value.Content.ToString();
            current.AddRange(content.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<PublicEntry>(l, PublicJson.Options)!));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }

        var entries = change(current).ToList();
        if (entries.Count == 0)
        {
            await files.GetBlobClient(stem + ".jsonl").DeleteIfExistsAsync(cancellationToken: cancellationToken);
            await files.GetBlobClient(stem + ".csv").DeleteIfExistsAsync(cancellationToken: cancellationToken);
            return;
        }

        var jsonLines = new StringBuilder();
        foreach (var entry in entries)
        {
            jsonLines.AppendLine(JsonSerializer.Serialize(entry, PublicJson.Options));
        }

        await Upload(stem + ".jsonl", jsonLines.ToString(), "application/x-ndjson; charset=utf-8");
        await Upload(stem + ".csv", Csv(kind, entries), "text/csv; charset=utf-8");

        async Task Upload(string name, string content, string contentType) =>
            await files.GetBlobClient(name).UploadAsync(
                BinaryData.FromString(content), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);
    }

    /// <summary>The template's Chinese headers, with the record id first; UTF-8 with BOM so spreadsheet software reads it.</summary>
    static string Csv(RecordKind kind, List<PublicEntry> entries)
    {
        var fields = RecordSchema.For(kind).Fields.Where(f => entries.Any(e => e.Fields.ContainsKey(f.Code))).ToList();
        var text = new StringBuilder("\uFEFF");
        text.AppendJoin(',', fields.Select(f => f.Name).Prepend("记录编号").Select(Quote)).Append("\r\n");
        foreach (var entry in entries)
        {
            text.AppendJoin(',', fields.Select(f => entry.Fields.GetValueOrDefault(f.Code, "")).Prepend(entry.RecordId).Select(Quote)).Append("\r\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// A cell as a spreadsheet may safely open it. OWASP's rule against CSV injection: a value that begins with
    /// = + - @, a tab or a carriage return is prefixed with a single quote, so it is shown as text and never evaluated
    /// as a formula; then every cell is quoted where it holds a comma, a quote or a line break.
    /// </summary>
    public static string Quote(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    static Task SubmitAsync(TableClient table, IEnumerable<TableEntity> entities, CancellationToken cancellationToken) =>
        TableBatches.UpsertAsync(table, entities, TableTransactionActionType.UpsertReplace, cancellationToken);

    /// <summary>The partition of a name in PublicNames: its first character (a surrogate pair whole), through the key encoder.</summary>
    public static string NamePartition(string name) =>
        "n_" + TableKeys.Escape(name.Length == 0 ? "" : char.IsHighSurrogate(name[0]) && name.Length > 1 && char.IsLowSurrogate(name[1]) ? name[..2] : name[..1]);

    /// <summary>The row of a (name, subject) in PublicNames: the encoded name, so that a name prefix is a key prefix.</summary>
    public static string NameRow(string name, string subjectKey) => $"{TableKeys.Escape(name)}|{subjectKey}";
}
