using System.Security.Cryptography;
using System.Text;

namespace Credit.Identifiers;

/// <summary>
/// The key a subject is stored under. Organisations: their 统一社会信用代码. Natural persons: a keyed hash
/// (HMAC-SHA256) of the resident ID number, so the number itself never serves as a key at rest; the key is
/// the deployment's lookup key (<see cref="PersonalData.LookupKey"/>: its first personal-data key, stored wrapped).
/// The ids of records and list entries (hence of cases and remedies) are keyed too, under a key derived from it.
/// </summary>
public sealed class SubjectKeys
{
    // Loaded at the first hash, not when the service is made; a load that failed (storage away) is tried again.
    readonly Lazy<(byte[] Person, byte[] Identifier)> keys;

    public SubjectKeys(byte[] lookupKey)
        : this(() => lookupKey)
    {
    }

    public SubjectKeys(Func<byte[]> lookupKey) =>
        keys = new(() => Derive(lookupKey()), LazyThreadSafetyMode.PublicationOnly);

    const int PersonKeyLength = 33;
    static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    public string ForPerson(string residentIdNumber) =>
        "P" + Convert.ToHexStringLower(HMACSHA256.HashData(keys.Value.Person, Encoding.UTF8.GetBytes(residentIdNumber.ToUpperInvariant())))[..32];

    /// <summary>
    /// A stored item's id from what identifies it (kind, document, subject…): lower hex, keyed, so that nobody
    /// without the key can compute it and test whether a department holds a record about someone.
    /// </summary>
    public string Identifier(string identity, int length) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(keys.Value.Identifier, Encoding.UTF8.GetBytes(identity)))[..length];

    // Its own key for ids (HKDF), so that an id and a person's key are never hashes under the same key.
    static (byte[], byte[]) Derive(byte[] lookupKey) =>
        (lookupKey, HKDF.DeriveKey(HashAlgorithmName.SHA256, lookupKey, 32, info: "credit:identifiers"u8.ToArray()));

    /// <summary>Whether a subject key is a natural person's (an organisation's is its 18-character credit code).</summary>
    public static bool IsPersonKey(string? key) =>
        key is { Length: PersonKeyLength } && key[0] == 'P' && !key.AsSpan(1).ContainsAnyExcept(LowerHex);

    /// <summary>
    /// The key of a subject named by its 统一社会信用代码 or resident ID number (trimmed, either case), when nothing
    /// declares which it is (<see cref="KindOf"/>); null when it is neither.
    /// </summary>
    public string? For(string? code)
    {
        var text = Normalise(code);
        return KindOf(text) switch
        {
            CodeKind.Person => ForPerson(text),
            CodeKind.Organisation => text,
            _ => null,
        };
    }

    /// <summary>Every key a code may name, read as a 统一社会信用代码 and as an ID number: where a list of keys (a case's targets) decides which.</summary>
    public IEnumerable<string> Candidates(string? code)
    {
        var text = Normalise(code);
        if (UnifiedSocialCreditCode.IsValid(text))
        {
            yield return text;
        }

        if (ResidentIdNumber.IsValid(text))
        {
            yield return ForPerson(text);
        }
    }

    /// <summary>
    /// What a code names when nothing declares it (the declared 行政相对人类别 or a responsible person's role decide
    /// where there is one). About one resident ID number in 31 also passes the GB 32100 check: such a code is a
    /// person's when its first two digits are a province's and characters 7–14 a birth date from 1900 (GB 11643),
    /// else an organisation's.
    /// </summary>
    public static CodeKind KindOf(string? code)
    {
        var text = Normalise(code);
        return (UnifiedSocialCreditCode.IsValid(text), ResidentIdNumber.IsValid(text)) switch
        {
            (true, true) => LooksLikeIdNumber(text) ? CodeKind.Person : CodeKind.Organisation,
            (true, false) => CodeKind.Organisation,
            (false, true) => CodeKind.Person,
            _ => CodeKind.None,
        };
    }

    static readonly HashSet<string> Provinces =
        ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82"];

    static bool LooksLikeIdNumber(string number) =>
        Provinces.Contains(number[..2]) && int.TryParse(number.AsSpan(6, 4), System.Globalization.CultureInfo.InvariantCulture, out var year) && year is >= 1900 and < 2100;

    static string Normalise(string? code) => code?.Trim().ToUpperInvariant() ?? string.Empty;

    /// <summary>Why a code is not a subject's: the ID number's rule when it looks like one (17 digits then a birth date), else the credit code's.</summary>
    public static CheckResult WhyNot(string? code)
    {
        var text = code?.Trim().ToUpperInvariant() ?? string.Empty;
        var looksLikeId = text.Length == ResidentIdNumber.Length && text[..17].All(char.IsAsciiDigit)
            && DateOnly.TryParseExact(text.AsSpan(6, 8), "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var birth)
            && birth.Year >= 1900;
        return looksLikeId ? ResidentIdNumber.Check(text) : UnifiedSocialCreditCode.Check(text);
    }
}

/// <summary>What a subject code names: an organisation (统一社会信用代码), a natural person (resident ID number), or neither.</summary>
public enum CodeKind
{
    None,
    Organisation,
    Person,
}
