using System.Security.Cryptography;
using System.Text;
using Credit.Calendar;
using Credit.Catalogue;
using Credit.Identifiers;
using Credit.Lists;
using Credit.Records;
using Credit.Testing;

namespace Credit.Tests.Access;

/// <summary>
/// Ids of records and list entries (and so of cases and remedies) are keyed: the same item keeps its id under the
/// deployment's key, and nobody without the key can compute one from a document number and a subject.
/// </summary>
public sealed class KeyedIdentifierTests
{
    static readonly SubjectKeys OtherDeployment = new(Enumerable.Repeat((byte)7, 32).ToArray());
    static readonly DateOnly Today = new(2025, 1, 10);

    static DisclosureRecord Validate(SubjectKeys keys) =>
        new RecordValidator(RecordSchema.Penalty, Rows.Department, Today, WorkingDayCalendar.Default, 7, keys)
            .Validate(Rows.Raw(RecordSchema.Penalty, 2, Rows.Penalty())).Record!;

    static ListEntry Entry(SubjectKeys keys) => new ListEntryValidator(keys).Validate(Rows.Department, new ListEntryDraft(
        "black", Rows.Company, "北京示例食品有限公司", "食品安全严重失信", "食品药品", "《食品安全法》第一百三十四条", "京市监罚〔2025〕1号", "2025-03-03", "36", []), CatalogueSnapshot.Seeded).Entry!;

    static string UnkeyedHex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void A_record_keeps_its_id_under_the_deployment_key_so_a_re_upload_finds_it()
    {
        var first = Validate(Rows.SubjectKeys);
        Assert.Equal(first.Key, Validate(Rows.SubjectKeys).Key);
        Assert.True(RecordKey.TryParseId(first.Key.Id, out var parsed));
        Assert.Equal(first.Key, parsed);
    }

    [Fact]
    public void A_record_id_cannot_be_computed_from_its_document_number_and_subject_without_the_key()
    {
        var record = Validate(Rows.SubjectKeys);
        Assert.NotEqual(record.Key, Validate(OtherDeployment).Key);
        Assert.DoesNotContain(record.Key.RowKey, UnkeyedHex($"{RecordKind.Penalty}|{record.DocumentNumber}|{record.SubjectKey}"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_entry_id_and_so_its_case_id_cannot_be_computed_without_the_key()
    {
        var entry = Entry(Rows.SubjectKeys);
        Assert.Equal(entry.Id, Entry(Rows.SubjectKeys).Id);
        Assert.NotEqual(entry.Id, Entry(OtherDeployment).Id);
        Assert.DoesNotContain(entry.Id[(Rows.Department.Length + 2)..], UnkeyedHex($"{ListType.Black}|{Rows.Company}|京市监罚〔2025〕1号"), StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_and_a_persons_key_are_hashes_under_different_keys()
    {
        var identity = Rows.Person;
        Assert.DoesNotContain(Rows.SubjectKeys.Identifier(identity, 32), Rows.SubjectKeys.ForPerson(identity), StringComparison.Ordinal);
    }
}
