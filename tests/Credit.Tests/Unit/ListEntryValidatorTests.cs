using Credit.Catalogue;
using Credit.Lists;
using Credit.Testing;

namespace Credit.Tests.Unit;

public sealed class ListEntryValidatorTests
{
    const string Department = Rows.Department;
    const string Representative = "110105198001010016";
    static readonly ListEntryValidator Validator = new(Rows.SubjectKeys);

    static ListEntryDraft Good(string? listType = "black", string? subjectCode = Rows.Company, IReadOnlyList<ResponsiblePersonDraft>? persons = null) => new(
        listType, subjectCode, "北京示例食品有限公司", "食品安全严重失信", "食品药品", "《食品安全法》第一百三十四条", "京市监罚〔2025〕1号", "2025年3月3日", "36",
        persons ?? [new ResponsiblePersonDraft("法定代表人", "张三", Representative)]);

    [Fact]
    public void A_good_entry_is_built_with_its_end_date_kind_and_hashed_person_key()
    {
        var (entry, errors) = Validator.Validate(Department, Good(), CatalogueSnapshot.Seeded);
        Assert.Empty(errors);
        Assert.NotNull(entry);
        Assert.Equal(ListType.Black, entry.ListType);
        Assert.Equal(SubjectKind.LegalPerson, entry.SubjectKind);
        Assert.Equal(new DateOnly(2028, 3, 3), entry.EndDate);
        var person = Assert.Single(entry.ResponsiblePersons);
        Assert.Equal(ResponsibleRole.LegalRepresentative, person.Role);
        Assert.Equal(Rows.SubjectKeys.ForPerson(Representative), person.SubjectKey);
        Assert.True(ListEntryId.TryParse(entry.Id, out var department));
        Assert.Equal(Department, department);
    }

    [Fact]
    public void The_same_entry_gets_the_same_id_and_another_document_another()
    {
        var first = Validator.Validate(Department, Good(), CatalogueSnapshot.Seeded).Entry!;
        var again = Validator.Validate(Department, Good() with { SubjectName = "改名后的公司", PeriodMonths = "12" }, CatalogueSnapshot.Seeded).Entry!;
        var other = Validator.Validate(Department, Good() with { DecisionDocument = "京市监罚〔2025〕2号" }, CatalogueSnapshot.Seeded).Entry!;
        Assert.Equal(first.Id, again.Id);
        Assert.False(first.SameContentAs(again));
        Assert.NotEqual(first.Id, other.Id);
    }

    [Fact]
    public void An_individual_business_and_a_natural_person_are_told_apart_by_their_identifiers()
    {
        const string businessBody = "92110105MA0000001";
        var business = businessBody + Credit.Identifiers.UnifiedSocialCreditCode.CheckCharacter(businessBody);
        Assert.Equal(SubjectKind.IndividualBusiness, Validator.Validate(Department, Good(subjectCode: business), CatalogueSnapshot.Seeded).Entry!.SubjectKind);
        var person = Validator.Validate(Department, Good(subjectCode: Representative, persons: []), CatalogueSnapshot.Seeded);
        Assert.Equal(SubjectKind.NaturalPerson, person.Entry!.SubjectKind);
        Assert.Equal(Rows.SubjectKeys.ForPerson(Representative), person.Entry.SubjectKey);
    }

