using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Credit.PersonalData;

/// <summary>
/// Encrypts one stored value at a time (AES-256-GCM under a data key, bound to the column it is stored in, so a
/// value moved to another column does not decrypt), and keeps the data key's version with it:
/// <c>pd1:{version}:{base64 of nonce, ciphertext and tag}</c>. A value without the prefix is read as it is.
/// </summary>
public sealed class FieldCipher(IReadOnlyDictionary<int, byte[]> dataKeys, int currentVersion)
{
    const string Prefix = "pd1:";
    const int NonceLength = 12;
    const int TagLength = 16;

    // An AesGcm holds an OpenSSL context with the key schedule: creating one per value cost more than the encryption at
    // intake rates. It is not safe for concurrent use, so each call takes one from its key's pool and gives it back.
    readonly ConcurrentDictionary<int, ConcurrentBag<AesGcm>> ciphers = new();

    public int CurrentVersion => currentVersion;

    public static bool IsProtected(string? value) => value?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>The data key version a sealed value names; null for a value that is not sealed or not well formed.</summary>
    public static int? VersionOf(string? value)
    {
        if (!IsProtected(value))
        {
            return null;
        }

        var colon = value!.IndexOf(':', Prefix.Length);
        return colon > 0 && int.TryParse(value.AsSpan(Prefix.Length, colon - Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;
    }

    public string Protect(string column, string value)
    {
        var plain = Encoding.UTF8.GetBytes(value);
        var sealedBytes = new byte[NonceLength + plain.Length + TagLength];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, NonceLength));
        var aes = Rent(currentVersion, dataKeys[currentVersion]);
        try
        {
            aes.Encrypt(sealedBytes.AsSpan(0, NonceLength), plain, sealedBytes.AsSpan(NonceLength, plain.Length), sealedBytes.AsSpan(NonceLength + plain.Length), Encoding.UTF8.GetBytes(column));
        }
        finally
        {
            ciphers[currentVersion].Add(aes);
        }

        return $"{Prefix}{currentVersion.ToString(CultureInfo.InvariantCulture)}:{Convert.ToBase64String(sealedBytes)}";
    }

    /// <exception cref="CryptographicException">The value was changed, moved from another column, or sealed by a data key this deployment does not hold.</exception>
    public string Reveal(string column, string stored)
    {
        if (!IsProtected(stored))
        {
            return stored;
        }

        if (VersionOf(stored) is not { } version)
        {
            throw new CryptographicException($"the value of {column} is not a sealed value (pd1:{{version}}:{{data}})");
        }

        if (!dataKeys.TryGetValue(version, out var dataKey))
        {
            throw new CryptographicException($"the value of {column} was sealed by data key {version}, which this deployment does not hold");
        }

        var sealedBytes = Convert.FromBase64String(stored[(stored.IndexOf(':', Prefix.Length) + 1)..]);
        var plain = new byte[sealedBytes.Length - NonceLength - TagLength];
        var aes = Rent(version, dataKey);
        try
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceLength), sealedBytes.AsSpan(NonceLength, plain.Length), sealedBytes.AsSpan(NonceLength + plain.Length), plain, Encoding.UTF8.GetBytes(column));
        }
        finally
        {
            ciphers[version].Add(aes);
        }

        return Encoding.UTF8.GetString(plain);
    }

    AesGcm Rent(int version, byte[] dataKey) =>
        ciphers.GetOrAdd(version, _ => []).TryTake(out var aes) ? aes : new AesGcm(dataKey, TagLength);
}
