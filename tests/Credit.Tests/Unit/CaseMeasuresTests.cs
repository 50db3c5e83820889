using Credit.Departments;
using Credit.JointCases;
using Credit.Lists;
using Credit.Measures;
using Credit.Testing;

namespace Credit.Tests.Unit;

/// <summary>Which department applies which measure to whom, read from the product's own measures list.</summary>
public sealed class CaseMeasuresTests
{
    const string Representative = "110105198001010016";
    static readonly Department Finance = new(Rows.DepartmentCode(1), "北京市财政局", default);
    static readonly Department Police = new(Rows.DepartmentCode(2), "北京市公安局", default);
    static readonly Department Telecom = new(Rows.DepartmentCode(3), "北京市通信管理局", default);
    static readonly Department Services = new(Rows.DepartmentCode(4), "北京市政务服务和数据管理局", default);
    static readonly IReadOnlyList<Department> Departments = [Finance, Police, Telecom, Services];

    static ListEntry Entry(ListType type = ListType.Black, string field = "食品药品", string subject = Rows.Company, bool withPerson = true)
    {
        var persons = withPerson ? new[] { new ResponsiblePersonDraft("法定代表人", "张三", Representative) } : [];
        var draft = new ListEntryDraft(type.ToString(), subject, "主体", "类别", field, "依据", "文书〔2025〕1号", "2025-03-03", "12", persons);
        return new ListEntryValidator(Rows.SubjectKeys).Validate(Rows.Department, draft).Entry!;
    }

    static IEnumerable<string> Resolve(ListEntry entry, IEnumerable<Measure>? measures = null, IReadOnlyList<Department>? departments = null) =>
        CaseMeasures.Resolve(entry, measures ?? MeasureCatalog.Seed, departments ?? Departments)
            .Select(a => $"{(a.Department == Finance.Code ? "finance" : a.Department == Police.Code ? "police" : a.Department == Telecom.Code ? "telecom" : "services")}:{a.MeasureCode}:{(a.Target.Role is null ? "subject" : "person")}");

    [Fact]
    public void A_black_listed_company_gets_its_sanctions_and_its_legal_representative_the_person_bound_ones()
    {
        Assert.Equal(
            ["finance:S01:subject", "finance:S02:subject", "finance:S17:subject", "police:S12:person", "police:S17:subject", "services:S17:subject", "telecom:S17:subject"],
            Resolve(Entry()).Order());
    }

    [Fact]
    public void A_field_bound_measure_applies_only_in_its_field()
    {
        Assert.Contains("telecom:S07:subject", Resolve(Entry(field: "互联网")));
        Assert.DoesNotContain("telecom:S07:subject", Resolve(Entry(field: "食品药品")));
    }

    [Fact]
    public void A_natural_person_gets_only_measures_for_natural_persons()
    {
        Assert.Equal(["finance:S17:subject", "police:S12:subject", "police:S17:subject", "services:S17:subject", "telecom:S17:subject"],
            Resolve(Entry(subject: Representative, withPerson: false)).Order());
    }

    [Fact]
    public void A_red_listed_company_gets_incentives_and_nothing_binds_its_persons()
    {
        Assert.Equal(["finance:R03:subject", "services:R01:subject", "services:R02:subject", "services:R05:subject"], Resolve(Entry(ListType.Red)).Order());
    }

    [Fact]
    public void Implementers_match_by_code_retired_measures_apply_to_nobody_and_unregistered_departments_get_nothing()
    {
        var byCode = MeasureCatalog.Seed.Single(m => m.Code == "S02") with { Implementers = [Police.Code] };
        var retired = MeasureCatalog.Seed.Single(m => m.Code == "S01") with { Retired = true };
        Assert.Equal(["police:S02:subject"], Resolve(Entry(), [byCode, retired]));
        Assert.Empty(Resolve(Entry(), MeasureCatalog.Seed.Where(m => m.Code != "S17"), [new Department(Rows.DepartmentCode(9), "北京市某未列明局", default)]));
    }

    [Fact]
    public void The_seeded_list_names_every_measure_the_policy_names_with_its_binding_category_and_basis()
    {
        var names = MeasureCatalog.Seed.Select(m => m.Name).ToHashSet();
        Assert.Superset(names, new HashSet<string>
        {
            "限制享受财政资金补助", "限制参加政府采购", "限制参与政府投资项目招标", "限制土地出让", "限制新增项目审批核准", "限制发起设立或参股金融机构",
            "限制从事互联网信息服务", "限制参与特许经营", "市场和行业禁入", "撤销荣誉称号", "取消评先评优", "限制出境", "限制购买不动产",
            "限制乘坐飞机和高等级列车", "限制高消费", "提高贷款利率和保险费率", "从严审核行政许可", "提高随机抽查比例和频次",
            "绿色通道", "容缺受理", "优先安排财政性资金项目", "优化检查方式或减少检查频次", "公共资源交易信用加分",
        });
        Assert.All(MeasureCatalog.Seed, m =>
        {
            Assert.False(string.IsNullOrWhiteSpace(m.LegalBasis));
            Assert.NotEmpty(m.Implementers);
            Assert.NotEmpty(m.ListTypes);
            Assert.NotEmpty(m.SubjectKinds);
            Assert.Equal(1, m.Version);
        });
        Assert.Equal(MeasureCatalog.Seed.Count, MeasureCatalog.Seed.Select(m => m.Code).Distinct().Count());
    }
}
