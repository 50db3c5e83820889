using Credit.Catalogue;
using Credit.Identifiers;
using Credit.JointCases;
using Credit.Lists;
using Credit.Measures;
using Credit.Notices;
using Credit.Testing;

namespace Credit.Tests.Access;

/// <summary>
/// A notice is stored, queued and forwarded to every department a measure names: it carries a person by reference
/// with the ID number and name masked, never whole.
/// </summary>
public sealed class NoticeIdentityTests
{
    const string Representative = "110105198001010016";

    static ListEntry Entry(string subjectCode, string subjectName, IReadOnlyList<ResponsiblePersonDraft> persons) =>
        new ListEntryValidator(Rows.SubjectKeys).Validate(Rows.Department, new ListEntryDraft(
            "black", subjectCode, subjectName, "环境违法失信", "环境保护", "《中华人民共和国环境保护法》第六十三条", "京环罚〔2025〕8号", "2025-03-03", "12", persons), CatalogueSnapshot.Seeded).Entry!;

    static CaseNotice Push(ListEntry entry) =>
        CaseNoticeWriter.Write(NoticeKinds.Push, 1, Rows.Department, entry,
            [.. entry.ResponsiblePersons.Select(p => p.SubjectKey).Prepend(entry.SubjectKey).Select(key => new AssignmentRecord(
                new Assignment(Rows.Department, "S12", 1, "限制出境", MeasureBinding.Mandatory, "《出境入境管理法》第十二条", new CaseTarget(key, "-", null)),
                1, new DateOnly(2025, 3, 10), AssignmentStatus.Pending, false, false, null, null, null, null))],
            new DateOnly(2025, 3, 10), DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_responsible_person_is_named_by_reference_with_the_id_number_and_name_masked()
    {
        var entry = Entry(Rows.Company, "北京示例化工有限公司", [new ResponsiblePersonDraft("法定代表人", "张三丰", Representative)]);
        var body = JsonText.Decoded(Push(entry).Body);
        Assert.DoesNotContain(Representative, body, StringComparison.Ordinal);
        Assert.DoesNotContain("张三丰", body, StringComparison.Ordinal);
        Assert.Contains("110105********0016", body, StringComparison.Ordinal);
        Assert.Contains("张**", body, StringComparison.Ordinal);
        Assert.Contains(Rows.SubjectKeys.ForPerson(Representative), body, StringComparison.Ordinal);
        Assert.Contains("北京示例化工有限公司", body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_listed_natural_person_is_named_by_reference_with_the_id_number_and_name_masked()
    {
        var entry = Entry(Representative, "欧阳娜娜", []);
        var body = JsonText.Decoded(Push(entry).Body);
        Assert.DoesNotContain(Representative, body, StringComparison.Ordinal);
        Assert.DoesNotContain("欧阳娜娜", body, StringComparison.Ordinal);
        Assert.Contains("欧***", body, StringComparison.Ordinal);
        Assert.Contains(entry.SubjectKey, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData(" 李 ", "李")]
    [InlineData("阿卜杜拉·买买提", "阿*******")]
    [InlineData("𠀀明", "𠀀*")]
    public void A_name_keeps_its_first_character(string name, string masked) => Assert.Equal(masked, PersonalDataMasking.MaskName(name));

    [Theory]
    [InlineData("P0123456789abcdef0123456789abcdef", true)]
    [InlineData("P0123456789ABCDEF0123456789abcdef", false)]
    [InlineData("P0123456789abcdef0123456789abcde", false)]
    [InlineData(Rows.Company, false)]
    [InlineData(null, false)]
    public void A_person_key_is_told_from_a_credit_code(string? key, bool isPerson) => Assert.Equal(isPerson, SubjectKeys.IsPersonKey(key));
}
