using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Credit.Calendar;
using Credit.Disclosure;
using Credit.Identifiers;
using Credit.Lists;
using Credit.Quarantine;
using Credit.Records;
using Credit.Remedies;
using Credit.Storage;
using Microsoft.Extensions.Options;

namespace Credit.Exchange;

/// <summary>What one target's export did: its sequence (null: the target failed and waits in the quarantine), what it carried, the acknowledgements read, the exports sent again.</summary>
public sealed record ExportRunResult(string Target, long Sequence, int Records, int ListEntries, int Remedies, int Acknowledged, int Resent);

/// <summary>A Beijing list entry as exported: a natural person's name and ID number masked, as published.</summary>
public sealed record ExportedListEntry(
    string EntryId, ListType ListType, string SubjectName, string SubjectCode, SubjectKind SubjectKind, string Category, string Field, string? CatalogueCode,
    string LegalBasis, string DecisionDocument, string InitiatingDepartment, DateOnly StartDate, DateOnly EndDate, string Status, string? EndReason, DateOnly? EndedOn);

/// <summary>A decided objection or repair as exported: what it was about and the outcome, not the subject's statement or proof.</summary>
public sealed record ExportedRemedy(string Id, RemedyKind Kind, ItemKind ItemKind, string ItemId, RemedyState State, string DecidingDepartment, string? DecisionReason, DateTimeOffset? DecidedAt);

