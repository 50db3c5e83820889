using System.Text.Json;
using Credit.Records;

namespace Credit.Intake;

/// <summary>
/// Writes the result report of a file as it streams the rejected rows and the row warnings of every chunk into it, so
/// that a file of any size and any number of bad rows is reported without being held in memory.
/// </summary>
public static class IntakeReport
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <returns>The rejected rows per reason code (a row with two reasons counts under each).</returns>
    public static async Task<IReadOnlyDictionary<string, long>> WriteAsync(
        Stream output,
        ReportRequest request,
        IEnumerable<string> warnings,
        Func<int, Task<Stream?>> openChunkRejections,
        Func<int, Task<Stream?>> openChunkWarnings,
        DateTimeOffset completedAt,
        CancellationToken cancellationToken)
    {
        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = Json.Encoder });
        var upload = request.Upload;
        var plan = request.Plan;
        writer.WriteStartObject();
        writer.WriteString("file", upload.BlobName);
        writer.WriteString("department", upload.DepartmentCode);
        writer.WriteString("contentSha256", upload.ContentHash);
        writer.WriteString("kind", plan.Kind?.ToString());
        writer.WriteString("format", plan.Format.ToString().ToLowerInvariant());
        writer.WriteString("encoding", plan.EncodingName);
        writer.WriteString("state", plan.FileErrors.Count > 0 ? "rejected" : "completed");
        writer.WriteString("startedAt", request.StartedAt);
        writer.WriteString("completedAt", completedAt);
        writer.WritePropertyName("counts");
        JsonSerializer.Serialize(writer, request.Counts, Json);
        writer.WritePropertyName("fileErrors");
        JsonSerializer.Serialize(writer, plan.FileErrors, Json);
        writer.WritePropertyName("warnings");
        JsonSerializer.Serialize(writer, warnings, Json);
        var byReason = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var (row, reasonsOfRow) = (-1L, new HashSet<string>(StringComparer.Ordinal));
        writer.WriteStartArray("rejectedRows");
        await foreach (var error in RowsAsync(plan, openChunkRejections, writer, cancellationToken))
        {
            JsonSerializer.Serialize(writer, error, Json);
            if (error is null)
            {
                continue;
            }

            if (error.Row != row)
            {
                (row, reasonsOfRow) = (error.Row, new HashSet<string>(StringComparer.Ordinal));
            }

            if (reasonsOfRow.Add(error.Code))
            {
                byReason[error.Code] = byReason.GetValueOrDefault(error.Code) + 1;
            }
        }

        writer.WriteEndArray();

        // Rows taken with a change the department should know of (a publicity period cut to the maximum).
        writer.WriteStartArray("rowWarnings");
        await foreach (var warning in RowsAsync(plan, openChunkWarnings, writer, cancellationToken))
        {
            JsonSerializer.Serialize(writer, warning, Json);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        return byReason;
    }

    /// <summary>The rows every chunk stored, chunk by chunk; what is written so far goes out after each chunk.</summary>
    static async IAsyncEnumerable<RowError?> RowsAsync(IntakePlan plan, Func<int, Task<Stream?>> open, Utf8JsonWriter writer, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var chunk in plan.Chunks)
        {
            await using var stream = await open(chunk.Index);
            if (stream is null)
            {
                continue;
            }

            await foreach (var row in JsonSerializer.DeserializeAsyncEnumerable<RowError>(stream, Json, cancellationToken))
            {
                yield return row;
            }

            await writer.FlushAsync(cancellationToken);
        }
    }
}
