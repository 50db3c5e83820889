using System.Text.Json;
using Credit.Records;

namespace Credit.Intake;

/// <summary>
/// Writes the result report of a file as it streams the rejected rows of every chunk into it, so that a file of
/// any size and any number of bad rows is reported without being held in memory.
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
        foreach (var chunk in plan.Chunks)
        {
            await using var stream = await openChunkRejections(chunk.Index);
            if (stream is null)
            {
                continue;
            }

            await foreach (var error in JsonSerializer.DeserializeAsyncEnumerable<RowError>(stream, Json, cancellationToken))
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

            await writer.FlushAsync(cancellationToken);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        return byReason;
    }
}