/// <summary>
/// The daily export to each target platform (issue 19; the seed, 二(一)2 and 二(五)3): once a day, what changed in
/// Beijing since the target's last export — the 双公示 records published (in the national template's CF_/XK_ column
/// codes), the list entries created or ended, the objections and repairs decided — to exchange/out/{target}/{date}/
/// with a manifest (counts, SHA-256 per file, the export's sequence number). Acknowledgements are read back from
/// exchange/ack/{target}/ first; an export not acknowledged within <see cref="ExchangeOptions.AckWorkingDays"/> goes again
/// with the day's export. Each target runs in isolation (a failing one waits in the quarantine); a run repeated on the
/// same day changes nothing, and one that died half-way writes the same files again.
/// </summary>
public sealed class ExchangeExportRun(
    ExchangeExportStore store, ListStore lists, RemedyStore remedies, Statistics.StatisticsLedger statistics, QuarantineStore quarantine,
    WorkingDayCalendar calendar, StorageClients storage, IOptions<ExchangeOptions> options, TimeProvider clock)
{
    public const string RunName = "ExchangeExport";
    public const string RecordsKindPenalty = "Penalty";
    public const string RecordsKindLicense = "License";
    public const string ListEntriesKind = "ListEntry";
    public const string RemediesKind = "Remedy";

    static readonly JsonSerializerOptions Json = new(PublicJson.Options) { WriteIndented = false };
    static readonly JsonSerializerOptions Manifest = new(PublicJson.Options) { WriteIndented = true };
    readonly BlobContainerClient exchange = storage.Container(StorageNames.ExchangeContainer);
    readonly BlobContainerClient published = storage.Container(StorageNames.PublicContainer);

    public async Task<IReadOnlyList<ExportRunResult>> RunAsync(CancellationToken cancellationToken)
    {
        var guard = await quarantine.BeginAsync(RunName, cancellationToken);
        var results = new List<ExportRunResult>();
        foreach (var target in options.Value.TargetCodes)
        {
            await guard.RunAsync($"export|{target}", null, async () => results.Add(await ExportAsync(target, cancellationToken)), cancellationToken);
        }

        return results;
    }

    /// <summary>The acknowledgement's due day: <see cref="ExchangeOptions.AckWorkingDays"/> working days after the export.</summary>
    public DateOnly AckDue(ExchangeExport export) => calendar.AddWorkingDays(export.Date, options.Value.AckWorkingDays).Date;

    async Task<ExportRunResult> ExportAsync(string target, CancellationToken cancellationToken)
    {
        if (!ItemCode.IsValid(target))
        {
            throw new InvalidOperationException($"the export target '{TextRules.Echo(target)}' is no source code (setting Exchange__Targets) / 导出目标“{TextRules.Echo(target)}”不是交换来源编号");
        }

        var acknowledged = await ReadAcknowledgementsAsync(target, cancellationToken);
        var today = BeijingTime.Today(clock);
        if (await store.OfDateAsync(target, today, cancellationToken) is { } done)
        {
            // Exported today already; a run that died after storing it may not have recorded its resends.
            await MarkResentAsync(target, done, cancellationToken);
            return Result(done, acknowledged);
        }

        var cursor = await store.CursorAsync(target, cancellationToken) ?? new ExportCursor(today.AddDays(-2), 0);
        var (from, to) = (cursor.Through.AddDays(1), today.AddDays(-1));
        var folder = ExchangeExport.FolderOf(target, today);
        var files = new List<ExportFile>();
        var records = from <= to ? await PublishedAsync(from, to, cancellationToken) : [];
        foreach (var kind in new[] { RecordKind.Penalty, RecordKind.License })
        {
            var ofKind = records.Where(r => r.Entry.Kind == kind).ToList();
            if (ofKind.Count > 0)
            {
                files.Add(await WriteAsync(folder, kind == RecordKind.Penalty ? "penalties.csv" : "licences.csv", kind.ToString(), ofKind.Count, RecordsCsv(kind, ofKind), cancellationToken));
            }
        }

        var entries = from <= to ? await ListEntriesAsync(target, from, to, cancellationToken) : [];
        if (entries.Count > 0)
        {
            files.Add(await WriteAsync(folder, "list-entries.jsonl", ListEntriesKind, entries.Count, JsonLines(entries), cancellationToken));
        }

        var decided = from <= to ? await RemediesAsync(from, to, cancellationToken) : [];
        if (decided.Count > 0)
        {
            files.Add(await WriteAsync(folder, "remedies.jsonl", RemediesKind, decided.Count, JsonLines(decided), cancellationToken));
        }

        var resend = (await store.OpenAsync(target, cancellationToken)).Where(e => AckDue(e) < today).OrderBy(e => e.Sequence).ToList();
        foreach (var earlier in resend)
        {
            foreach (var file in earlier.Files)
            {
                var content = (await exchange.GetBlobClient(earlier.Folder + file.Name).DownloadContentAsync(cancellationToken)).Value.Content;
                var copy = await WriteAsync(folder, $"resend-{earlier.Sequence:D6}/{file.Name}", file.Kind, file.Count, content.ToArray(), cancellationToken);
                files.Add(copy with { ResentFrom = file.ResentFrom ?? earlier.Sequence });
            }
        }

        var shareDue = records.ToDictionary(r => r.Entry.RecordId, r => calendar.AddWorkingDays(r.PublishedOn, options.Value.ShareWorkingDays).Date, StringComparer.Ordinal);
        var shared = records.GroupBy(r => r.Entry.DepartmentCode)
            .Select(g => new DepartmentShare(g.Key, g.Count(r => today <= shareDue[r.Entry.RecordId]), g.Count(r => today > shareDue[r.Entry.RecordId])))
            .OrderBy(s => s.Department, StringComparer.Ordinal).ToList();
        var export = new ExchangeExport(target, cursor.Sequence + 1, today, from, to, clock.GetUtcNow(), files, [.. resend.Select(e => e.Sequence)], shared);
        await exchange.GetBlobClient(folder + "manifest.json").UploadAsync(
            BinaryData.FromString(JsonSerializer.Serialize(new ExportManifest(export), Manifest)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" } }, cancellationToken);
        // The facts first, the export after: a run that dies between writes the same facts again (a fact is its row).
        await statistics.RecordAsync(export.Facts(), cancellationToken);
        await store.AddAsync(export, cancellationToken);
        await MarkResentAsync(target, export, cancellationToken);
        return Result(export, acknowledged);
    }

    static ExportRunResult Result(ExchangeExport export, int acknowledged) => new(
        export.Target, export.Sequence, export.Count(RecordsKindPenalty) + export.Count(RecordsKindLicense), export.Count(ListEntriesKind), export.Count(RemediesKind), acknowledged, export.Resends.Count);

    async Task MarkResentAsync(string target, ExchangeExport export, CancellationToken cancellationToken)
    {
        foreach (var sequence in export.Resends)
        {
            if (await store.GetAsync(target, sequence, cancellationToken) is { AcknowledgedAt: null, ResentIn: null } earlier)
            {
                await store.SaveAsync(earlier with { ResentIn = export.Sequence }, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Reads exchange/ack/{target}/: each file <c>{"sequence": N, "rejected": [{"id": "…", "reason": "…"}]}</c>
    /// acknowledges export N and the exports N sent again, with the items the target refused; it is kept with the
    /// export and removed from the folder. A file that is not such an acknowledgement is moved to
    /// exchange/ack-refused/{target}/ and quarantined with the reason. Returns how many were taken.
    /// </summary>
    async Task<int> ReadAcknowledgementsAsync(string target, CancellationToken cancellationToken)
    {
        var taken = 0;
        await foreach (var blob in exchange.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"ack/{target}/", cancellationToken))
        {
            var client = exchange.GetBlobClient(blob.Name);
            var content = (await client.DownloadContentAsync(cancellationToken)).Value.Content;
            var (sequence, rejected, problem) = ParseAcknowledgement(content);
            var export = problem is null ? await store.GetAsync(target, sequence, cancellationToken) : null;
            if (export is null)
            {
                problem ??= $"ACK_UNKNOWN_SEQUENCE: no export {sequence} was sent to {target} / 未向{target}发送过序号为{sequence}的交换文件";
                await exchange.GetBlobClient($"ack-refused/{target}/{blob.Name[($"ack/{target}/".Length)..]}").UploadAsync(content, overwrite: true, cancellationToken);
                await quarantine.SetAsideAsync(RunName, blob.Name, null, problem, cancellationToken);
                await client.DeleteIfExistsAsync(cancellationToken: cancellationToken);
                continue;
            }

            var at = blob.Properties.LastModified ?? clock.GetUtcNow();
            await store.SaveAsync(export with { AcknowledgedAt = export.AcknowledgedAt ?? at, AcknowledgedBy = export.AcknowledgedBy ?? blob.Name, Rejected = rejected }, cancellationToken);
            foreach (var resent in export.Resends)
            {
                if (await store.GetAsync(target, resent, cancellationToken) is { AcknowledgedAt: null } earlier)
                {
                    await store.SaveAsync(earlier with { AcknowledgedAt = at, AcknowledgedBy = $"{blob.Name} (sent again in {export.Sequence})" }, cancellationToken);
                }
            }

            await client.DeleteIfExistsAsync(cancellationToken: cancellationToken);
            taken++;
        }

        return taken;
    }

    static (long Sequence, IReadOnlyList<RejectedItem> Rejected, string? Problem) ParseAcknowledgement(BinaryData content)
    {
        const string Shape = "an acknowledgement is {\"sequence\": N, \"rejected\": [{\"id\": \"…\", \"reason\": \"…\"}]} / 确认文件格式应为 {\"sequence\": 序号, \"rejected\": [{\"id\": \"编号\", \"reason\": \"原因\"}]}";
        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("sequence", out var sequence) || !sequence.TryGetInt64(out var number) || number < 1)
            {
                return (0, [], "ACK_INVALID: " + Shape);
            }

            var rejected = new List<RejectedItem>();
            if (root.TryGetProperty("rejected", out var list))
            {
                if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.Object
                    || !r.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || !r.TryGetProperty("reason", out var reason) || reason.ValueKind != JsonValueKind.String))
                {
                    return (number, [], "ACK_INVALID: " + Shape);
                }

                rejected.AddRange(list.EnumerateArray().Select(r => new RejectedItem(TextRules.Echo(r.GetProperty("id").GetString()!), TextRules.Echo(r.GetProperty("reason").GetString()!))));
            }

            return (number, rejected, null);
        }
        catch (JsonException e)
        {
            return (0, [], $"ACK_MALFORMED_JSON: {TextRules.Echo(e.Message)} / 确认文件不是有效的JSON");
        }
    }

    /// <summary>The records published on the days from <paramref name="from"/> to <paramref name="to"/>: the day files of the public container, as the public reads them.</summary>
    async Task<List<(PublicEntry Entry, DateOnly PublishedOn)>> PublishedAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var found = new List<(PublicEntry, DateOnly)>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            foreach (var kind in new[] { RecordKind.Penalty, RecordKind.License })
            {
                try
                {
                    var lines = (await published.GetBlobClient($"daily/{DateText.ToIso(day)}/{kind.ToString().ToLowerInvariant()}.jsonl").DownloadContentAsync(cancellationToken)).Value.Content.ToString();
                    found.AddRange(lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (JsonSerializer.Deserialize<PublicEntry>(l, PublicJson.Options)!, day)));
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                }
            }
        }

        return found;
    }

    /// <summary>The target's own responses (entries answering one it listed) are not sent back to it.</summary>
    async Task<List<ExportedListEntry>> ListEntriesAsync(string target, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var exported = new List<ExportedListEntry>();
        foreach (var id in await lists.ChangedAsync(BeijingTime.StartOf(from), BeijingTime.StartOf(to.AddDays(1)), from, to, cancellationToken))
        {
            if (await lists.GetAsync(id, cancellationToken) is not { } found || found.Entry.ImportedFrom?.StartsWith(target + "/", StringComparison.Ordinal) == true)
            {
                continue;
            }

            var (entry, status) = found;
            var person = entry.SubjectKind == SubjectKind.NaturalPerson;
            exported.Add(new ExportedListEntry(
                entry.Id, entry.ListType, person ? PersonalDataMasking.MaskName(entry.SubjectName) : entry.SubjectName, entry.SubjectLabel, entry.SubjectKind,
                entry.Category, entry.Field, entry.CatalogueCode, entry.LegalBasis, entry.DecisionDocument, entry.InitiatingDepartment, entry.StartDate, entry.EndDate,
                status.Active ? "listed" : "removed", status.EndReason, status.EndedOn));
        }

        return [.. exported.OrderBy(e => e.EntryId, StringComparer.Ordinal)];
    }

    async Task<List<ExportedRemedy>> RemediesAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var until = BeijingTime.StartOf(to.AddDays(1));
        return [.. (await remedies.DecidedSinceAsync(BeijingTime.StartOf(from), cancellationToken))
            .Where(r => r.Decided && r.DecidedAt < until)
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => new ExportedRemedy(r.Id, r.Kind, r.Item.Kind, r.Item.Id, r.State, r.DecidingDepartment, r.DecisionReason, r.DecidedAt))];
    }

    /// <summary>The national template's column codes (CF_… / XK_…) as the header, after the record's id and its publication day; UTF-8 with BOM.</summary>
    static byte[] RecordsCsv(RecordKind kind, List<(PublicEntry Entry, DateOnly PublishedOn)> records)
    {
        var codes = RecordSchema.For(kind).Fields.Select(f => f.Code).Where(code => records.Any(r => r.Entry.Fields.ContainsKey(code))).ToList();
        var text = new StringBuilder("\uFEFF");
        text.AppendJoin(',', codes.Prepend("PUBLISHED_ON").Prepend("RECORD_ID")).Append("\r\n");
        foreach (var (entry, day) in records.OrderBy(r => r.Entry.RecordId, StringComparer.Ordinal))
        {
            text.AppendJoin(',', codes.Select(c => entry.Fields.GetValueOrDefault(c, "")).Prepend(DateText.ToIso(day)).Prepend(entry.RecordId).Select(PublicStore.Quote)).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    static byte[] JsonLines<T>(IEnumerable<T> items)
    {
        var text = new StringBuilder();
        foreach (var item in items)
        {
            text.Append(JsonSerializer.Serialize(item, Json)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    async Task<ExportFile> WriteAsync(string folder, string name, string kind, int count, byte[] content, CancellationToken cancellationToken)
    {
        await exchange.GetBlobClient(folder + name).UploadAsync(new BinaryData(content), overwrite: true, cancellationToken);
        return new ExportFile(name, kind, count, content.Length, Convert.ToHexStringLower(SHA256.HashData(content)));
    }
}

/// <summary>manifest.json of an export: what the target checks the files against and names in its acknowledgement.</summary>
public sealed record ExportManifest(string Target, long Sequence, DateOnly Date, DateOnly ChangesFrom, DateOnly ChangesTo, DateTimeOffset CreatedAt, IReadOnlyList<ExportFile> Files, IReadOnlyList<long> Resends, string Acknowledge)
{
    public ExportManifest(ExchangeExport export)
        : this(export.Target, export.Sequence, export.Date, export.From, export.To, export.CreatedAt, export.Files, export.Resends,
            $"write {{\"sequence\": {export.Sequence}}} (with \"rejected\": [{{\"id\", \"reason\"}}] for refused items) to exchange/ack/{export.Target}/")
    {
    }
}
