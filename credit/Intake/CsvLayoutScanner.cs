using System.Text;
using nietras.SeparatedValues;

namespace Credit.Intake;

/// <summary>
/// One streaming pass over a CSV file: detects UTF-8 (with or without BOM) against GB18030, reads the header
/// and records where every <c>chunkRows</c>-th row begins, and on which line. Row ends are found on bytes: '"',
/// '\r' and '\n' never occur inside a multi-byte character of UTF-8 or GB18030, so a line break outside quotes
/// ends a row in either encoding, whether the file ends its lines with CR LF, LF or CR alone. A NUL byte stops
/// the scan: the file is not text.
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
        var pendingCr = false;
        long position = 0;
        long rowStart = 0;
        long rowNumber = 1; // the header is row 1, as a spreadsheet shows it
        long line = 1;
        long rowLine = 1;
        var header = new MemoryStream();
        var chunks = new List<ChunkSpec>();
        long chunkStart = -1, chunkFirstRow = 0, chunkFirstLine = 0;
        var chunkRowCount = 0;

        void EndRow(long end)
        {
            if (rowNumber > 1)
            {
                if (chunkStart < 0)
                {
                    (chunkStart, chunkFirstRow, chunkFirstLine) = (rowStart, rowNumber, rowLine);
                }

                if (++chunkRowCount == chunkRows)
                {
                    chunks.Add(new ChunkSpec(chunks.Count, chunkFirstRow, chunkRowCount, chunkStart, end, chunkFirstLine));
                    chunkStart = -1;
                    chunkRowCount = 0;
                }
            }

            rowNumber++;
            rowStart = end;
            rowLine = line;
        }

        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            var span = buffer.AsSpan(0, read);
            var first = 0;
            if (position == 0 && span.StartsWith(Utf8Bom))
            {
                hasBom = true;
                rowStart = first = Utf8Bom.Length;
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

            for (var i = first; i < read; i++)
            {
                var b = span[i];
                if (pendingCr)
                {
                    // A CR ends its line; the row ends after the LF of a CR LF, or right after a CR standing alone.
                    pendingCr = false;
                    if (b == (byte)'\n')
                    {
                        AppendHeader(b);
                        if (!inQuotes)
                        {
                            EndRow(position + i + 1);
                        }

                        continue;
                    }

                    if (!inQuotes)
                    {
                        EndRow(position + i);
                    }
                }

                switch (b)
                {
                    case 0:
                        return Rejected(FileErrors.Binary(position + i));
                    case (byte)'"':
                        inQuotes = !inQuotes;
                        break;
                    case (byte)'\r':
                        line++;
                        pendingCr = true;
                        break;
                    case (byte)'\n':
                        line++;
                        if (!inQuotes)
                        {
                            AppendHeader(b);
                            EndRow(position + i + 1);
                            continue;
                        }

                        break;
                }

                AppendHeader(b);
            }

            position += read;
        }

        if (position > rowStart)
        {
            EndRow(position);
        }

        if (chunkStart >= 0)
        {
            chunks.Add(new ChunkSpec(chunks.Count, chunkFirstRow, chunkRowCount, chunkStart, position, chunkFirstLine));
        }

        var encoding = isUtf8 || hasBom ? Encoding.UTF8 : FileEncodings.Gb18030;
        var headers = ParseHeader(encoding.GetString(header.ToArray()));
        if (headers.All(string.IsNullOrWhiteSpace))
        {
            return Rejected(FileErrors.Empty());
        }

        var errors = new List<Records.RowError>();
        var kind = Records.RecordSchema.Recognise(headers);
        if (kind is null)
        {
            errors.Add(FileErrors.UnknownKind(headers));
        }

        return new IntakePlan(FileFormat.Csv, encoding.WebName, kind, headers, chunks, Math.Max(0, rowNumber - 2), errors);

        void AppendHeader(byte b)
        {
            if (rowNumber == 1)
            {
                header.WriteByte(b);
            }
        }
    }

    static IntakePlan Rejected(Records.RowError error) => new(FileFormat.Csv, "", null, [], [], 0, [error]);

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
