using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Credit.Statistics;

/// <summary>The monthly notice as a printable zh-CN page: one self-contained file, no scripts, print styles.</summary>
public static class MonthlyNoticeHtml
{
    static readonly HtmlEncoder Encode = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    const string Style = """
        <style>
        body { font-family: "SimSun", "Songti SC", serif; margin: 2.5cm; color: #000; }
        h1 { text-align: center; font-size: 22pt; }
        .meta { text-align: center; color: #333; }
        table { border-collapse: collapse; width: 100%; margin: 1em 0; font-size: 10.5pt; }
        th, td { border: 1px solid #000; padding: 4px 6px; text-align: left; }
        th { background: #eee; }
        @media print { body { margin: 0; } section { break-inside: avoid; } }
        </style>
        """;

    public static string Render(MonthlyNotice notice)
    {
        var html = new StringBuilder();
        string E(string? text) => Encode.Encode(text ?? string.Empty);
        string Share(double? share) => share is { } s ? s.ToString("0.#%", CultureInfo.InvariantCulture) : "—";
        var (year, month) = (notice.Month[..4], int.Parse(notice.Month[5..], CultureInfo.InvariantCulture));
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>{year}年{month}月信用联合奖惩工作情况通报</title>
            {Style}
            </head>
            <body>
            <h1>{year}年{month}月信用联合奖惩工作情况通报</h1>
            <p class="meta">北京市社会信用体系建设联席会议办公室 · 生成时间 {E(notice.GeneratedAt.ToOffset(Calendar.BeijingTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))}{(notice.Final ? string.Empty : "（月度未结束，数据为阶段性统计）")}</p>
            <p>按照《北京市人民政府关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的实施意见》（京政发〔2017〕15号）跟踪问效要求，现将本月{notice.DepartmentsWithFigures}个单位信用信息归集公示和联合奖惩落实情况中未达标的{notice.Named.Count}个单位通报如下。
            通报标准：7个工作日内公示率不低于{Share(notice.Thresholds.MinDisclosureOnTimeShare)}，按期执行反馈率不低于{Share(notice.Thresholds.MinFeedbackOnTimeShare)}，应查必查覆盖率不低于{Share(notice.Thresholds.MinCheckCoverage)}，共享及时率不低于{Share(notice.Thresholds.MinSharingOnTimeShare)}，容缺材料按期补交率不低于{Share(notice.Thresholds.MinDeficiencyOnTimeShare)}，政府违约失信投诉成立不超过{notice.Thresholds.MaxComplaintsUpheld}件，逾期事项不超过{notice.Thresholds.MaxOverdueItems}项。</p>

            """);
        if (notice.Named.Count == 0)
        {
            html.Append("<p>本月各单位均达到通报标准。</p>\n");
        }

        foreach (var named in notice.Named)
        {
            var f = named.Figures;
            html.Append(CultureInfo.InvariantCulture, $"""
                <section>
                <h2>{E(named.Name)}（{E(named.Department)}）</h2>
                <ul>{string.Concat(named.Shortfalls.Select(s => $"<li>{E(s.MessageZh)}</li>"))}</ul>
                <table>
                <tr><th>上传文件</th><th>入库记录</th><th>退回记录</th><th>按期公示</th><th>逾期公示</th><th>超期未公示</th><th>接收推送</th><th>按期反馈</th><th>逾期反馈</th><th>超期未反馈</th><th>解除确认超期</th><th>异议超期</th><th>修复超期</th><th>信用查询</th><th>许可决定</th></tr>
                <tr><td>{f.Uploads}</td><td>{f.RecordsAccepted}</td><td>{f.RecordsRejected}</td><td>{f.Disclosure.OnTime}</td><td>{f.Disclosure.Late}</td><td>{f.Disclosure.Overdue}</td><td>{f.PushesReceived}</td><td>{f.Feedback.OnTime}</td><td>{f.Feedback.Late}</td><td>{f.Feedback.Overdue}</td><td>{f.LiftAcknowledgements.Overdue}</td><td>{f.Objections.Overdue}</td><td>{f.Repairs.Overdue}</td><td>{f.CreditChecks}</td><td>{f.LicencesIssued}</td></tr>
                </table>

                """);
            if (f.Integrity is { ComplaintsReceived: > 0 } or { GovernmentRecords: > 0 })
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<p>政务诚信：被投诉{f.Integrity.ComplaintsReceived}件，投诉成立{f.Integrity.ComplaintsUpheld}件，新增政务失信记录{f.Integrity.GovernmentRecords}条。</p>\n");
            }

            if (named.OverdueItems.Count > 0)
            {
                html.Append("<table><tr><th>逾期事项</th><th>编号</th><th>时间</th></tr>");
                foreach (var item in named.OverdueItems)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(KindZh(item.Kind))}</td><td>{E(item.Item)}</td><td>{E(item.At.ToOffset(Calendar.BeijingTime.Offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}</td></tr>");
                }

                html.Append("</table>\n");
            }

            html.Append("</section>\n");
        }

        if (notice.ComplaintHandling is { OnTime: var onTime, Late: var late, Overdue: var overdue } handling && onTime + late + overdue > 0)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<section><h2>政府违约失信投诉办理情况</h2><p>本办本月按期办结{onTime}件，逾期办结{late}件，超期未办结{overdue}件，按期办结率{Share(handling.OnTimeShare)}。</p></section>\n");
        }

        if (notice.Unimplemented.Count > 0)
        {
            // Issue 17: a mandatory measure that reaches no department is reported, never dropped silently.
            html.Append("<section><h2>强制性措施尚无实施部门的案件</h2><p>以下案件的强制性措施没有已登记的实施部门，请登记实施部门后补推送（GET /api/departments/{code}/missed-measures）。</p>");
            html.Append("<table><tr><th>案件编号</th><th>发起部门</th><th>措施</th></tr>");
            foreach (var item in notice.Unimplemented)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(item.CaseId)}</td><td>{E(item.InitiatingDepartment)}</td><td>{E(string.Join("、", item.Measures))}</td></tr>");
            }

            html.Append("</table></section>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    static string KindZh(string kind) => kind switch
    {
        StatisticKinds.DisclosureOverdue => "超期未公示",
        StatisticKinds.FeedbackOverdue => "执行反馈超期",
        StatisticKinds.LiftOverdue => "解除确认超期",
        "objection-overdue" => "异议处理超期",
        "repair-overdue" => "信用修复超期",
        StatisticKinds.DeficiencyOverdue => "容缺材料逾期未补交",
        _ => kind,
    };
}
