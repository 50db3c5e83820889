using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Credit.Calendar;
using Credit.Departments;
using Credit.Identifiers;
using Credit.Records;
using Credit.Storage;
using Microsoft.Extensions.Options;

namespace Credit.Intake;

/// <summary>The three steps of ingesting one uploaded file: plan it, ingest each chunk, write the report.</summary>
public sealed class IntakeService(
    StorageClients storage,
    RecordStore records,
    Disclosure.DisclosureSchedule disclosure,
    DepartmentRegistry departments,
    WorkingDayCalendar calendar,
    SubjectKeys subjectKeys,
    Lists.ListEntryIntake listIntake,
    Commitments.CommitmentIntake commitmentIntake,
    Statistics.StatisticsLedger statistics,
    IngestionLog log,
    IOptions<IntakeOptions> options,
    IOptions<Disclosure.DisclosureOptions> disclosureOptions,
    TimeProvider clock)
{
    readonly BlobContainerClient uploads = storage.Container(StorageNames.UploadsContainer);
    readonly BlobContainerClient work = storage.Container(StorageNames.IntakeWorkContainer);
    readonly BlobContainerClient results = storage.Container(StorageNames.ResultsContainer);

    /// <summary>Metadata set on a report once it is whole: the id of the ingestion that wrote it.</summary>
    public const string ReportInstanceMetadata = "instanceid";

    public async Task<IntakePlan> PlanAsync(UploadRef upload, CancellationToken cancellationToken)
    {
        var format = FileFormats.FromFileName(upload.FileName);
        if (format is null)
        {
            return new IntakePlan(FileFormat.Csv, "", null, [], [], 0, [FileErrors.UnsupportedFormat(upload.FileName)]);
        }

        if (await departments.FindAsync(upload.DepartmentCode, cancellationToken) is null)
        {
            return new IntakePlan(format.Value, "", null, [], [], 0, [FileErrors.UnregisteredDepartment(upload.DepartmentCode)]);
        }

        // The fingerprint knows the size: an empty blob has no byte range to ask for (the service answers 416).
        if (upload.Size == 0)
        {
            return new IntakePlan(format.Value, "", null, [], [], 0, [FileErrors.Empty()]);
        }

        var conditions = Pinned(upload);
        var head = await Blob(upload).DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(0, FileErrors.SniffBytes), Conditions = conditions }, cancellationToken);

        if (FileErrors.Sniff(head.Value.Content.ToMemory().Span, upload.FileName) is { } unreadable)
        {
            return new IntakePlan(format.Value, "", null, [], [], 0, [unreadable]);
        }

        var download = await Blob(upload).DownloadStreamingAsync(new BlobDownloadOptions { Conditions = conditions }, cancellationToken);
        await using var content = download.Value.Content;
        var plan = await LayoutScanner.ScanAsync(content, format.Value, options.Value.ChunkRows, cancellationToken);
        // Another platform's list comes through the exchange (exchange/in/{source}/), where its source is known.
        return plan.Kind == RecordKind.ExchangeEntry ? plan with { Kind = null, FileErrors = [FileErrors.ExchangeFileInUploads()] } : plan;
    }

    public async Task<IntakeCounts> IngestChunkAsync(ChunkRequest request, CancellationToken cancellationToken)
    {
        var (upload, layout, chunk) = request;
        var download = await Blob(upload).DownloadStreamingAsync(
            new BlobDownloadOptions
            {
                Range = new HttpRange(chunk.Start, chunk.End - chunk.Start),
                Conditions = Pinned(upload),
            },
            cancellationToken);
        await using var content = download.Value.Content;
        if (layout.Kind == RecordKind.ListEntry)
        {
            var result = await listIntake.IngestAsync(upload.DepartmentCode, ChunkReader.ReadAsync(content, layout, chunk, cancellationToken), cancellationToken);
            await work.GetBlobClient(RejectionsBlob(upload, chunk.Index))
                .UploadAsync(BinaryData.FromObjectAsJson(result.Rejected, IntakeReport.Json), overwrite: true, cancellationToken);
            await work.GetBlobClient(CasesBlob(upload, chunk.Index)).UploadAsync(BinaryData.FromObjectAsJson(result.Cases), overwrite: true, cancellationToken);
            return new IntakeCounts(result.Received, result.Created, 0, result.Unchanged, result.RejectedRows);
        }

        if (layout.Kind == RecordKind.Commitment)
        {
            var result = await commitmentIntake.IngestAsync(upload.DepartmentCode, ChunkReader.ReadAsync(content, layout, chunk, cancellationToken), cancellationToken);
            await work.GetBlobClient(RejectionsBlob(upload, chunk.Index))
                .UploadAsync(BinaryData.FromObjectAsJson(result.Rejected, IntakeReport.Json), overwrite: true, cancellationToken);
            return new IntakeCounts(result.Received, result.Created, 0, result.Unchanged, result.RejectedRows);
        }

        var schema = RecordSchema.For(layout.Kind);
        var validator = new RecordValidator(
            schema, upload.DepartmentCode, BeijingTime.Today(clock), calendar, options.Value.DisclosureWorkingDays, subjectKeys, options.Value.MaxAmount);

        var documentNumberHeader = layout.Headers.FirstOrDefault(h => schema.FieldForHeader(h)?.Code == schema.DocumentNumber);
        var accepted = new Dictionary<RecordKey, DisclosureRecord>();
        var rejected = new List<RowError>();
        long received = 0;
        long rejectedRows = 0;
        await foreach (var row in ChunkReader.ReadAsync(content, layout, chunk, cancellationToken))
        {
            if (row.Cells.All(c => string.IsNullOrWhiteSpace(c.Value)))
            {
                continue;
            }

            received++;
            var outcome = validator.Validate(row);
            if (outcome.Record is not { } record)
            {
                rejected.AddRange(outcome.Errors);
                rejectedRows++;
                continue;
            }

            if (accepted.TryGetValue(record.Key, out var earlier))
            {
                rejectedRows++;
                rejected.Add(new RowError(
                    earlier.SourceRow, documentNumberHeader,
                    earlier.DocumentNumber, "DUPLICATE_RECORD_IN_FILE",
                    $"与第{row.Number}行是同一记录（同一文书号和相对人），以第{row.Number}行为准",
                    $"the same record (document number and subject) as row {row.Number}, which supersedes it"));
            }

            accepted[record.Key] = record;
        }

        // The report's rows and the disclosure batch are written while the records are saved: storage is the bottleneck, keep it busy.
        List<DisclosureRecord> acceptedRecords = [.. accepted.Values];
        var rejections = work.GetBlobClient(RejectionsBlob(upload, chunk.Index))
            .UploadAsync(BinaryData.FromObjectAsJson(rejected, IntakeReport.Json), overwrite: true, cancellationToken);
        var periodHeader = layout.Headers.FirstOrDefault(h => schema.FieldForHeader(h)?.Code == Disclosure.PublicityPeriod.EndField);
        List<RowError> warnings = layout.Kind == RecordKind.Penalty
            ? [.. acceptedRecords.Select(r => Disclosure.PublicityPeriod.Warning(r, disclosureOptions.Value, periodHeader)).OfType<RowError>().OrderBy(w => w.Row)]
            : [];
        var warned = warnings.Count == 0 ? Task.CompletedTask
            : work.GetBlobClient(WarningsBlob(upload, chunk.Index)).UploadAsync(BinaryData.FromObjectAsJson(warnings, IntakeReport.Json), overwrite: true, cancellationToken);
        var staged = disclosure.StageAsync(upload.InstanceId, chunk.Index, acceptedRecords, cancellationToken);
        var saving = records.SaveAsync(acceptedRecords, upload.InstanceId, cancellationToken);
        await Task.WhenAll(rejections, warned, staged, saving);
        var saved = await saving;
        await disclosure.EnqueueAsync(upload.InstanceId, chunk.Index, saved.Changed, await staged, cancellationToken);
        // A row saying the licence was revoked or ended takes it out of public view at the next run, with that status as the reason.
        await disclosure.ScheduleWithdrawalsAsync(
            saved.Changed
                .Where(r => r.Kind == RecordKind.License && Enumerations.EndedLicenceStates.Contains(r.Fields.GetValueOrDefault(LicenceState, "")))
                .Select(r => new Disclosure.DueWithdrawal(BeijingTime.Today(clock), r.Key.Id, r.SubjectKey, $"当前状态：{r.Fields[LicenceState]}", r.DocumentNumber)),
            cancellationToken);

        var counts = saved.Counts;
        return new IntakeCounts(received, counts.Created, counts.Updated, counts.Unchanged, rejectedRows);
    }

    public async Task<IntakeSummary> WriteReportAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        var upload = request.Upload;
        var unknownColumns = request.Plan.Kind is { } kind
            ? request.Plan.Headers.Where(h => RecordSchema.FieldForHeader(kind, h) is null).ToList()
            : [];
        var warnings = new List<string>();
        if (unknownColumns.Count > 0)
        {
            warnings.Add($"以下列不属于模板，已忽略 / columns not in the template were ignored: {string.Join(", ", unknownColumns)}");
        }

        if (request.Plan.FileErrors.Count == 0 && request.Plan.Rows == 0)
        {
            warnings.Add("文件只有表头，没有数据行 / the file has a header and no rows");
        }

        var blob = results.GetBlobClient(upload.ReportBlobName);
        var summary = new IntakeSummary($"{StorageNames.ResultsContainer}/{upload.ReportBlobName}", request.Plan.Kind, request.Counts, request.Plan.FileErrors);
        if (await WrittenByAsync(blob, cancellationToken) == upload.InstanceId)
        {
            // A repeated report activity: the report stands and the rejected rows it was built from are gone.
            await UploadFingerprint.ReleaseAsync(uploads.GetBlobClient(upload.BlobName), upload, cancellationToken);
            return summary;
        }

        var options = new BlobOpenWriteOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" } };
        await using (var output = await blob.OpenWriteAsync(overwrite: true, options, cancellationToken))
        {
            var completedAt = clock.GetUtcNow();
            var rejectedByReason = await IntakeReport.WriteAsync(output, request, warnings, chunk => OpenAsync(RejectionsBlob(upload, chunk)), chunk => OpenAsync(WarningsBlob(upload, chunk)), completedAt, cancellationToken);
            await CountAsync(request, rejectedByReason, completedAt, cancellationToken);
        }

        // Marked complete only once whole; until then a repeated activity writes it again from the rejected rows.
        await blob.SetMetadataAsync(new Dictionary<string, string> { [ReportInstanceMetadata] = upload.InstanceId }, cancellationToken: cancellationToken);

        foreach (var chunk in request.Plan.Chunks)
        {
            await work.GetBlobClient(RejectionsBlob(upload, chunk.Index)).DeleteIfExistsAsync(cancellationToken: cancellationToken);
            await work.GetBlobClient(WarningsBlob(upload, chunk.Index)).DeleteIfExistsAsync(cancellationToken: cancellationToken);
            await work.GetBlobClient(CasesBlob(upload, chunk.Index)).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }

        await UploadFingerprint.ReleaseAsync(uploads.GetBlobClient(upload.BlobName), upload, cancellationToken);

        return summary;

        async Task<Stream?> OpenAsync(string blob)
        {
            try
            {
                return await work.GetBlobClient(blob).OpenReadAsync(cancellationToken: cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return null;
            }
        }
    }

    /// <summary>The upload in the ingestion log and the department's statistics (an unregistered department has neither).</summary>
    async Task CountAsync(ReportRequest request, IReadOnlyDictionary<string, long> rejectedByReason, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        var (upload, counts) = (request.Upload, request.Counts);
        if (await departments.FindAsync(upload.DepartmentCode, cancellationToken) is null)
        {
            return;
        }

        var outcome = new IngestionOutcome(upload.DepartmentCode, upload.InstanceId, completedAt, request.Plan.Kind, counts, rejectedByReason);
        // Logged before it is counted: a process that dies in between leaves what a statistics rebuild counts again.
        await log.WriteAsync(outcome, cancellationToken);
        await statistics.RecordAsync(outcome.Facts(), cancellationToken);
        var department = KeyValuePair.Create("department", (object?)upload.DepartmentCode);
        Telemetry.CreditMetrics.RowsIngested.Add(counts.Accepted + counts.Updated, department, KeyValuePair.Create("outcome", (object?)"accepted"));
        Telemetry.CreditMetrics.RowsIngested.Add(counts.Rejected, department, KeyValuePair.Create("outcome", (object?)"rejected"));
    }

    /// <summary>The report of this upload version once it is whole (a report being written is not served), else null.</summary>
    public async Task<Stream?> OpenReportAsync(UploadRef upload, CancellationToken cancellationToken)
    {
        var report = results.GetBlobClient(upload.ReportBlobName);
        return await WrittenByAsync(report, cancellationToken) == upload.InstanceId
            ? await report.OpenReadAsync(cancellationToken: cancellationToken)
            : null;
    }

    /// <summary>当前状态 of a licensing decision.</summary>
    const string LicenceState = "XK_ZT";

    /// <summary>The version being ingested: its snapshot, or (an ingestion started before snapshots) the blob itself under <see cref="Pinned"/>.</summary>
    BlobClient Blob(UploadRef upload) =>
        upload.Snapshot is { } snapshot ? uploads.GetBlobClient(upload.BlobName).WithSnapshot(snapshot) : uploads.GetBlobClient(upload.BlobName);

    static BlobRequestConditions? Pinned(UploadRef upload) => upload.Snapshot is null ? new BlobRequestConditions { IfMatch = new ETag(upload.ETag) } : null;

    static async Task<string?> WrittenByAsync(BlobClient report, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await report.GetPropertiesAsync(cancellationToken: cancellationToken);
            return properties.Value.Metadata.TryGetValue(ReportInstanceMetadata, out var instance) ? instance : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The cases the chunks of an uploaded list file must run (each entry's case id), in chunk order.</summary>
    public async Task<IReadOnlyList<string>> UploadedCasesAsync(UploadRef upload, int chunks, CancellationToken cancellationToken)
    {
        var cases = new List<string>();
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            var blob = work.GetBlobClient(CasesBlob(upload, chunk));
            if (await blob.ExistsAsync(cancellationToken))
            {
                cases.AddRange((await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToObjectFromJson<List<string>>() ?? []);
            }
        }

        return cases;
    }

    static string RejectionsBlob(UploadRef upload, int chunk) => $"{upload.InstanceId}/chunk-{chunk:D5}.json";

    static string WarningsBlob(UploadRef upload, int chunk) => $"{upload.InstanceId}/warnings-{chunk:D5}.json";

    static string CasesBlob(UploadRef upload, int chunk) => $"{upload.InstanceId}/cases-{chunk:D5}.json";
}
