using Credit.Catalogue;
using Credit.Departments;
using Credit.JointCases;
using Credit.Lists;
using Credit.Measures;
using Credit.Testing;

namespace Credit.Tests.Unit;

/// <summary>Which department applies which measure to whom: the product's own catalogue of acts read against its measures list.</summary>
public sealed class CaseMeasuresTests
{
    const string Representative = "110105198001010016";
    const string Debtor = "110105197505050033";
    static readonly Department Finance = new(Rows.DepartmentCode(1), "北京市财政局", default);
    static readonly Department Police = new(Rows.DepartmentCode(2), "北京市公安局", default);
    static readonly Department Telecom = new(Rows.DepartmentCode(3), "北京市通信管理局", default);
    static readonly Department Services = new(Rows.DepartmentCode(4), "北京市政务服务和数据管理局", default);
    static readonly Department Court = new(Rows.DepartmentCode(5), "北京市高级人民法院", default);
    static readonly Department Market = new(Rows.DepartmentCode(6), "北京市市场监督管理局", default);
    static readonly IReadOnlyList<Department> Departments = [Finance, Police, Telecom, Services, Court, Market];

    static ListEntry Entry(string type = "black", string field = "食品药品", string subject = Rows.Company, bool withPerson = true,
        string? catalogueCode = null, IReadOnlyDictionary<string, string?>? facts = null, string category = "类别")
    {
        var persons = withPerson ? new[] { new ResponsiblePersonDraft("法定代表人", "张三", Representative) } : [];
        var draft = new ListEntryDraft(type, subject, "主体", category, field, "依据", "文书〔2025〕1号", "2025-03-03", "12", persons, catalogueCode, facts);
        var (entry, errors) = new ListEntryValidator(Rows.SubjectKeys).Validate(Rows.Department, draft, CatalogueSnapshot.Seeded);
        Assert.Empty(errors);
        return entry!;
    }

    static IEnumerable<string> Resolve(ListEntry entry, IEnumerable<Measure>? measures = null, IReadOnlyList<Department>? departments = null) =>
        CaseMeasures.Resolve(entry, CatalogueSnapshot.Seeded.Find(entry.CatalogueCode!), measures ?? MeasureCatalog.Seed, departments ?? Departments)
            .Select(a => $"{Name(a.Department)}:{a.MeasureCode}:{(a.Target.Role is null ? "subject" : "person")}");

    static string Name(string code) => Departments.Single(d => d.Code == code).Name switch
    {
        "北京市财政局" => "finance",
        "北京市公安局" => "police",
        "北京市通信管理局" => "telecom",
        "北京市政务服务和数据管理局" => "services",
        "北京市高级人民法院" => "court",
        _ => "market",
    };

    static readonly string[] Everyone = ["court", "finance", "market", "police", "services", "telecom"];

    static IEnumerable<string> Everywhere(string measure, string target) => Everyone.Select(d => $"{d}:{measure}:{target}");

    [Fact]
    public void A_company_black_listed_for_food_safety_gets_the_items_sanctions_and_its_representative_no_exit_or_travel_ban()
    {
        var entry = Entry();
        Assert.Equal("BL-FOOD", entry.CatalogueCode);
        Assert.Equal(
            new[] { "finance:S01:subject", "finance:S02:subject", "market:S18:subject" }.Concat(Everywhere("S17", "subject")).Order(),
            Resolve(entry).Order());
    }

    [Fact]
    public void A_revoked_food_licence_binds_market_and_trade_bans_on_the_company_and_its_representative_as_the_law_requires()
    {
        var resolved = CaseMeasures.Resolve(Entry(facts: new Dictionary<string, string?> { ["licenceRevoked"] = "是" }), CatalogueSnapshot.Seeded.Find("BL-FOOD"), MeasureCatalog.Seed, Departments);
        var bans = resolved.Where(a => a.MeasureCode == "S09").ToList();
        Assert.Equal([null, ResponsibleRole.LegalRepresentative], bans.Select(a => a.Target.Role));
        Assert.All(bans, a => Assert.Equal(MeasureBinding.Mandatory, a.Binding));
    }

    [Fact]
    public void A_natural_person_on_an_environmental_black_list_gets_no_exit_flight_rail_or_luxury_ban()
    {
        var entry = Entry(field: "环境保护", subject: Debtor, withPerson: false);
        Assert.Equal("BL-ENV", entry.CatalogueCode);
        var resolved = Resolve(entry).ToList();
        Assert.DoesNotContain(resolved, a => a.Contains(":S12:", StringComparison.Ordinal) || a.Contains(":S14:", StringComparison.Ordinal) || a.Contains(":S15:", StringComparison.Ordinal));
        Assert.Equal(new[] { "finance:S02:subject" }.Concat(Everywhere("S17", "subject")).Order(), resolved.Order());
    }

