using System.Text.Json;

namespace Credit.Intake;

/// <summary>
/// One streaming pass over a JSON upload (an array of objects whose property names are the template's headers
/// or codes): checks that it is well formed, reads the first object's names and records where every
/// <c>chunkRows</c>-th object begins and where the chunk's last one ends.
/// </summary>
public static class JsonLayoutScanner
{
    const int InitialBufferSize = 1 << 16;

    public static async Task<IntakePlan> ScanAsync(Stream stream, int chunkRows, CancellationToken cancellationToken)
    {
        var buffer = new byte[InitialBufferSize];
        var length = 0;
        long bufferOffset = 0;
        var final = false;
        var state = new JsonReaderState();
        var started = false;
        long element = 0, elementEnd = 0;
        var headers = new List<string>();
        var chunks = new List<ChunkSpec>();
        long chunkStart = -1, chunkFirst = 0;
        var chunkCount = 0;
        var bomChecked = false;

        try
        {
            while (!final)
            {
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
                final = read == 0;
                length += read;
                if (!bomChecked && (length >= 3 || final))
                {
                    bomChecked = true;
                    if (buffer.AsSpan(0, length).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                    {
                        buffer.AsSpan(3, length - 3).CopyTo(buffer);
                        length -= 3;
                        bufferOffset = 3;
                    }
                }

                var reader = new Utf8JsonReader(buffer.AsSpan(0, length), final, state);
                while (reader.Read())
                {
                    if (!started)
                    {
                        if (reader.TokenType != JsonTokenType.StartArray)
                        {
                            return Failed("the file must be a JSON array of objects, one per record");
                        }

                        started = true;
                        continue;
                    }

                    switch (reader.TokenType)
                    {
                        case JsonTokenType.StartObject when reader.CurrentDepth == 1:
                            element++;
                            if (chunkStart < 0)
                            {
                                chunkStart = bufferOffset + reader.TokenStartIndex;
                                chunkFirst = element;
                            }

                            break;
                        case JsonTokenType.EndObject when reader.CurrentDepth == 1:
                            elementEnd = bufferOffset + reader.TokenStartIndex + 1;
                            if (++chunkCount == chunkRows)
                            {
                                chunks.Add(new ChunkSpec(chunks.Count, chunkFirst, chunkCount, chunkStart, elementEnd));
                                chunkStart = -1;
                                chunkCount = 0;
                            }

                            break;
                        case JsonTokenType.PropertyName when reader.CurrentDepth == 2 && element == 1:
                            headers.Add(reader.GetString()!);
                            break;
                        case JsonTokenType.EndArray when reader.CurrentDepth == 0:
                            break;
                        default:
                            if (reader.CurrentDepth == 1 && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.EndObject))
                            {
                                return Failed($"element {element + 1} of the array is not an object");
                            }

                            break;
                    }
                }

                var consumed = (int)reader.BytesConsumed;
                state = reader.CurrentState;
                buffer.AsSpan(consumed, length - consumed).CopyTo(buffer);
                length -= consumed;
                bufferOffset += consumed;
            }
        }
        catch (JsonException e)
        {
            return Failed($"line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {e.Message}");
        }

        if (!started)
        {
            return Failed("the file is empty");
        }

        if (chunkStart >= 0)
        {
            chunks.Add(new ChunkSpec(chunks.Count, chunkFirst, chunkCount, chunkStart, elementEnd));
        }

        var kind = Records.RecordSchema.Recognise(headers);
        var errors = kind is null && element > 0 ? new List<Records.RowError> { FileErrors.UnknownKind(headers) } : [];
        return new IntakePlan(FileFormat.Json, "utf-8", kind, headers, chunks, element, errors);
    }

    static IntakePlan Failed(string detail) =>
        new(FileFormat.Json, "utf-8", null, [], [], 0, [FileErrors.MalformedJson(detail)]);
}
