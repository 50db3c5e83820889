using System.Security.Cryptography;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Credit.Functions.Hosting;
using Credit.Identifiers;
using Credit.PersonalData;
using Credit.Storage;
using Credit.Testing;
using Microsoft.Extensions.Configuration;

namespace Credit.Tests.Access;

/// <summary>
/// The keys of personal data wrapped by a Key Vault key (Azure) on Azurite, against an in-process vault that answers
/// the REST API: each stored key names the key version that wrapped it; a deployment that had only the personal-data
/// key setting moves its keys into the vault by a rotation; a version the vault's rotation policy adds strands nothing.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class KeyVaultWrappingTests : IAsyncLifetime
{
    const string Column = "CF_XDR_ZJHM";
    readonly AzuriteProcess azurite = new();
    readonly FakeKeyVault vault = new();
    readonly List<string> scopes = [];
    StorageClients storage = null!;

    public async Task InitializeAsync()
    {
        await azurite.StartAsync();
        storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        vault.Dispose();
        await azurite.DisposeAsync();
    }

    static KeyEncryptionKey Setting(byte[]? key = null) => new(key ?? Repository.LocalPersonalDataKey);

    KeyVaultKey InVault(KeyEncryptionKey? before = null) => new(vault.KeyUri, DelegatedTokenCredential.Create((context, _) =>
    {
        scopes.AddRange(context.Scopes);
        return new AccessToken("token", DateTimeOffset.UtcNow.AddHours(1));
    }), before, new KeyVaultKeyOptions { Transport = new HttpClientTransport(new HttpClient(vault, disposeHandler: false)), Retry = { MaxRetries = 0 } });

    SubjectKeys Hashes(IKeyWrapping wrapping) => CreditServices.SubjectKeysFrom(new LookupKey(storage, wrapping));

    async Task<string> StoredAsync(string blob) => (await storage.Container(StorageNames.ConfigContainer).GetBlobClient(blob).DownloadContentAsync()).Value.Content.ToString();

    [Fact]
    public async Task Keys_wrapped_in_the_vault_name_the_version_that_wrapped_them_and_open_only_through_it()
    {
        var sealedValue = (await new DataKeys(storage, InVault()).CipherAsync()).Protect(Column, Rows.Person);
        var person = Hashes(InVault()).ForPerson(Rows.Person);

        Assert.Contains($"\"WrappedBy\":\"{vault.CurrentKid}\"", await StoredAsync("keys/data-key-000001.json"), StringComparison.Ordinal);
        Assert.Contains($"\"WrappedBy\":\"{vault.CurrentKid}\"", await StoredAsync("keys/lookup-key.json"), StringComparison.Ordinal);
        Assert.Equal(Rows.Person, (await new DataKeys(storage, InVault()).CipherAsync()).Reveal(Column, sealedValue));
        Assert.Equal(person, Hashes(InVault()).ForPerson(Rows.Person));
        Assert.All(scopes, s => Assert.Equal("https://vault.azure.net/.default", s));

        // Without the vault, the personal-data key setting opens nothing it wrapped, and says so.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await new DataKeys(storage, Setting()).CipherAsync());
        Assert.Contains(vault.CurrentKid, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deployment_that_had_only_the_setting_moves_its_keys_into_the_vault_by_a_rotation_and_keeps_every_hash()
    {
        var sealedValue = (await new DataKeys(storage, Setting()).CipherAsync()).Protect(Column, Rows.Person);
        var person = Hashes(Setting()).ForPerson(Rows.Person);

        var moving = InVault(before: Setting());
        Assert.Equal(Rows.Person, (await new DataKeys(storage, moving).CipherAsync()).Reveal(Column, sealedValue));
        Assert.True(await new LookupKey(storage, moving).RewrapAsync());
        Assert.Equal(1, await new DataKeys(storage, moving).RewrapAsync());
        Assert.Equal(0, await new DataKeys(storage, moving).RewrapAsync());

        // Wrapped in the vault now: another personal-data key setting beside the vault changes nothing.
        var moved = InVault(before: Setting(RandomNumberGenerator.GetBytes(32)));
        Assert.Equal(Rows.Person, (await new DataKeys(storage, moved).CipherAsync()).Reveal(Column, sealedValue));
        Assert.Equal(person, Hashes(moved).ForPerson(Rows.Person));
    }

    [Fact]
    public async Task A_version_the_vault_adds_leaves_what_the_one_before_wrapped_readable_until_a_rotation_wraps_it_again()
    {
        var sealedValue = (await new DataKeys(storage, InVault()).CipherAsync()).Protect(Column, Rows.Person);
        var first = vault.CurrentKid;
        vault.Rotate();

        Assert.Equal(Rows.Person, (await new DataKeys(storage, InVault()).CipherAsync()).Reveal(Column, sealedValue));
        Assert.Equal(1, await new DataKeys(storage, InVault()).RewrapAsync());
        Assert.Contains($"\"WrappedBy\":\"{vault.CurrentKid}\"", await StoredAsync("keys/data-key-000001.json"), StringComparison.Ordinal);
        Assert.NotEqual(first, vault.CurrentKid);
        Assert.Equal(Rows.Person, (await new DataKeys(storage, InVault()).CipherAsync()).Reveal(Column, sealedValue));
    }

    [Fact]
    public async Task A_vault_that_refuses_is_an_error_not_a_new_key()
    {
        await new DataKeys(storage, InVault()).CipherAsync();
        var refusing = new KeyVaultKey(vault.KeyUri, DelegatedTokenCredential.Create((_, _) => new AccessToken(string.Empty, DateTimeOffset.UtcNow.AddHours(1))), null,
            new KeyVaultKeyOptions { Transport = new HttpClientTransport(new HttpClient(vault, disposeHandler: false)), Retry = { MaxRetries = 0 } });
        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await new DataKeys(storage, refusing).CipherAsync());
        Assert.True(error is RequestFailedException { Status: 401 } || error.InnerException is RequestFailedException { Status: 401 }, error.ToString());
        Assert.Equal(1, await new DataKeys(storage, InVault()).LatestVersionAsync());
    }

    [Theory]
    [InlineData("https://kv-credit.vault.azure.cn/keys/personal-data-wrapping", null)]
    [InlineData("http://kv-credit.vault.azure.net/keys/personal-data-wrapping", "must be a Key Vault key's https URI")]
    [InlineData("https://kv-credit.vault.azure.net/secrets/personal-data-key", "must be a Key Vault key's https URI")]
    public void The_key_setting_is_a_key_vault_key_uri(string keyUri, string? problem)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [CreditServices.PersonalDataKeySetting] = Convert.ToBase64String(Repository.LocalPersonalDataKey),
            ["KeyVault:keyUri"] = keyUri,
        }).Build();
        if (problem is null)
        {
            Assert.IsType<KeyVaultKey>(CreditServices.KeyWrappingFrom(configuration));
        }
        else
        {
            Assert.Contains(problem, Assert.Throws<InvalidOperationException>(() => CreditServices.KeyWrappingFrom(configuration)).Message, StringComparison.Ordinal);
        }
    }
}
