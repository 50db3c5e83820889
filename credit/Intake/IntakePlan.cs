namespace Credit.Intake;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<FileFormat>))]
public enum FileFormat
{
    Csv,
    Json,
}

public static class FileFormats
{
    /// <summary>The format an upload's name declares (.csv or .json), or null for any other.</summary>
    public static FileFormat? FromFileName(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".csv" => FileFormat.Csv,
        ".json" => FileFormat.Json,
        _ => null,
    };
}

/// <summary>The one streaming pass over a file, by its format.</summary>
public static class LayoutScanner
{
    public static Task<IntakePlan> ScanAsync(Stream content, FileFormat format, int chunkRows, CancellationToken cancellationToken) =>
        format == FileFormat.Csv ? CsvLayoutScanner.ScanAsync(content, chunkRows, cancellationToken) : JsonLayoutScanner.ScanAsync(content, chunkRows, cancellationToken);
}

/// <summary>
/// A contiguous range of rows of an uploaded file: rows <see cref="FirstRow"/>.. in bytes [<see cref="Start"/>, <see cref="End"/>),
/// beginning on line <see cref="FirstLine"/> of a CSV file (a row may span lines inside quotes).
/// </summary>
public sealed record ChunkSpec(int Index, long FirstRow, int Rows, long Start, long End, long FirstLine = 0);

/// <summary>
/// What one streaming pass over a file learned: its format and encoding, its header and kind, and where its
/// chunks begin, so that each chunk can be read on its own by a byte range.
/// </summary>
public sealed record IntakePlan(
    FileFormat Format,
    string EncodingName,
    Records.RecordKind? Kind,
    IReadOnlyList<string> Headers,
    IReadOnlyList<ChunkSpec> Chunks,
    long Rows,
    IReadOnlyList<Records.RowError> FileErrors);