    [Theory]
    [InlineData("listType", "grey", "LIST_TYPE")]
    [InlineData("subjectCode", "91110105MA00000013", "USCC_CHECK_CHARACTER")]
    [InlineData("field", "天气", "FIELD")]
    [InlineData("startDate", "2025-02-30", "DATE")]
    [InlineData("periodMonths", "0", "PERIOD")]
    [InlineData("periodMonths", "121", "PERIOD")]
    [InlineData("periodMonths", "1.5", "PERIOD")]
    [InlineData("category", "  ", "REQUIRED")]
    [InlineData("decisionDocument", null, "REQUIRED")]
    public void Each_broken_rule_names_the_field_value_and_rule_in_both_languages(string field, string? value, string code)
    {
        var draft = field switch
        {
            "listType" => Good() with { ListType = value },
            "subjectCode" => Good() with { SubjectCode = value },
            "field" => Good() with { Field = value },
            "startDate" => Good() with { StartDate = value },
            "periodMonths" => Good() with { PeriodMonths = value },
            "category" => Good() with { Category = value },
            _ => Good() with { DecisionDocument = value },
        };
        var (entry, errors) = Validator.Validate(Department, draft, CatalogueSnapshot.Seeded, row: 7);
        Assert.Null(entry);
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Column);
        Assert.Equal(code, error.Code);
        Assert.Equal(7, error.Row);
        Assert.False(string.IsNullOrWhiteSpace(error.MessageZh));
        Assert.False(string.IsNullOrWhiteSpace(error.MessageEn));
    }

    [Fact]
    public void Responsible_persons_are_checked_one_by_one_and_bad_ID_numbers_never_echoed_whole()
    {
        var (entry, errors) = Validator.Validate(Department, Good(persons:
        [
            new ResponsiblePersonDraft("董事长", "王五", Representative),
            new ResponsiblePersonDraft("实际控制人", "", "110105198001010017"),
        ]), CatalogueSnapshot.Seeded);
        Assert.Null(entry);
        Assert.Equal(["responsiblePersons[0].role", "responsiblePersons[1].name", "responsiblePersons[1].idNumber"], errors.Select(e => e.Column));
        Assert.DoesNotContain(errors, e => e.Value == "110105198001010017");
    }

    [Fact]
    public void A_natural_person_has_no_responsible_persons()
    {
        var (entry, errors) = Validator.Validate(Department, Good(subjectCode: Representative), CatalogueSnapshot.Seeded);
        Assert.Null(entry);
        Assert.Equal("PERSONS_OF_PERSON", Assert.Single(errors).Code);
    }

    static ListEntryDraft Debtor(string? catalogueCode = "BL-COURT", IReadOnlyDictionary<string, string?>? facts = null, string? listType = "black", string? period = null) => new(
        listType, Rows.Company, "北京示例被执行公司", null, null, "法释〔2017〕7号第一条", "(2025)京0105执123号", "2025-03-03", period,
        [new ResponsiblePersonDraft("法定代表人", "张三", Representative)], catalogueCode, facts);

    [Fact]
    public void An_entry_naming_its_item_takes_the_items_category_field_and_default_period_and_keeps_its_facts()
    {
        var (entry, errors) = Validator.Validate(Department, Debtor(facts: new Dictionary<string, string?> { ["执行案号"] = "(2025)京0105执123号", ["ableButRefuses"] = "TRUE" }), CatalogueSnapshot.Seeded);
        Assert.Empty(errors);
        Assert.Equal(("BL-COURT", 1, "失信被执行人", "司法诉讼", 24), (entry!.CatalogueCode, entry.CatalogueVersion, entry.Category, entry.Field, entry.PeriodMonths));
        Assert.Equal(new Dictionary<string, string> { ["enforcementCaseNumber"] = "(2025)京0105执123号", ["ableButRefuses"] = "是" }, entry.Facts);
        Assert.True(entry.Holds("ableButRefuses"));
    }

    [Fact]
    public void An_entry_naming_its_item_without_the_facts_it_needs_is_refused_naming_each()
    {
        var (entry, errors) = Validator.Validate(Department, Debtor(), CatalogueSnapshot.Seeded, row: 4);
        Assert.Null(entry);
        Assert.Equal([("facts.enforcementCaseNumber", "FACT_REQUIRED"), ("facts.ableButRefuses", "FACT_REQUIRED")], errors.Select(e => (e.Column!, e.Code)));
        Assert.All(errors, e => Assert.Equal(4, e.Row));
        Assert.Contains("有履行能力但拒不履行", errors[1].MessageZh, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BL-NONE", null, "black", null, "catalogueCode", "CATALOGUE_CODE")]
    [InlineData("RL-MODEL", null, "black", null, "catalogueCode", "CATALOGUE_LIST_TYPE")]
    [InlineData("BL-COURT", "maybe", "black", null, "facts.ableButRefuses", "FACT_YES_NO")]
    [InlineData("BL-COURT", "是", "black", "61", "periodMonths", "PERIOD")]
    public void A_wrong_item_fact_or_period_is_named(string code, string? able, string listType, string? period, string column, string expected)
    {
        var facts = new Dictionary<string, string?> { ["enforcementCaseNumber"] = "(2025)京0105执123号", ["ableButRefuses"] = able ?? "是" };
        var (entry, errors) = Validator.Validate(Department, Debtor(code, facts, listType, period ?? "12") with { Category = "类别", Field = "司法诉讼" }, CatalogueSnapshot.Seeded);
        Assert.Null(entry);
        var error = Assert.Single(errors);
        Assert.Equal((column, expected), (error.Column, error.Code));
        Assert.False(string.IsNullOrEmpty(error.MessageZh));
    }

    [Fact]
    public void A_fact_the_item_does_not_know_is_refused_and_quoted_harmlessly()
    {
        var facts = new Dictionary<string, string?> { ["enforcementCaseNumber"] = "(2025)京0105执1号", ["ableButRefuses"] = "否", ["mood\u0000\u202e"] = "x" };
        var (_, errors) = Validator.Validate(Department, Debtor(facts: facts), CatalogueSnapshot.Seeded);
        var error = Assert.Single(errors);
        Assert.Equal("FACT_UNKNOWN", error.Code);
        Assert.DoesNotContain('\u202e', error.Column!);
        Assert.Contains("enforcementCaseNumber, ableButRefuses", error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_naming_no_item_is_listed_under_the_derived_one_and_a_fact_it_leaves_out_is_not_established()
    {
        var (entry, errors) = Validator.Validate(Department, Debtor(catalogueCode: null) with { Category = "失信被执行人", Field = "司法诉讼", PeriodMonths = "24" }, CatalogueSnapshot.Seeded);
        Assert.Empty(errors);
        Assert.Equal("BL-COURT", entry!.CatalogueCode);
        Assert.False(entry.Holds("ableButRefuses"));
        Assert.Empty(entry.Facts!);
    }
}
