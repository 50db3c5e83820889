using System.Security.Cryptography;
using Credit.PersonalData;
using Credit.Storage;

namespace Credit.CreditReports;

/// <summary>
/// The ECDSA P-256 key that signs credit reports, kept as the personal-data keys are: made by the first instance that
/// needs it, stored wrapped (keys/report-signing-key.json in container config) under the wrapping key (Key Vault in
/// Azure), wrapped again by a key rotation. Its public half is published, so that a signature can be checked offline too.
/// </summary>
public sealed class ReportSigningKey(StorageClients storage, IKeyWrapping wrapping)
    : WrappedSecret(storage, wrapping, "keys/report-signing-key.json", "report-signing-key", MakeKey)
{
    Task<byte[]>? loaded;

    public async Task<string> SignAsync(string text, CancellationToken cancellationToken)
    {
        using var key = await KeyAsync(cancellationToken);
        return Convert.ToBase64String(key.SignData(System.Text.Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256));
    }

    public async Task<bool> VerifyAsync(string text, string signature, CancellationToken cancellationToken)
    {
        using var key = await KeyAsync(cancellationToken);
        var bytes = new byte[signature.Length];
        return Convert.TryFromBase64String(signature, bytes, out var length)
            && key.VerifyData(System.Text.Encoding.UTF8.GetBytes(text), bytes.AsSpan(0, length), HashAlgorithmName.SHA256);
    }

    /// <summary>The public key (SubjectPublicKeyInfo, PEM) and its id: the first 16 hex digits of its SHA-256.</summary>
    public async Task<(string Pem, string Id)> PublicKeyAsync(CancellationToken cancellationToken)
    {
        using var key = await KeyAsync(cancellationToken);
        var info = key.ExportSubjectPublicKeyInfo();
        return (PemEncoding.WriteString("PUBLIC KEY", info), Convert.ToHexStringLower(SHA256.HashData(info))[..16]);
    }

    async Task<ECDsa> KeyAsync(CancellationToken cancellationToken)
    {
        // Loaded once per instance; a load that failed is tried again by the next call.
        if (loaded is { IsFaulted: true } or { IsCanceled: true })
        {
            loaded = null;
        }

        var pkcs8 = await (loaded ??= LoadAsync(CancellationToken.None)).WaitAsync(cancellationToken);
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        return key;
    }

    static byte[] MakeKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKey();
    }
}
