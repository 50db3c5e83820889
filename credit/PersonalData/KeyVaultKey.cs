using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Credit.PersonalData;

/// <summary>
/// Wraps the stored keys with an RSA key in Key Vault (wrapKey / unwrapKey, RSA-OAEP-256): the wrapping key never
/// leaves the vault, and each wrapped key names the key version that wrapped it, so a version the vault's rotation
/// policy added does not strand anything. Keys wrapped before the deployment had a Key Vault key (by the personal-data
/// key setting) still open through <paramref name="before"/>, and count as stale until a rotation wraps them here.
/// The Key Vault keys client library is not among the packages our machines may use, so its two operations are
/// called over the Azure.Core pipeline (Entra ID token, retries) with the REST API's documented shapes.
/// </summary>
public sealed class KeyVaultKey(Uri keyUri, TokenCredential credential, KeyEncryptionKey? before, KeyVaultKeyOptions? options = null) : IKeyWrapping
{
    const string ApiVersion = "7.4";
    const string Algorithm = "RSA-OAEP-256";

    readonly HttpPipeline pipeline = HttpPipelineBuilder.Build(options ?? new KeyVaultKeyOptions(), new BearerTokenAuthenticationPolicy(credential, Scope(keyUri)));
    readonly string key = keyUri.GetLeftPart(UriPartial.Path).TrimEnd('/');

    public async Task<WrappedKey> WrapAsync(byte[] secret, string purpose, CancellationToken cancellationToken = default)
    {
        // The REST API names the version to wrap with: the current one.
        var (kid, value) = await OperateAsync(await CurrentVersionAsync(cancellationToken), "wrapkey", secret, cancellationToken);
        return new WrappedKey(Convert.ToBase64String(value), kid);
    }

    public async Task<byte[]> UnwrapAsync(WrappedKey wrapped, string purpose, CancellationToken cancellationToken = default)
    {
        if (wrapped.WrappedBy is not { } kid)
        {
            return before is null
                ? throw new CryptographicException("wrapped by the personal-data key setting, which this deployment does not have (setting Credit:PersonalDataKey)")
                : await before.UnwrapAsync(wrapped, purpose, cancellationToken);
        }

        return (await OperateAsync(kid, "unwrapkey", Convert.FromBase64String(wrapped.Value), cancellationToken)).Value;
    }

    public async Task<bool> IsStaleAsync(WrappedKey wrapped, string purpose, CancellationToken cancellationToken = default) =>
        wrapped.WrappedBy is null || !string.Equals(wrapped.WrappedBy, await CurrentVersionAsync(cancellationToken), StringComparison.Ordinal);

    /// <summary>The id of the key's current version (what wrapKey on the key wraps with).</summary>
    async Task<string> CurrentVersionAsync(CancellationToken cancellationToken)
    {
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(new Uri($"{key}?api-version={ApiVersion}"));
        var body = await SendAsync(message, cancellationToken);
        return body["key"]?["kid"]?.GetValue<string>() ?? throw new InvalidOperationException($"Key Vault answered no kid for {key}");
    }

    async Task<(string Kid, byte[] Value)> OperateAsync(string version, string operation, byte[] value, CancellationToken cancellationToken)
    {
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(new Uri($"{version}/{operation}?api-version={ApiVersion}"));
        message.Request.Headers.Add(HttpHeader.Common.JsonContentType);
        message.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(new { alg = Algorithm, value = Base64Url.EncodeToString(value) }));
        var body = await SendAsync(message, cancellationToken);
        return (body["kid"]?.GetValue<string>() ?? version, Base64Url.DecodeFromChars(body["value"]!.GetValue<string>()));
    }

    async Task<JsonNode> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        return response.Status is >= 200 and < 300
            ? JsonNode.Parse(response.Content.ToStream())!
            : throw new RequestFailedException(response);
    }

    /// <summary>The token scope of the vault's cloud: https://vault.azure.net/.default globally, https://vault.azure.cn/.default in Azure China.</summary>
    static string Scope(Uri keyUri) => $"https://{keyUri.Host[(keyUri.Host.IndexOf('.', StringComparison.Ordinal) + 1)..]}/.default";
}

/// <summary>The pipeline's options (retries, transport); the defaults in Azure, an in-process vault in tests.</summary>
public sealed class KeyVaultKeyOptions : ClientOptions;
