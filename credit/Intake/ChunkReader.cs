using System.Runtime.CompilerServices;
using System.Text.Json;
using Credit.Records;
using nietras.SeparatedValues;

namespace Credit.Intake;

/// <summary>
/// Reads the rows of one chunk from a stream of exactly its byte range, as the plan laid it out. A CSV row that
/// spans several lines and has another number of cells than the header is a broken quote that swallowed the rows after it:
/// it comes out marked <see cref="RawRow.Malformed"/>, naming its lines, so that no row disappears without a word.
/// </summary>
public static class ChunkReader
{
    public static IAsyncEnumerable<RawRow> ReadAsync(Stream range, FileLayout layout, ChunkSpec chunk, CancellationToken cancellationToken) =>
        layout.Format == FileFormat.Csv ? ReadCsvAsync(range, layout, chunk, cancellationToken) : ReadJsonAsync(range, layout, chunk, cancellationToken);

    static async IAsyncEnumerable<RawRow> ReadCsvAsync(Stream range, FileLayout plan, ChunkSpec chunk, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var fields = plan.Headers.Select(h => RecordSchema.FieldForHeader(plan.Kind, h)).ToArray();
        using var text = new StreamReader(range, FileEncodings.ByName(plan.EncodingName), detectEncodingFromByteOrderMarks: false);
        using var reader = await Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).FromAsync(text, cancellationToken);
        var number = chunk.FirstRow;
        await foreach (var row in reader)
        {
            var cells = new RawCell[Math.Max(row.ColCount, plan.Headers.Count)];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = i < plan.Headers.Count
                    ? new RawCell(plan.Headers[i], fields[i], i < row.ColCount ? row[i].ToString() : string.Empty)
                    : new RawCell($"#{i + 1}", null, row[i].ToString());
            }

            var (firstLine, lastLine) = (chunk.FirstLine + row.LineNumberFrom - 1, chunk.FirstLine + row.LineNumberToExcl - 2);
            var malformed = lastLine > firstLine && row.ColCount != plan.Headers.Count
                ? FileErrors.BrokenQuoting(number, firstLine, lastLine, row.ColCount, plan.Headers.Count)
                : null;
            yield return new RawRow(number++, cells, malformed);
        }
    }

    static async IAsyncEnumerable<RawRow> ReadJsonAsync(Stream range, FileLayout plan, ChunkSpec chunk, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A chunk is the objects of the array between two offsets; bracket it to read it as an array of its own.
        using var array = new MemoryStream((int)(chunk.End - chunk.Start + 2));
        array.WriteByte((byte)'[');
        await range.CopyToAsync(array, cancellationToken);
        array.WriteByte((byte)']');
        array.Position = 0;
        var number = chunk.FirstRow;
        await foreach (var element in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(array, cancellationToken: cancellationToken))
        {
            var cells = element.EnumerateObject()
                .Select(p => new RawCell(p.Name, RecordSchema.FieldForHeader(plan.Kind, p.Name), CellText(p.Value)))
                .ToList();
            yield return new RawRow(number++, cells);
        }
    }

    static string CellText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
        _ => value.GetRawText(),
    };
}
