using System.Security.Cryptography;
using System.Text;

namespace Credit.PersonalData;

/// <summary>
/// The key that wraps the data keys: derived (HKDF) from the deployment's personal-data key, which Azure keeps in Key
/// Vault (an app setting resolved from it; the app never stores it) and a developer machine in its local settings
/// file. A wrapped data key is useless without it; a data key never leaves the process unwrapped.
/// </summary>
public sealed class KeyEncryptionKey(byte[] personalDataKey)
{
    const int NonceLength = 12;
    const int TagLength = 16;
    readonly byte[] key = HKDF.DeriveKey(HashAlgorithmName.SHA256, personalDataKey, 32, info: "credit:key-encryption"u8.ToArray());

    /// <summary>AES-256-GCM of the data key, bound to its version.</summary>
    public byte[] Wrap(byte[] dataKey, int version)
    {
        var wrapped = new byte[NonceLength + dataKey.Length + TagLength];
        RandomNumberGenerator.Fill(wrapped.AsSpan(0, NonceLength));
        using var aes = new AesGcm(key, TagLength);
        aes.Encrypt(wrapped.AsSpan(0, NonceLength), dataKey, wrapped.AsSpan(NonceLength, dataKey.Length), wrapped.AsSpan(NonceLength + dataKey.Length), Context(version));
        return wrapped;
    }

    /// <exception cref="CryptographicException">The data key was wrapped by another key, or changed.</exception>
    public byte[] Unwrap(byte[] wrapped, int version)
    {
        var dataKey = new byte[wrapped.Length - NonceLength - TagLength];
        using var aes = new AesGcm(key, TagLength);
        aes.Decrypt(wrapped.AsSpan(0, NonceLength), wrapped.AsSpan(NonceLength, dataKey.Length), wrapped.AsSpan(NonceLength + dataKey.Length), dataKey, Context(version));
        return dataKey;
    }

    static byte[] Context(int version) => Encoding.UTF8.GetBytes($"credit:data-key:{version}");
}
