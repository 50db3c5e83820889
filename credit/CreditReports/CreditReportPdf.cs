using QRCoder;
using SkiaSharp;

namespace Credit.CreditReports;

/// <summary>
/// The report as an A4 PDF drawn with SkiaSharp, its Chinese text in the embedded Noto Sans CJK SC subset
/// (SIL Open Font License; credit/Data/fonts), which SkiaSharp subsets again into each file with a ToUnicode map, so
/// that the text can be searched and copied; a QR code to the verification address in the top right corner.
/// </summary>
public static class CreditReportPdf
{
    const float PageWidth = 595;
    const float PageHeight = 842;
    const float Margin = 40;
    const float Bottom = PageHeight - 50;
    const float Padding = 3;

    static readonly Lazy<SKTypeface> Typeface = new(() =>
    {
        using var font = typeof(CreditReportPdf).Assembly.GetManifestResourceStream("Credit.Data.fonts.NotoSansCJKsc-Regular-subset.otf")
            ?? throw new InvalidOperationException("the report font is not embedded");
        return SKTypeface.FromStream(font) ?? throw new InvalidOperationException("the report font does not load");
    });

    public static byte[] Render(CreditReport report)
    {
        using var output = new MemoryStream();
        using (var document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata
        {
            Title = $"{CreditReportLayout.Title(report)} {report.Id}",
            Author = "北京市公共信用信息服务平台",
            Creation = report.IssuedAt.UtcDateTime,
            Modified = report.IssuedAt.UtcDateTime,
        }))
        {
            using var writer = new Writer(document, report.Id);
            writer.Write(report);
        }

        return output.ToArray();
    }

    /// <summary>Draws top to bottom, starting a page where the next line does not fit.</summary>
    sealed class Writer(SKDocument document, string reportId) : IDisposable
    {
        readonly SKFont title = new(Typeface.Value, 18);
        readonly SKFont heading = new(Typeface.Value, 11);
        readonly SKFont text = new(Typeface.Value, 8);
        readonly SKPaint ink = new() { Color = SKColors.Black, IsAntialias = true };
        readonly SKPaint rule = new() { Color = new SKColor(0x55, 0x55, 0x55), StrokeWidth = 0.5f, Style = SKPaintStyle.Stroke };
        readonly SKPaint shade = new() { Color = new SKColor(0xEE, 0xEE, 0xEE), Style = SKPaintStyle.Fill };
        SKCanvas canvas = null!;
        float y;
        int page;

        public void Write(CreditReport report)
        {
            NewPage();
            canvas.DrawText(CreditReportLayout.Title(report), PageWidth / 2, y + 18, SKTextAlign.Center, title, ink);
            DrawQr(report.VerificationUrl, PageWidth - Margin - 72, Margin - 10, 72);
            y += 40;
            foreach (var line in CreditReportLayout.Lines(report))
            {
                Paragraph(line, PageWidth - 2 * Margin - 80);
            }

            y = Math.Max(y, Margin + 72) + 8;
            foreach (var section in CreditReportLayout.Sections(report))
            {
                Fit(heading.Spacing + 2 * text.Spacing);
                canvas.DrawText(section.Title, Margin, y + heading.Size, SKTextAlign.Left, heading, ink);
                y += heading.Spacing + 4;
                if (section.Rows.Count == 0)
                {
                    Paragraph(section.Empty, PageWidth - 2 * Margin);
                }
                else
                {
                    Table(section);
                }

                y += 8;
            }

            Paragraph(CreditReportLayout.Notice, PageWidth - 2 * Margin);
            document.EndPage();
        }

        void Table(ReportSection section)
        {
            var total = section.Columns.Sum(c => c.Width);
            var widths = section.Columns.Select(c => (PageWidth - 2 * Margin) * c.Width / total).ToArray();
            var header = Cells(section.Columns.Select(c => c.Name).ToList(), widths);
            Fit(header.Height);
            Row(header.Lines, header.Height, widths, shaded: true);
            foreach (var row in section.Rows)
            {
                var cells = Cells(row, widths);
                // A table that goes on to the next page repeats its header there.
                if (Fit(cells.Height + header.Height))
                {
                    Row(header.Lines, header.Height, widths, shaded: true);
                }

                Row(cells.Lines, cells.Height, widths, shaded: false);
            }
        }

        (List<List<string>> Lines, float Height) Cells(IReadOnlyList<string> cells, float[] widths)
        {
            var lines = cells.Select((cell, i) => Wrap(cell, widths[i] - 2 * Padding)).ToList();
            return (lines, lines.Max(l => l.Count) * text.Spacing + 2 * Padding);
        }

        void Row(List<List<string>> lines, float height, float[] widths, bool shaded)
        {
            var x = Margin;
            for (var i = 0; i < widths.Length; i++)
            {
                var box = new SKRect(x, y, x + widths[i], y + height);
                if (shaded)
                {
                    canvas.DrawRect(box, shade);
                }

                canvas.DrawRect(box, rule);
                for (var l = 0; l < lines[i].Count; l++)
                {
                    canvas.DrawText(lines[i][l], x + Padding, y + Padding + text.Size + l * text.Spacing, SKTextAlign.Left, text, ink);
                }

                x += widths[i];
            }

            y += height;
        }

        void Paragraph(string paragraph, float width)
        {
            foreach (var line in Wrap(paragraph, width))
            {
                Fit(text.Spacing);
                canvas.DrawText(line, Margin, y + text.Size, SKTextAlign.Left, text, ink);
                y += text.Spacing + 1;
            }
        }

        /// <summary>Lines of at most <paramref name="width"/>: Chinese breaks between any two characters; a long Latin word is cut.</summary>
        List<string> Wrap(string value, float width)
        {
            var lines = new List<string>();
            foreach (var part in value.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n'))
            {
                var rest = part;
                if (rest.Length == 0)
                {
                    lines.Add(rest);
                    continue;
                }

                do
                {
                    var fits = Math.Max(1, (int)text.BreakText(rest, width));
                    if (fits < rest.Length && char.IsHighSurrogate(rest[fits - 1]))
                    {
                        fits = fits > 1 ? fits - 1 : fits + 1;
                    }

                    lines.Add(rest[..fits]);
                    rest = rest[fits..];
                }
                while (rest.Length > 0);
            }

            return lines;
        }

        /// <summary>Starts a new page when <paramref name="height"/> does not fit on this one; whether it did.</summary>
        bool Fit(float height)
        {
            if (y + height <= Bottom)
            {
                return false;
            }

            document.EndPage();
            NewPage();
            return true;
        }

        void NewPage()
        {
            canvas = document.BeginPage(PageWidth, PageHeight);
            page++;
            y = Margin;
            canvas.DrawText($"报告编号 {reportId}　第 {page} 页", PageWidth / 2, PageHeight - 25, SKTextAlign.Center, text, ink);
        }

        public void Dispose()
        {
            title.Dispose();
            heading.Dispose();
            text.Dispose();
            ink.Dispose();
            rule.Dispose();
            shade.Dispose();
        }

        void DrawQr(string url, float left, float top, float size)
        {
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
            var modules = data.ModuleMatrix;
            var cell = size / modules.Count;
            for (var row = 0; row < modules.Count; row++)
            {
                for (var column = 0; column < modules[row].Length; column++)
                {
                    if (modules[row][column])
                    {
                        canvas.DrawRect(left + column * cell, top + row * cell, cell, cell, ink);
                    }
                }
            }
        }
    }
}
