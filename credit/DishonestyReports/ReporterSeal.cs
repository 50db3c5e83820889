using System.Text.Json;
using Credit.PersonalData;

namespace Credit.DishonestyReports;

/// <summary>Who filed a report and how to reach them, as given (both optional on a named report, at least one required).</summary>
public sealed record ReporterIdentity(string? Name, string? Contact);

/// <summary>
/// Seals a reporter's identity with the reporter key ring (data keys of their own, wrapped by Credit:ReporterKey, not
/// the personal-data key): whoever can read personal data cannot read who reported (二(三)3: 对举报人信息严格保密).
/// </summary>
public sealed class ReporterSeal(ReporterKeys keys)
{
    const string Column = "Reporter";
    const string TokenColumn = "Token";
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<string> SealAsync(ReporterIdentity identity, CancellationToken cancellationToken) =>
        (await keys.Ring.CipherAsync(cancellationToken)).Protect(Column, JsonSerializer.Serialize(identity, Json));

    public async Task<ReporterIdentity> OpenAsync(string sealedIdentity, CancellationToken cancellationToken) =>
        JsonSerializer.Deserialize<ReporterIdentity>((await keys.Ring.CipherAsync(cancellationToken)).Reveal(Column, sealedIdentity), Json)!;

    /// <summary>A report's token, kept to answer the same filing sent again (sealed under its own column: an identity does not open as a token).</summary>
    public async Task<string> SealTokenAsync(string token, CancellationToken cancellationToken) => (await keys.Ring.CipherAsync(cancellationToken)).Protect(TokenColumn, token);

    public async Task<string> OpenTokenAsync(string sealedToken, CancellationToken cancellationToken) => (await keys.Ring.CipherAsync(cancellationToken)).Reveal(TokenColumn, sealedToken);
}

/// <summary>The reporter key ring: <see cref="DataKeys"/> under keys/reporter-key-, wrapped by its own key.</summary>
public sealed class ReporterKeys(DataKeys ring)
{
    public const string RingName = "reporter-key";

    public DataKeys Ring => ring;
}
