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

    /// <summary>The key of a subject named by its 统一社会信用代码 or resident ID number (trimmed, either case); null when it is neither.</summary>
    public string? For(string? code)
    {
        var text = code?.Trim().ToUpperInvariant() ?? string.Empty;
        return UnifiedSocialCreditCode.IsValid(text) ? text : ResidentIdNumber.IsValid(text) ? ForPerson(text) : null;
    }

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
