using Credit.Disclosure;
using Credit.Quarantine;
using Credit.Storage;
using FsCheck;
using FsCheck.Fluent;

namespace Credit.Tests.Unit;

/// <summary>
/// Every key built from user text is a key Azure Tables accepts, and distinct texts stay distinct: a property over
/// arbitrary strings — the generator's own plus '/', '\', '#', '?', control characters, lone surrogates, bidi
/// overrides and 1 KB strings — for every function that builds such a key.
/// </summary>
public sealed class TableKeysTests
{
    static readonly char[] Hostile = ['/', '\\', '#', '?', '%', '|', '~', '\0', '\n', '\r', '\t', '\u007F', '\u0085', '\u009F', '\uD800', '\uDFFF', '\u202E', '\u2066', '\uFFFF', '北', 'A'];

    static Arbitrary<string> Texts() =>
        Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>().Where(s => s is not null),
            Gen.ArrayOf(Gen.Elements(Hostile)).Select(cs => new string(cs)),
            Gen.Choose(900, 1200).SelectMany(n => Gen.ArrayOf(Gen.Elements(Hostile), n)).Select(cs => new string(cs)))
        .ToArbitrary();

    /// <summary>What the service requires of a key: ≤ 1 KiB (512 UTF-16 characters), none of / \ # ?, no control character, well-formed UTF-16.</summary>
    internal static bool IsValidKey(string key)
    {
        if (key.Length > 512 || key.IndexOfAny(['/', '\\', '#', '?']) >= 0)
        {
            return false;
        }

        for (var i = 0; i < key.Length; i++)
        {
            if (char.IsControl(key[i]) || (char.IsHighSurrogate(key[i]) && (i + 1 == key.Length || !char.IsLowSurrogate(key[++i]))) || char.IsLowSurrogate(key[i]) && (i == 0 || !char.IsHighSurrogate(key[i - 1])))
            {
                return false;
            }
        }

        return true;
    }

    static readonly Func<string, string>[] KeyBuilders =
    [
        TableKeys.Escape,
        PublicStore.NamePartition,
        text => PublicStore.NameRow(text, "91110000600037341L"),
        QuarantineStore.RowKey,
    ];

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Every_key_builder_gives_a_valid_key() =>
        Prop.ForAll(Texts(), text => KeyBuilders.All(build => IsValidKey(build(text))));

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Distinct_texts_give_distinct_keys() =>
        Prop.ForAll(Texts(), Texts(), (a, b) => a == b || TableKeys.Escape(a) != TableKeys.Escape(b));

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property A_name_prefix_is_a_key_prefix() =>
        Prop.ForAll(Texts(), Gen.Choose(0, 50).ToArbitrary(), (name, cut) =>
        {
            var prefix = name[..Math.Min(cut, name.Length)];
            var whole = TableKeys.Escape(name);
            return whole.Contains("%~", StringComparison.Ordinal) || (prefix.Length > 0 && char.IsHighSurrogate(prefix[^1])) || whole.StartsWith(TableKeys.Escape(prefix), StringComparison.Ordinal);
        });

    [Theory]
    [InlineData("北京A/B公司", "北京A%002FB公司")]
    [InlineData("50%", "50%0025")]
    [InlineData("a\nb", "a%000Ab")]
    public void Refused_characters_become_escapes(string text, string key) => Assert.Equal(key, TableKeys.Escape(text));
}
