using System.Security.Cryptography;
using System.Text;

namespace Credit.PersonalData;

/// <summary>
/// The key that wraps the stored keys where no Key Vault key is configured (a developer machine), and that opens what
/// it wrapped before one was: derived (HKDF) from the deployment's personal-data key, which Azure keeps in Key Vault
/// (an app setting resolved from it; the app never stores it) and a developer machine in its local settings file.
/// While the personal-data key is rotated, the previous one still opens what it wrapped.
/// </summary>
public sealed class KeyEncryptionKey(byte[] personalDataKey, byte[]? previousPersonalDataKey = null) : IKeyWrapping
{
    const int NonceLength = 12;
    const int TagLength = 16;
    readonly byte[] key = Derive(personalDataKey);
    readonly byte[]? previous = previousPersonalDataKey is null ? null : Derive(previousPersonalDataKey);

    /// <summary>AES-256-GCM of a key, bound to what it is for (<paramref name="purpose"/>: "data-key:3", "lookup-key").</summary>
    public Task<WrappedKey> WrapAsync(byte[] secret, string purpose, CancellationToken cancellationToken = default)
    {
        var wrapped = new byte[NonceLength + secret.Length + TagLength];
        RandomNumberGenerator.Fill(wrapped.AsSpan(0, NonceLength));
        using var aes = new AesGcm(key, TagLength);
        aes.Encrypt(wrapped.AsSpan(0, NonceLength), secret, wrapped.AsSpan(NonceLength, secret.Length), wrapped.AsSpan(NonceLength + secret.Length), Context(purpose));
        return Task.FromResult(new WrappedKey(Convert.ToBase64String(wrapped), WrappedBy: null));
    }

    public Task<byte[]> UnwrapAsync(WrappedKey wrapped, string purpose, CancellationToken cancellationToken = default) =>
        Task.FromResult(Open(wrapped, purpose).Secret);

    public Task<bool> IsStaleAsync(WrappedKey wrapped, string purpose, CancellationToken cancellationToken = default) =>
        Task.FromResult(Open(wrapped, purpose).UnderPrevious);

    (byte[] Secret, bool UnderPrevious) Open(WrappedKey wrapped, string purpose)
    {
        if (wrapped.WrappedBy is { } other)
        {
            throw new CryptographicException($"wrapped by the Key Vault key {other}, and this deployment has none configured (setting KeyVault:keyUri)");
        }

        var bytes = Convert.FromBase64String(wrapped.Value);
        try
        {
            return (Open(key, bytes, purpose), false);
        }
        catch (CryptographicException) when (previous is not null)
        {
            return (Open(previous, bytes, purpose), true);
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