    [Fact]
    public void A_court_judgment_debtor_able_but_refusing_to_perform_gets_the_exit_flight_rail_and_luxury_bans_and_one_who_is_not_does_not()
    {
        var refusing = Entry(field: "司法诉讼", subject: Debtor, withPerson: false, catalogueCode: "BL-COURT",
            facts: new Dictionary<string, string?> { ["enforcementCaseNumber"] = "(2025)京0105执123号", ["有履行能力但拒不履行"] = "是" });
        Assert.Superset(new HashSet<string> { "police:S12:subject", "court:S14:subject", "court:S15:subject" }, Resolve(refusing).ToHashSet());

        var unable = Entry(field: "司法诉讼", subject: Debtor, withPerson: false, catalogueCode: "BL-COURT",
            facts: new Dictionary<string, string?> { ["enforcementCaseNumber"] = "(2025)京0105执124号", ["ableButRefuses"] = "否" });
        Assert.DoesNotContain(Resolve(unable), a => a.Contains(":S12:", StringComparison.Ordinal) || a.Contains(":S14:", StringComparison.Ordinal) || a.Contains(":S15:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_debtor_companys_representative_is_banned_from_travel_and_exit_with_it_落实到人()
    {
        var company = Entry(field: "司法诉讼", catalogueCode: "BL-COURT",
            facts: new Dictionary<string, string?> { ["enforcementCaseNumber"] = "(2025)京0105执125号", ["ableButRefuses"] = "true" });
        var resolved = Resolve(company).ToHashSet();
        Assert.Superset(new HashSet<string> { "police:S12:person", "court:S14:person", "court:S14:subject", "court:S15:person", "court:S15:subject" }, resolved);
        Assert.DoesNotContain("police:S12:subject", resolved);
    }

    [Fact]
    public void A_tax_debtors_representative_is_stopped_at_the_border_only_while_the_tax_is_unpaid_without_guarantee()
    {
        ListEntry OwingTax(string unpaid) => Entry(field: "税收缴纳", catalogueCode: "BL-TAX", facts: new Dictionary<string, string?> { ["taxUnpaidWithoutGuarantee"] = unpaid });
        Assert.Contains("police:S12:person", Resolve(OwingTax("是")));
        Assert.DoesNotContain("police:S12:person", Resolve(OwingTax("否")));
    }

    [Fact]
    public void Government_procurement_is_barred_by_law_for_a_procurement_offender_and_recommended_for_others()
    {
        var offender = Entry(field: "工程建设", catalogueCode: "BL-PROCURE");
        var other = Entry(field: "环境保护");
        Assert.Equal(MeasureBinding.Mandatory, CaseMeasures.Resolve(offender, CatalogueSnapshot.Seeded.Find("BL-PROCURE"), MeasureCatalog.Seed, Departments).First(a => a.MeasureCode == "S02").Binding);
        Assert.Equal(MeasureBinding.Recommended, CaseMeasures.Resolve(other, CatalogueSnapshot.Seeded.Find("BL-ENV"), MeasureCatalog.Seed, Departments).First(a => a.MeasureCode == "S02").Binding);
        Assert.Equal(MeasureBinding.Mandatory, MeasureCatalog.Seed.Single(m => m.Code == "S02").Binding);
    }

    [Fact]
    public void A_field_bound_measure_applies_only_in_its_field()
    {
        Assert.Contains("telecom:S07:subject", Resolve(Entry(field: "互联网", category: "虚假广告")));
        Assert.DoesNotContain("telecom:S07:subject", Resolve(Entry(field: "产品质量", category: "虚假广告")));
    }

    [Fact]
    public void A_red_listed_company_gets_incentives_and_nothing_binds_its_persons()
    {
        var entry = Entry("red");
        Assert.Equal("RL-MODEL", entry.CatalogueCode);
        Assert.Equal(["finance:R03:subject", "market:R04:subject", "services:R01:subject", "services:R02:subject", "services:R05:subject"], Resolve(entry).Order());
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
    public void An_entry_without_an_item_binds_nothing()
    {
        Assert.Empty(CaseMeasures.Resolve(Entry(), null, MeasureCatalog.Seed, Departments));
    }

    [Fact]
    public void A_mandatory_measure_no_registered_department_implements_is_named_and_a_recommended_one_is_not()
    {
        var debtor = Entry(field: "司法诉讼", subject: Debtor, withPerson: false, catalogueCode: "BL-COURT",
            facts: new Dictionary<string, string?> { ["enforcementCaseNumber"] = "(2025)京0105执126号", ["ableButRefuses"] = "是" });
        Assert.Equal(["S12", "S14", "S15"], CaseMeasures.Unimplemented(debtor, CatalogueSnapshot.Seeded.Find("BL-COURT"), MeasureCatalog.Seed, [Finance]));
        Assert.Empty(CaseMeasures.Unimplemented(debtor, CatalogueSnapshot.Seeded.Find("BL-COURT"), MeasureCatalog.Seed, Departments));
    }
}
