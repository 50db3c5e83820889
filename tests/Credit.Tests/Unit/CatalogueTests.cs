using Credit.Catalogue;
using Credit.Lists;
using Credit.Measures;
using Credit.Testing;

namespace Credit.Tests.Unit;

/// <summary>The product's catalogue of acts: consistent with its measures list, documented, and read the same way for entries old and new.</summary>
public sealed class CatalogueTests
{
    static CatalogueItem Item(string code) => ConductCatalogue.Seed.Single(i => i.Code == code);

    [Fact]
    public void Every_seeded_item_keeps_the_rules_the_supervisor_is_held_to()
    {
        Assert.All(ConductCatalogue.Seed, item => Assert.Empty(CatalogueRules.Check(item, MeasureCatalog.Seed)));
        Assert.Equal(ConductCatalogue.Seed.Count, ConductCatalogue.Seed.Select(i => i.Code).Distinct().Count());
    }

    [Fact]
    public void Every_measure_is_bound_by_some_act_and_every_list_has_one_fallback()
    {
        Assert.All(MeasureCatalog.Seed, measure => Assert.Contains(ConductCatalogue.Seed, i => i.Measures.Any(b => b.MeasureCode == measure.Code)));
        Assert.All(Enum.GetValues<ListType>(), type =>
            Assert.Single(ConductCatalogue.Seed, i => i.ListType == type && i.DerivedFrom is { CategoryKeywords.Count: 0, Fields.Count: 0 }));
    }

    [Fact]
    public void The_exit_flight_rail_and_luxury_bans_bind_only_under_the_conditions_their_laws_set()
    {
        var conditional = ConductCatalogue.Seed.SelectMany(i => i.Measures.Select(b => (i.Code, Bound: b))).Where(p => p.Bound.MeasureCode is "S12" or "S13" or "S14" or "S15").ToList();
        Assert.Equal(["BL-COURT", "BL-TAX"], conditional.Select(p => p.Code).Distinct().Order());
        Assert.All(conditional, p => Assert.NotEmpty(p.Bound.When));
    }

    [Fact]
    public void Docs_measures_md_justifies_every_measure_and_every_item()
    {
        var doc = File.ReadAllText(Path.Combine(Repository.Root, "docs", "measures.md"));
        Assert.All(MeasureCatalog.Seed, m => Assert.Contains($"| {m.Code} | {m.Name} |", doc, StringComparison.Ordinal));
        Assert.All(ConductCatalogue.Seed, i => Assert.Contains($"| {i.Code} {i.Name} |", doc, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("black", "环境保护", "环境违法失信", "BL-ENV")]
    [InlineData("black", "食品药品", "食品安全严重失信", "BL-FOOD")]
    [InlineData("black", "食品药品", "食品安全严重危害人民群众身体健康和生命安全", "BL-LIFE")]
    [InlineData("black", "司法诉讼", "失信被执行人", "BL-COURT")]
    [InlineData("black", "交通安全", "拒不履行生效法律文书确定的义务", "BL-COURT")]
    [InlineData("black", "旅游文化", "其他", "BL-GENERAL")]
    [InlineData("red", "税收缴纳", "A级纳税人", "RL-TAX")]
    [InlineData("red", "志愿服务", "优秀志愿者", "RL-MODEL")]
    [InlineData("watch", "产品质量", "列入经营异常名录", "WL-GENERAL")]
    public void An_entry_naming_no_item_is_read_under_the_one_its_category_or_field_derives(string listType, string field, string category, string expected)
    {
        Assert.Equal(expected, CatalogueSnapshot.Seeded.Derive(ListVocabulary.ListTypes[listType], field, category)?.Code);
    }

    [Fact]
    public void A_retired_item_is_never_derived()
    {
        var snapshot = new CatalogueSnapshot([.. ConductCatalogue.Seed.Select(i => i.Code == "BL-ENV" ? i with { Retired = true } : i)]);
        Assert.Equal("BL-GENERAL", snapshot.Derive(ListType.Black, "环境保护", "环境违法失信")?.Code);
    }

    [Fact]
    public void An_item_the_supervisor_writes_is_refused_for_each_thing_wrong_with_it()
    {
        var court = Item("BL-COURT");
        var broken = court with
        {
            Code = "bad code\u202e",
            Field = "天气",
            DefaultPeriodMonths = 70,
            MinimumRepairMonths = -1,
            Facts = [.. court.Facts, new EntryFact("ableButRefuses", "重复", FactKind.YesNo)],
            Measures =
            [
                new BoundMeasure("S99", [SubjectKind.LegalPerson], [], []),
                new BoundMeasure("R01", [SubjectKind.LegalPerson], [], []),
                new BoundMeasure("S17", [SubjectKind.LegalPerson], [ResponsibleRole.LegalRepresentative], []),
                new BoundMeasure("S12", [], [], ["enforcementCaseNumber"]),
            ],
        };
        var problems = CatalogueRules.Check(broken, MeasureCatalog.Seed);
        Assert.Equal(
            ["code", "field", "defaultPeriodMonths/maximumPeriodMonths", "minimumRepairMonths", "facts", "measures", "measures", "measures", "measures", "measures"],
            problems.Select(p => p.Field));
        Assert.DoesNotContain(problems, p => p.Message.Contains('\u202e', StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("S99 is no measure in use", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("R01", StringComparison.Ordinal) && p.Message.Contains("Black list", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("does not bind responsible persons", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("binds neither", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("'enforcementCaseNumber', which is no 是/否 fact", StringComparison.Ordinal));
    }
}
