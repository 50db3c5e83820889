using Credit.Disclosure;
using Credit.Records;
using Credit.Testing;

namespace Credit.Tests.Unit;

public sealed class PublicEntryTests
{
    static readonly DisclosureOptions Options = new();

    static DisclosureRecord Record(Action<Dictionary<string, string>> change)
    {
        var row = Rows.Penalty();
        change(row);
        return Rows.Record(row, Rows.Department, new DateOnly(2025, 1, 1));
    }

    [Fact]
    public void A_natural_person_keeps_only_the_surname_and_a_masked_ID()
    {
        var entry = PublicEntry.From(Record(r =>
        {
            r["行政相对人名称"] = "欧阳娜娜";
            r["行政相对人类别"] = "自然人";
            r["统一社会信用代码"] = "";
            r["证件类型"] = "身份证";
            r["证件号码"] = "11010519491231002X";
        }), Options);
        Assert.Equal("欧***", entry.SubjectName);
        Assert.Equal("欧***", entry.Fields["CF_XDR_MC"]);
        Assert.Equal("110105********002X", entry.Fields["CF_XDR_ZJHM"]);
    }

    [Fact]
    public void The_legal_representative_s_ID_is_dropped_and_the_company_name_kept()
    {
        var entry = PublicEntry.From(Record(r =>
        {
            r["法定代表人证件类型"] = "身份证";
            r["法定代表人证件号码"] = "360426199101010071";
        }), Options);
        Assert.False(entry.Fields.ContainsKey("CF_FR_ZJHM"));
        Assert.False(entry.Fields.ContainsKey("CF_FR_ZJLX"));
        Assert.Equal("北京示例食品有限公司", entry.SubjectName);
        Assert.Equal("张三", entry.Fields["CF_FRDB"]);
    }

    [Theory]
    [InlineData("罚款", "", "2025-09-27")]
    [InlineData("吊销许可证件", "", "2027-09-27")]
    [InlineData("罚款", "2025-03-31", "2025-03-31")]
    [InlineData("罚款", "2024-10-01", "2024-12-27")]
    [InlineData("责令关闭", "2025-03-31", "2025-09-27")]
    [InlineData("罚款", "2026-09-27", "2025-09-27")]
    [InlineData("吊销许可证件", "2030-01-01", "2027-09-27")]
    public void A_penalty_stays_public_for_its_period_never_less_than_the_minimum_nor_longer_than_the_maximum(string category, string periodEnd, string expected)
    {
        var entry = PublicEntry.From(Record(r =>
        {
            r["处罚类别"] = category;
            r["公示截止期"] = periodEnd;
        }), Options);
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), entry.WithdrawOn);
    }

    [Theory]
    [InlineData("警告", "", "", "2024-12-27")]
    [InlineData("通报批评", "", "2025-12-31", "2024-12-27")]
    [InlineData("罚款", "0.05", "", "2024-12-27")]
    [InlineData("警告;罚款", "0.08", "", "2024-12-27")]
    [InlineData("罚款", "0.1", "", "2025-09-27")]
    [InlineData("罚款", "", "", "2025-09-27")]
    [InlineData("警告;没收违法所得", "", "", "2025-09-27")]
    [InlineData("警告;吊销许可证件", "", "", "2027-09-27")]
    public void A_minor_penalty_a_warning_通报批评_or_a_small_fine_stays_public_exactly_three_months(string categories, string fine, string periodEnd, string expected)
    {
        var record = Record(r =>
        {
            r["处罚类别"] = categories;
            r["罚款金额(万元)"] = fine;
            r["公示截止期"] = periodEnd;
        });
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), PublicEntry.From(record, Options).WithdrawOn);
        if (periodEnd.Length > 0)
        {
            Assert.Contains("轻微", PublicityPeriod.Warning(record, Options, "公示截止期")!.MessageZh, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_period_cut_to_the_maximum_is_a_warning_naming_the_row_column_and_asked_date_and_one_within_it_is_none()
    {
        var warning = PublicityPeriod.Warning(Record(r => r["公示截止期"] = "2026-09-27"), Options, "公示截止期");
        Assert.NotNull(warning);
        Assert.Equal(("公示截止期", "2026-09-27", PublicityPeriod.CappedCode), (warning.Column, warning.Value, warning.Code));
        Assert.Contains("2025-09-27", warning.MessageEn, StringComparison.Ordinal);
        Assert.Contains("一般失信行为", warning.MessageZh, StringComparison.Ordinal);
        Assert.Null(PublicityPeriod.Warning(Record(r => r["公示截止期"] = "2025-09-27"), Options, "公示截止期"));
        Assert.Null(PublicityPeriod.Warning(Record(_ => { }), Options, null));
    }

    [Fact]
    public void ID_and_mobile_numbers_in_published_free_text_are_masked_and_other_figures_kept()
    {
        var entry = PublicEntry.From(Record(r =>
        {
            r["违法事实"] = "当事人（身份证11010519491231002X，电话13812345678）于2024年3月销售过期食品，货值20240315元";
            r["备注"] = "联系人身份证号：360426199101010071";
        }), Options);
        Assert.Equal("当事人（身份证110105********002X，电话138****5678）于2024年3月销售过期食品，货值20240315元", entry.Fields["CF_SY"]);
        Assert.Equal("联系人身份证号：360426********0071", entry.Fields["BZ"]);
        Assert.Equal("京市监罚〔2024〕101号", entry.Fields["CF_WSH"]);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+86 10 1234", "'+86 10 1234")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    [InlineData("北京,公司", "\"北京,公司\"")]
    [InlineData("罚款1万元", "罚款1万元")]
    [InlineData("", "")]
    public void A_csv_cell_never_starts_a_formula(string value, string cell) => Assert.Equal(cell, PublicStore.Quote(value));
}
