using System.Text;
using nietras.SeparatedValues;

namespace Credit.Intake;

/// <summary>
/// One streaming pass over a CSV file: detects UTF-8 (with or without BOM) against GB18030, reads the header
/// and records where every <c>chunkRows</c>-th row begins. Row ends are found on bytes: '"' and '\n' never occur
/// inside a multi-byte character of UTF-8 or GB18030, so a newline outside quotes ends a row in either encoding.
/// </summary>
public static class CsvLayoutScanner
{
    const int BufferSize = 1 << 16;
    static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public static async Task<IntakePlan> ScanAsync(Stream stream, int chunkRows, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        var decoded = new char[BufferSize];
        var utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var isUtf8 = true;
        var hasBom = false;
        var inQuotes = false;
        long position = 0;
        long rowStart = 0;
        long rowNumber = 1; // the header is row 1, as a spreadsheet shows it
        var header = new MemoryStream();
        var chunks = new List<ChunkSpec>();
        long chunkStart = -1, chunkFirstRow = 0;
        var chunkRowCount = 0;

        void EndRow(long end)
        {
            if (rowNumber > 1)
            {
                if (chunkStart < 0)
                {
                    chunkStart = rowStart;
                    chunkFirstRow = rowNumber;
                }

                if (++chunkRowCount == chunkRows)
                {
                    chunks.Add(new ChunkSpec(chunks.Count, chunkFirstRow, chunkRowCount, chunkStart, end));
                    chunkStart = -1;
                    chunkRowCount = 0;
                }
            }

            rowNumber++;
            rowStart = end;
        }

        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            var span = buffer.AsSpan(0, read);
            if (position == 0 && span.StartsWith(Utf8Bom))
            {
                hasBom = true;
                rowStart = Utf8Bom.Length;
            }

            if (isUtf8 && !hasBom)
            {
                try
                {
                    // Convert (not GetCharCount) keeps the decoder's state across reads, so a character split between two reads stays valid.
                    utf8.Convert(span, decoded, flush: false, out _, out _, out _);
                }
                catch (DecoderFallbackException)
                {
                    isUtf8 = false;
                }
            }

            for (var i = position == 0 && hasBom ? Utf8Bom.Length : 0; i < read; i++)
            {
                var b = span[i];
                if (b == (byte)'"')
                {
                    inQuotes = !inQuotes;
                }
                else if (b == (byte)'\n' && !inQuotes)
                {
                    if (rowNumber == 1)
                    {
                        header.Write(span[(int)Math.Max(0, rowStart - position)..(i + 1)]);
                    }

                    EndRow(position + i + 1);
                }
            }

            if (rowNumber == 1)
            {
                header.Write(span[(int)Math.Max(0, rowStart - position)..]);
            }

            position += read;
        }

        if (position > rowStart)
        {
            EndRow(position);
        }

        if (chunkStart >= 0)
        {
            chunks.Add(new ChunkSpec(chunks.Count, chunkFirstRow, chunkRowCount, chunkStart, position));
        }

        var encoding = isUtf8 || hasBom ? Encoding.UTF8 : FileEncodings.Gb18030;
        var headers = ParseHeader(encoding.GetString(header.ToArray()));
        var errors = new List<Records.RowError>();
        var kind = Records.RecordSchema.Recognise(headers);
        if (kind is null)
        {
            errors.Add(FileErrors.UnknownKind(headers));
        }

        return new IntakePlan(FileFormat.Csv, encoding.WebName, kind, headers, chunks, Math.Max(0, rowNumber - 2), errors);
    }

    static List<string> ParseHeader(string line)
    {
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).FromText(line);
        if (!reader.MoveNext())
        {
            return [];
        }

        var row = reader.Current;
        var headers = new List<string>(row.ColCount);
        for (var i = 0; i < row.ColCount; i++)
        {
            headers.Add(row[i].ToString().Trim());
        }

        return headers;
    }
}
