using System.Globalization;
using Credit.Calendar;
using Credit.Lists;

namespace Credit.CreditReports;

/// <summary>A section of a report: a table (columns with their relative widths, rows), or its text when it has no row.</summary>
public sealed record ReportSection(string Title, IReadOnlyList<(string Name, float Width)> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, string Empty);

/// <summary>
/// A report's title, lines and sections in the order both renderings show them (PDF and HTML hold the same text).
/// </summary>
public static class CreditReportLayout
{
    public static string Title(CreditReport report) => report.Kind == CreditReportKind.Special ? "专项信用报告" : "信用报告";

    public static IReadOnlyList<string> Lines(CreditReport report) =>
    [
        $"报告编号 Report No.：{report.Id}",
        $"出具时间 Issued：{report.IssuedAt.ToOffset(BeijingTime.Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}（北京时间）",
        $"信息期间 Period：{Day(report.From)} 至 {Day(report.To)}（{CreditReport.Years}年）",
        $"核验 Verify：{report.VerificationUrl}",
    ];

    public static IReadOnlyList<ReportSection> Sections(CreditReport report)
    {
        var sections = new List<ReportSection>
        {
            new("一、基本信息 Basic information", [("名称 Name", 3), ("统一社会信用代码 / 身份证号 Code", 3), ("主体类别 Kind", 2)],
                [[report.Subject.Name, report.Subject.Code, KindZh(report.Subject.Kind)]], string.Empty),
        };
        if (report.Kind == CreditReportKind.Special)
        {
            sections.Add(new("专项说明 Statements", [("范围 Scope", 1), ("名称 Name", 2), ("结论 Finding", 2), ("记录 Records", 4)],
                [.. report.Statements.Select(s => (IReadOnlyList<string>)[s.Scope, s.Name, s.Clean ? "无违法违规记录" : "有失信记录", string.Join("；", s.Records)])],
                "未指定专项范围"));
        }

        sections.Add(new("二、行政许可信息 Licences", [("决定文书号", 2), ("名称 / 类别", 2), ("许可内容", 4), ("决定日期", 1.3f), ("有效期至", 1.3f), ("许可机关", 2)],
            [.. report.Licences.Select(l => (IReadOnlyList<string>)[l.DocumentNumber, $"{l.Title} / {l.Category}", l.Content, Day(l.DecisionDate), l.ValidUntil ?? "—", l.Authority])],
            "无 None"));
        sections.Add(new("三、行政处罚信息 Penalties", [("决定文书号", 2), ("违法行为 / 类别", 3), ("处罚内容", 3), ("决定日期", 1.3f), ("公示截止", 1.3f), ("处罚机关", 2), ("修复", 1.4f)],
            [.. report.Penalties.Select(p => (IReadOnlyList<string>)[p.DocumentNumber, $"{p.Violation} / {p.Categories}", p.Content, Day(p.DecisionDate), Day(p.PublicUntil), p.Authority, p.RepairedOn is { } on ? $"已修复 {Day(on)}" : "—"])],
            "无 None"));
        sections.Add(new("四、红名单、黑名单和重点关注名单 Lists", [("名单", 1.5f), ("类别 / 领域", 3), ("决定文书号", 2), ("列入部门", 2), ("期间", 2.6f), ("备注", 1.6f)],
            [.. report.Lists.Select(e => (IReadOnlyList<string>)[e.ListType.ZhName(), $"{e.Category} / {e.Field}", e.DecisionDocument, e.InitiatingDepartment, $"{Day(e.StartDate)} 至 {Day(e.EndDate)}",
                string.Join(" ", new[] { e.AsRole is { } role ? $"作为{role}" : null, e.UnderObjection ? "异议处理中" : null }.OfType<string>())])],
            "未列入 None"));
        sections.Add(new("五、信用承诺 Commitments", [("承诺类型", 1.6f), ("事项编号", 2.4f), ("承诺部门", 2.4f), ("承诺日期", 1.3f), ("履行情况", 2)],
            [.. (report.Commitments ?? []).Select(c => (IReadOnlyList<string>)[c.Kind, c.Reference, c.Department, Day(c.TakenOn), c.Status])],
            "无 None"));
        sections.Add(new("六、其他名单 Imported lists", [("来源", 2), ("名单", 2.4f), ("列入机关", 2.4f), ("决定文书号", 2), ("期间", 2.6f)],
            [.. (report.Imported ?? []).Select(e => (IReadOnlyList<string>)[e.Source, $"{e.ListKind}（{e.ListType.ZhName()}）", e.ListingAuthority, e.DecisionDocument ?? "—",
                $"{Day(e.StartDate)} 至 {(e.EndDate is { } end ? Day(end) : "—")}"])],
            "未列入 None"));
        sections.Add(new("七、异议处理中 Pending objections", [("异议编号", 3), ("异议事项", 3), ("提出时间", 2), ("办理期限", 2)],
            [.. report.PendingObjections.Select(o => (IReadOnlyList<string>)[o.Id, o.Item, o.FiledAt.ToOffset(BeijingTime.Offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Day(o.Deadline)])],
            "无 None"));
        return sections;
    }

    public const string Notice = "本报告依据《北京市社会信用条例》和京政发〔2017〕15号，由北京市公共信用信息服务平台根据各部门归集的信息生成，所载信息截至出具时间。扫描二维码或访问核验地址可核验报告真伪、出具时间和内容摘要（SHA-256）。";

    static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    static string KindZh(SubjectKind kind) => kind switch
    {
        SubjectKind.NaturalPerson => "自然人",
        SubjectKind.IndividualBusiness => "个体工商户",
        _ => "法人和非法人组织",
    };
}
