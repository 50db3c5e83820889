using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Credit.Testing;

/// <summary>
/// A Key Vault of one RSA key, in process, answering the REST API's key operations the product calls (get key,
/// wrapkey, unwrapkey with RSA-OAEP-256, api-version 7.4) as the service documents them: Key Vault has no emulator
/// that installs here. It refuses a request without a bearer token, an unknown version or another algorithm, and can
/// add a version as the vault's rotation policy does.
/// </summary>
public sealed class FakeKeyVault : HttpMessageHandler
{
    public const string Host = "kv-credit-test.vault.azure.net";
    public const string KeyName = "personal-data-wrapping";
    readonly List<RSA> versions = [RSA.Create(3072)];

    public Uri KeyUri { get; } = new($"https://{Host}/keys/{KeyName}");

    public int Requests { get; private set; }

    public string CurrentKid => Kid(versions.Count);

    /// <summary>A new version, as the rotation policy adds one; the versions before stay enabled.</summary>
    public void Rotate() => versions.Add(RSA.Create(3072));

    static string Kid(int version) => $"https://{Host}/keys/{KeyName}/v{version}";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests++;
        if (request.Headers.Authorization is not { Scheme: "Bearer", Parameter.Length: > 0 })
        {
            return Error(HttpStatusCode.Unauthorized, "Unauthorized", "no bearer token");
        }

        if (request.RequestUri!.Query != "?api-version=7.4")
        {
            return Error(HttpStatusCode.BadRequest, "BadParameter", "api-version");
        }

        var segments = request.RequestUri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (request.Method.Method, segments)
        {
            case ("GET", ["keys", KeyName]):
                return Json(new JsonObject { ["key"] = new JsonObject { ["kid"] = CurrentKid, ["kty"] = "RSA" } });
            case ("POST", ["keys", KeyName, var version, var operation and ("wrapkey" or "unwrapkey")]):
                if (!version.StartsWith('v') || !int.TryParse(version[1..], out var number) || number < 1 || number > versions.Count)
                {
                    return Error(HttpStatusCode.NotFound, "KeyNotFound", $"no version {version}");
                }

                var body = (await request.Content!.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
                if (body["alg"]?.GetValue<string>() != "RSA-OAEP-256")
                {
                    return Error(HttpStatusCode.BadRequest, "BadParameter", "alg");
                }

                var value = Base64Url.DecodeFromChars(body["value"]!.GetValue<string>());
                var key = versions[number - 1];
                var result = operation == "wrapkey" ? key.Encrypt(value, RSAEncryptionPadding.OaepSHA256) : key.Decrypt(value, RSAEncryptionPadding.OaepSHA256);
                return Json(new JsonObject { ["kid"] = Kid(number), ["value"] = Base64Url.EncodeToString(result) });
            default:
                return Error(HttpStatusCode.NotFound, "NotFound", request.RequestUri.AbsolutePath);
        }
    }

    static HttpResponseMessage Json(JsonObject body) => new(HttpStatusCode.OK) { Content = JsonContent.Create(body) };

    static HttpResponseMessage Error(HttpStatusCode status, string code, string message) =>
        new(status) { Content = JsonContent.Create(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }) };

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            versions.ForEach(v => v.Dispose());
        }

        base.Dispose(disposing);
    }
}
