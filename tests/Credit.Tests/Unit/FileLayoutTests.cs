using System.Text;
using Credit.Intake;
using Credit.Records;
using Credit.Testing;

namespace Credit.Tests.Unit;

/// <summary>Planning a file in one streaming pass and reading its chunks back by byte range.</summary>
public sealed class FileLayoutTests
{
    static async Task<(IntakePlan Plan, List<RawRow> Rows)> PlanAndReadAsync(byte[] file, FileFormat format, int chunkRows)
    {
        using var stream = new MemoryStream(file);
        var plan = format == FileFormat.Csv
            ? await CsvLayoutScanner.ScanAsync(stream, chunkRows, CancellationToken.None)
            : await JsonLayoutScanner.ScanAsync(stream, chunkRows, CancellationToken.None);
        var rows = new List<RawRow>();
        if (plan.Kind is not { } kind)
        {
            return (plan, rows);
        }

        var layout = new FileLayout(plan.Format, plan.EncodingName, kind, plan.Headers);
        foreach (var chunk in plan.Chunks)
        {
            using var range = new MemoryStream(file, (int)chunk.Start, (int)(chunk.End - chunk.Start));
            await foreach (var row in ChunkReader.ReadAsync(range, layout, chunk, CancellationToken.None))
            {
                rows.Add(row);
            }
        }

        return (plan, rows);
    }

    static List<Dictionary<string, string>> PenaltyRows(int count) =>
        [.. Enumerable.Range(1, count).Select(i => Rows.Penalty($"京市监罚〔2024〕{i}号"))];

