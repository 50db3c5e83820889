using Credit.Catalogue;
using Credit.Identifiers;
using Credit.Lists;
using Credit.Testing;

namespace Credit.Tests.Unit;

/// <summary>
/// About one resident ID number in 31 also passes the 统一社会信用代码 check. Where nothing declares what a code names,
/// its shape decides: a province and a birth date from 1900 make it a person's; a real organisation's code stays one.
/// </summary>
public sealed class SubjectCodeKindTests
{
    /// <summary>ID numbers of Beijing and Shanghai persons that pass GB 32100 as well.</summary>
    public static TheoryData<string> AmbiguousIdNumbers() => ["110105198001010518", "110105197512310139", "11010519900315101X", "310101200102030691"];

    [Theory]
    [MemberData(nameof(AmbiguousIdNumbers))]
    public void An_id_number_that_passes_both_checks_names_the_person(string idNumber)
    {
        Assert.True(UnifiedSocialCreditCode.IsValid(idNumber) && ResidentIdNumber.IsValid(idNumber));
        Assert.Equal(CodeKind.Person, SubjectKeys.KindOf(idNumber));
        Assert.Equal(Rows.SubjectKeys.ForPerson(idNumber), Rows.SubjectKeys.For(idNumber));
        Assert.Equal(Rows.SubjectKeys.ForPerson(idNumber), Rows.SubjectKeys.For($"  {idNumber.ToLowerInvariant()} "));
        Assert.Equal([idNumber, Rows.SubjectKeys.ForPerson(idNumber)], Rows.SubjectKeys.Candidates(idNumber));
    }

    [Theory]
    [InlineData("911101198001010248")] // its first two characters are no province
    [InlineData("110105189912310189")] // its "birth date" is before 1900
    [InlineData(Rows.Company)]
    [InlineData(Rows.Department)]
    public void A_code_that_is_not_shaped_like_an_id_number_names_the_organisation(string code)
    {
        Assert.True(UnifiedSocialCreditCode.IsValid(code));
        Assert.Equal(CodeKind.Organisation, SubjectKeys.KindOf(code));
        Assert.Equal(code, Rows.SubjectKeys.For(code));
    }

    [Fact]
    public void Every_published_credit_code_of_the_reference_names_an_organisation()
    {
        var reference = Path.Combine(Repository.Root, "..", "shared", "reference", "uscc-valid.txt");
        var codes = File.Exists(reference)
            ? File.ReadAllLines(reference).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split(' ', '\t')[0]).ToList()
            : [Rows.Company, Rows.Department, Rows.OtherDepartment];
        Assert.NotEmpty(codes);
        Assert.All(codes, c => Assert.Equal(CodeKind.Organisation, SubjectKeys.KindOf(c)));
    }

    [Fact]
    public void Neither_check_passed_names_nothing()
    {
        Assert.Equal(CodeKind.None, SubjectKeys.KindOf("110105198001010017"));
        Assert.Null(Rows.SubjectKeys.For("not a code"));
        Assert.Empty(Rows.SubjectKeys.Candidates(null));
    }

    [Theory]
    [MemberData(nameof(AmbiguousIdNumbers))]
    public void A_list_entry_for_such_a_number_is_a_natural_persons_and_so_is_a_responsible_person_with_one(string idNumber)
    {
        var validator = new ListEntryValidator(Rows.SubjectKeys);
        var (entry, errors) = validator.Validate(Rows.Department, new ListEntryDraft("black", idNumber, "李四", "拒不履行环境行政处罚", "环境保护",
            "《中华人民共和国环境保护法》第六十三条", "京环罚〔2025〕22号", "2025-03-03", "12", null), CatalogueSnapshot.Seeded);
        Assert.Empty(errors);
        Assert.Equal((SubjectKind.NaturalPerson, Rows.SubjectKeys.ForPerson(idNumber)), (entry!.SubjectKind, entry.SubjectKey));

        var (company, _) = validator.Validate(Rows.Department, new ListEntryDraft("black", Rows.Company, "北京示例化工有限公司", "环境违法失信", "环境保护",
            "《中华人民共和国环境保护法》第六十三条", "京环罚〔2025〕21号", "2025-03-03", "24", [new ResponsiblePersonDraft("法定代表人", "张三", idNumber)]), CatalogueSnapshot.Seeded);
        Assert.Equal(Rows.SubjectKeys.ForPerson(idNumber), Assert.Single(company!.ResponsiblePersons).SubjectKey);
    }
}
