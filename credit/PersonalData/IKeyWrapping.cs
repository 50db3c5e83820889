namespace Credit.PersonalData;

/// <summary>
/// What wraps the keys the product stores (data keys, the lookup key): a key in Key Vault in Azure
/// (<see cref="KeyVaultKey"/>), a key derived from the personal-data key setting elsewhere (<see cref="KeyEncryptionKey"/>).
/// A stored key names what wrapped it, so that one wrapped before a rotation still opens, and the rotation's first step
/// wraps it again under the current key.
/// </summary>
public interface IKeyWrapping
{
    Task<WrappedKey> WrapAsync(byte[] secret, string purpose, CancellationToken cancellationToken = default);

    /// <exception cref="System.Security.Cryptography.CryptographicException">No key this deployment has wrapped it, or it changed.</exception>
    Task<byte[]> UnwrapAsync(WrappedKey wrapped, string purpose, CancellationToken cancellationToken = default);

    /// <summary>Whether another key than the current one wrapped it: a rotation wraps it again.</summary>
    Task<bool> IsStaleAsync(WrappedKey wrapped, string purpose, CancellationToken cancellationToken = default);
}

/// <summary>A wrapped key (base64) and what wrapped it: a Key Vault key version's id, or null for the personal-data key setting.</summary>
public sealed record WrappedKey(string Value, string? WrappedBy);
