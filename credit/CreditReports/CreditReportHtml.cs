using System.Text;
using System.Text.Encodings.Web;

namespace Credit.CreditReports;

/// <summary>The report as one self-contained, printable zh-CN page: the PDF's text, no scripts.</summary>
public static class CreditReportHtml
{
    static readonly HtmlEncoder Encode = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    const string Style = """
        <style>
        body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2cm; color: #000; }
        h1 { text-align: center; }
        table { border-collapse: collapse; width: 100%; margin: .5em 0 1.5em; font-size: 10pt; }
        th, td { border: 1px solid #555; padding: 3px 5px; text-align: left; vertical-align: top; }
        th { background: #eee; }
        @media print { body { margin: 0; } }
        </style>
        """;

    public static string Render(CreditReport report)
    {
        string E(string text) => Encode.Encode(text);
        var html = new StringBuilder();
        html.Append(System.Globalization.CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head><meta charset="utf-8"><title>{E(CreditReportLayout.Title(report))} {E(report.Id)}</title>
            {Style}
            </head>
            <body>
            <h1>{E(CreditReportLayout.Title(report))}</h1>

            """);
        foreach (var line in CreditReportLayout.Lines(report))
        {
            html.Append("<p>").Append(E(line)).Append("</p>\n");
        }

        foreach (var section in CreditReportLayout.Sections(report))
        {
            html.Append("<section><h2>").Append(E(section.Title)).Append("</h2>\n");
            if (section.Rows.Count == 0)
            {
                html.Append("<p>").Append(E(section.Empty)).Append("</p></section>\n");
                continue;
            }

            html.Append("<table><tr>");
            foreach (var (name, _) in section.Columns)
            {
                html.Append("<th>").Append(E(name)).Append("</th>");
            }

            html.Append("</tr>\n");
            foreach (var row in section.Rows)
            {
                html.Append("<tr>");
                foreach (var cell in row)
                {
                    html.Append("<td>").Append(E(cell)).Append("</td>");
                }

                html.Append("</tr>\n");
            }

            html.Append("</table></section>\n");
        }

        html.Append("<p>").Append(E(CreditReportLayout.Notice)).Append("</p>\n</body>\n</html>\n");
        return html.ToString();
    }
}