    static string Value(RawRow row, string code) => row.Cells.Single(c => c.Field?.Code == code).Value;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Utf8_with_or_without_BOM(bool bom)
    {
        var text = Rows.Csv(PenaltyRows(3));
        var bytes = (bom ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        var (plan, rows) = await PlanAndReadAsync(bytes, FileFormat.Csv, 2);
        Assert.Equal(("utf-8", RecordKind.Penalty, 3L), (plan.EncodingName, plan.Kind, plan.Rows));
        Assert.Equal([2L, 3L, 4L], rows.Select(r => r.Number));
        Assert.Equal("北京示例食品有限公司", Value(rows[2], "CF_XDR_MC"));
        Assert.Equal("行政相对人名称", plan.Headers[0]);
    }

    [Fact]
    public async Task A_large_utf8_file_stays_utf8_across_read_boundaries()
    {
        var bytes = Encoding.UTF8.GetBytes(Rows.Csv(PenaltyRows(2000)));
        Assert.True(bytes.Length > 4 * 65536);
        var (plan, rows) = await PlanAndReadAsync(bytes, FileFormat.Csv, 300);
        Assert.Equal(("utf-8", 7, 2000), (plan.EncodingName, plan.Chunks.Count, rows.Count));
        Assert.Equal("京市监罚〔2024〕2000号", Value(rows[^1], "CF_WSH"));
    }

    [Fact]
    public async Task Gbk_is_detected_and_decoded()
    {
        var bytes = FileEncodings.Gb18030.GetBytes(Rows.Csv(PenaltyRows(5)));
        var (plan, rows) = await PlanAndReadAsync(bytes, FileFormat.Csv, 2);
        Assert.Equal("gb18030", plan.EncodingName);
        Assert.Equal(3, plan.Chunks.Count);
        Assert.Equal("京市监罚〔2024〕5号", Value(rows[4], "CF_WSH"));
    }

    [Fact]
    public async Task Quoted_cells_with_commas_newlines_and_quotes_stay_one_row()
    {
        var data = PenaltyRows(4);
        data[1]["违法事实"] = "第一行,\r\n第二行 \"引号\"";
        var (plan, rows) = await PlanAndReadAsync(Encoding.UTF8.GetBytes(Rows.Csv(data)), FileFormat.Csv, 1);
        Assert.Equal(4, plan.Chunks.Count);
        Assert.Equal("第一行,\r\n第二行 \"引号\"", Value(rows[1], "CF_SY"));
        Assert.Equal([2L, 3L, 4L, 5L], rows.Select(r => r.Number));
    }

    [Fact]
    public async Task Column_codes_are_headers_too()
    {
        var csv = "CF_XDR_MC,CF_WSH,CF_JDRQ\r\n公司,京罚1号,2024-01-02\r\n";
        var (plan, rows) = await PlanAndReadAsync(Encoding.UTF8.GetBytes(csv), FileFormat.Csv, 10);
        Assert.Equal(RecordKind.Penalty, plan.Kind);
        Assert.Equal("京罚1号", Value(rows[0], "CF_WSH"));
    }

    [Fact]
    public async Task Headers_of_neither_kind_are_a_file_error()
    {
        var (plan, _) = await PlanAndReadAsync(Encoding.UTF8.GetBytes("名称,日期\r\n甲,2024-01-01\r\n"), FileFormat.Csv, 10);
        Assert.Equal("UNKNOWN_FILE_KIND", Assert.Single(plan.FileErrors).Code);
    }

    [Fact]
    public async Task A_last_row_without_newline_is_read()
    {
        var csv = Rows.Csv(PenaltyRows(2)).TrimEnd('\r', '\n');
        var (plan, rows) = await PlanAndReadAsync(Encoding.UTF8.GetBytes(csv), FileFormat.Csv, 10);
        Assert.Equal(2, plan.Rows);
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public async Task Json_array_in_chunks()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(PenaltyRows(5), IntakeReport.Json);
        var (plan, rows) = await PlanAndReadAsync(Encoding.UTF8.GetBytes(json), FileFormat.Json, 2);
        Assert.Equal((RecordKind.Penalty, 5L, 3), (plan.Kind!.Value, plan.Rows, plan.Chunks.Count));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], rows.Select(r => r.Number));
        Assert.Equal("京市监罚〔2024〕4号", Value(rows[3], "CF_WSH"));
    }

    [Theory]
    [InlineData("{\"a\":1}", "must be a JSON array")]
    [InlineData("[{\"a\":1},", "line 1")]
    [InlineData("[1,2]", "element 1")]
    public async Task Malformed_json_is_a_file_error_saying_where(string json, string detail)
    {
        var (plan, _) = await PlanAndReadAsync(Encoding.UTF8.GetBytes(json), FileFormat.Json, 10);
        var error = Assert.Single(plan.FileErrors);
        Assert.Equal("MALFORMED_JSON", error.Code);
        Assert.Contains(detail, error.MessageEn, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public async Task Every_line_ending_reads_every_row_with_its_number(string newline)
    {
        var text = Rows.Csv(PenaltyRows(7)).ReplaceLineEndings(newline);
        var (plan, rows) = await PlanAndReadAsync(Encoding.UTF8.GetBytes(text), FileFormat.Csv, 3);
        Assert.Equal((7L, 3), (plan.Rows, plan.Chunks.Count));
        Assert.Equal(Enumerable.Range(2, 7).Select(n => (long)n), rows.Select(r => r.Number));
        Assert.Equal("京市监罚〔2024〕7号", Value(rows[^1], "CF_WSH"));
        Assert.All(rows, r => Assert.Null(r.Malformed));
    }

    [Fact]
    public async Task A_broken_quote_is_a_row_error_naming_the_lines_it_swallowed()
    {
        var lines = Rows.Csv(PenaltyRows(4)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[2] = "\"" + lines[2];
        var (plan, rows) = await PlanAndReadAsync(Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n"), FileFormat.Csv, 10);
        Assert.Equal("京市监罚〔2024〕1号", Value(rows[0], "CF_WSH"));
        var broken = Assert.Single(rows, r => r.Malformed is not null).Malformed!;
        Assert.Equal(("BROKEN_QUOTING", 3L), (broken.Code, broken.Row));
        Assert.Contains("lines 3-", broken.Value, StringComparison.Ordinal);
        Assert.Equal(plan.Headers.Count, rows[0].Cells.Count);
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 }, "SPREADSHEET_NOT_SUPPORTED")]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1 }, "SPREADSHEET_NOT_SUPPORTED")]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x4C, 0x88 }, "UNSUPPORTED_ENCODING")]
    [InlineData(new byte[] { 0xFE, 0xFF, 0x88, 0x4C }, "UNSUPPORTED_ENCODING")]
    [InlineData(new byte[] { 0x61, 0x62, 0x00, 0x63 }, "BINARY_CONTENT")]
    public void A_file_that_is_not_csv_text_is_named_for_what_it_is(byte[] head, string code) =>
        Assert.Equal(code, FileErrors.Sniff(head, "x.csv")?.Code);

    [Fact]
    public async Task A_nul_byte_past_the_first_bytes_stops_the_scan()
    {
        var bytes = Encoding.UTF8.GetBytes(Rows.Csv(PenaltyRows(2000)));
        bytes[100_000] = 0;
        var (plan, _) = await PlanAndReadAsync(bytes, FileFormat.Csv, 300);
        Assert.Equal("BINARY_CONTENT", Assert.Single(plan.FileErrors).Code);
        Assert.Empty(plan.Chunks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    public async Task An_empty_file_says_so(string text)
    {
        var (plan, _) = await PlanAndReadAsync(Encoding.UTF8.GetBytes(text), FileFormat.Csv, 10);
        Assert.Equal("EMPTY_FILE", Assert.Single(plan.FileErrors).Code);
    }
}
