using Credit.Records;

namespace Credit.Intake;

/// <summary>
/// One version of an uploaded file: where it is, which content (hash, ETag), the snapshot that holds it while it is
/// ingested and the orchestration that ingests it. An ingestion started before snapshots (no <see cref="Snapshot"/>)
/// reads the blob under its ETag, as it did.
/// </summary>
public sealed record UploadRef(string DepartmentCode, string FileName, string ETag, string ContentHash, long Size, string InstanceId, string? Snapshot = null)
{
    public string BlobName => $"{DepartmentCode}/{FileName}";

    /// <summary>results/{department}/{name}.report.json: the name keeps its extension, so x.csv and x.json have a report each.</summary>
    public string ReportBlobName => $"{DepartmentCode}/{FileName}.report.json";
}

/// <summary>How the rows of a file are laid out: what a chunk needs besides its byte range.</summary>
public sealed record FileLayout(FileFormat Format, string EncodingName, RecordKind Kind, IReadOnlyList<string> Headers);

public sealed record ChunkRequest(UploadRef Upload, FileLayout Layout, ChunkSpec Chunk);

public sealed record IntakeCounts(long Received, long Accepted, long Updated, long Unchanged, long Rejected)
{
    public static readonly IntakeCounts Zero = new(0, 0, 0, 0, 0);

    public IntakeCounts Add(IntakeCounts other) => new(
        Received + other.Received, Accepted + other.Accepted, Updated + other.Updated, Unchanged + other.Unchanged, Rejected + other.Rejected);
}

/// <summary>The state shown while a file is ingested (the orchestration's custom status).</summary>
public sealed record IntakeProgress(int ChunksDone, int Chunks, long Rows, IntakeCounts Counts);

/// <summary>The entries of an uploaded list file whose cases must be started: what its chunks recorded.</summary>
public sealed record UploadedCases(UploadRef Upload, int Chunks);

public sealed record ReportRequest(UploadRef Upload, IntakePlan Plan, IntakeCounts Counts, DateTimeOffset StartedAt);

public sealed record IntakeSummary(string ReportBlob, RecordKind? Kind, IntakeCounts Counts, IReadOnlyList<RowError> FileErrors);
