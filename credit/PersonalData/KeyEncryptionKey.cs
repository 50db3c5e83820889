using System.Security.Cryptography;
using System.Text;

namespace Credit.PersonalData;

/// <summary>
/// The key that wraps the stored keys (data keys, the lookup key): derived (HKDF) from the deployment's personal-data
/// key, which Azure keeps in Key Vault (an app setting resolved from it; the app never stores it) and a developer
/// machine in its local settings file. A wrapped key is useless without it; a key never leaves the process unwrapped.
/// While the personal-data key is rotated, the previous one still opens what it wrapped; a rotation wraps it again
/// under the new one (<see cref="DataKeys.RewrapAsync"/>, <see cref="LookupKey.RewrapAsync"/>).
/// </summary>
public sealed class KeyEncryptionKey(byte[] personalDataKey, byte[]? previousPersonalDataKey = null)
{
    const int NonceLength = 12;
    const int TagLength = 16;
    readonly byte[] key = Derive(personalDataKey);
    readonly byte[]? previous = previousPersonalDataKey is null ? null : Derive(previousPersonalDataKey);

    /// <summary>AES-256-GCM of a key, bound to what it is for (<paramref name="purpose"/>: "data-key:3", "lookup-key").</summary>
    public byte[] Wrap(byte[] secret, string purpose)
    {
        var wrapped = new byte[NonceLength + secret.Length + TagLength];
        RandomNumberGenerator.Fill(wrapped.AsSpan(0, NonceLength));
        using var aes = new AesGcm(key, TagLength);
        aes.Encrypt(wrapped.AsSpan(0, NonceLength), secret, wrapped.AsSpan(NonceLength, secret.Length), wrapped.AsSpan(NonceLength + secret.Length), Context(purpose));
        return wrapped;
    }

    /// <summary>The key a <see cref="Wrap"/> sealed, and whether only the previous personal-data key opened it (it is to be wrapped again).</summary>
    /// <exception cref="CryptographicException">Neither key wrapped it, or it changed.</exception>
    public (byte[] Secret, bool UnderPrevious) Unwrap(byte[] wrapped, string purpose)
    {
        try
        {
            return (Open(key, wrapped, purpose), false);
        }
        catch (CryptographicException) when (previous is not null)
        {
            return (Open(previous, wrapped, purpose), true);
        }
    }

    static byte[] Open(byte[] with, byte[] wrapped, string purpose)
    {
        var secret = new byte[wrapped.Length - NonceLength - TagLength];
        using var aes = new AesGcm(with, TagLength);
        aes.Decrypt(wrapped.AsSpan(0, NonceLength), wrapped.AsSpan(NonceLength, secret.Length), wrapped.AsSpan(NonceLength + secret.Length), secret, Context(purpose));
        return secret;
    }

    static byte[] Derive(byte[] personalDataKey) => HKDF.DeriveKey(HashAlgorithmName.SHA256, personalDataKey, 32, info: "credit:key-encryption"u8.ToArray());

    static byte[] Context(string purpose) => Encoding.UTF8.GetBytes("credit:" + purpose);
}
