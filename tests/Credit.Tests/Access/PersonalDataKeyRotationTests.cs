using System.Security.Cryptography;
using Credit.Functions.Hosting;
using Credit.Identifiers;
using Credit.PersonalData;
using Credit.Storage;
using Credit.Testing;
using Microsoft.Extensions.Configuration;

namespace Credit.Tests.Access;

/// <summary>
/// The personal-data key itself rotated on Azurite, as an operator does it: the new key in Credit:PersonalDataKey and
/// the old one in Credit:PreviousPersonalDataKey; everything sealed reads, every person keeps its key and every item
/// its id; a rotation wraps the stored keys under the new one, after which the old one can go.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class PersonalDataKeyRotationTests : IAsyncLifetime
{
    const string Column = "CF_XDR_ZJHM";
    static readonly string OldKey = Convert.ToBase64String(Repository.LocalPersonalDataKey);
    static readonly string NewKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    readonly AzuriteProcess azurite = new();
    StorageClients storage = null!;

    public async Task InitializeAsync()
    {
        await azurite.StartAsync();
        storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
    }

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    sealed record Deployment(DataKeys DataKeys, LookupKey LookupKey, SubjectKeys SubjectKeys);

    Deployment With(string key, string? previous = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [CreditServices.PersonalDataKeySetting] = key,
            [CreditServices.PreviousPersonalDataKeySetting] = previous ?? string.Empty,
        }).Build();
        var wrapping = CreditServices.KeyWrappingFrom(configuration);
        var lookupKey = new LookupKey(storage, wrapping);
        return new(new DataKeys(storage, wrapping), lookupKey, CreditServices.SubjectKeysFrom(lookupKey));
    }

    [Fact]
    public async Task A_new_key_beside_the_previous_one_reads_everything_keeps_every_hash_and_after_the_rewrap_stands_alone()
    {
        var before = With(OldKey);
        var sealedValue = (await before.DataKeys.CipherAsync()).Protect(Column, Rows.Person);
        var (person, id) = (before.SubjectKeys.ForPerson(Rows.Person), before.SubjectKeys.Identifier("Penalty|京市监罚〔2024〕7号|x", 32));

        var rotating = With(NewKey, previous: OldKey);
        Assert.Equal(Rows.Person, (await rotating.DataKeys.CipherAsync()).Reveal(Column, sealedValue));
        Assert.Equal((person, id), (rotating.SubjectKeys.ForPerson(Rows.Person), rotating.SubjectKeys.Identifier("Penalty|京市监罚〔2024〕7号|x", 32)));

        Assert.True(await rotating.LookupKey.RewrapAsync());
        Assert.Equal(1, await rotating.DataKeys.RewrapAsync());
        // Done twice, the rewrap changes nothing more.
        Assert.False(await rotating.LookupKey.RewrapAsync());
        Assert.Equal(0, await rotating.DataKeys.RewrapAsync());

        var after = With(NewKey);
        Assert.Equal(Rows.Person, (await after.DataKeys.CipherAsync()).Reveal(Column, sealedValue));
        Assert.Equal((person, id), (after.SubjectKeys.ForPerson(Rows.Person), after.SubjectKeys.Identifier("Penalty|京市监罚〔2024〕7号|x", 32)));

        // The old key alone opens nothing any more, and says which setting to look at.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await With(OldKey).DataKeys.CipherAsync());
        Assert.Contains(CreditServices.PreviousPersonalDataKeySetting, error.Message, StringComparison.Ordinal);
        var lookupError = Assert.Throws<InvalidOperationException>(() => With(OldKey).SubjectKeys.ForPerson(Rows.Person));
        Assert.Contains("lookup key", lookupError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lookup_key_is_random_and_in_no_setting_so_another_deployment_with_the_same_personal_data_key_hashes_otherwise()
    {
        var person = With(OldKey).SubjectKeys.ForPerson(Rows.Person);
        Assert.NotEqual(new SubjectKeys(Repository.LocalPersonalDataKey).ForPerson(Rows.Person), person);
        Assert.Equal(person, With(OldKey).SubjectKeys.ForPerson(Rows.Person));

        await using var otherAzurite = new AzuriteProcess();
        await otherAzurite.StartAsync();
        var other = StorageClients.FromConnectionString(otherAzurite.ConnectionString);
        await other.EnsureCreatedAsync();
        var elsewhere = CreditServices.SubjectKeysFrom(new LookupKey(other, new KeyEncryptionKey(Repository.LocalPersonalDataKey)));
        Assert.NotEqual(person, elsewhere.ForPerson(Rows.Person));
    }

    [Fact]
    public void A_lookup_key_that_cannot_be_read_is_tried_again_at_the_next_hash_not_kept_as_a_failure()
    {
        var calls = 0;
        var keys = new SubjectKeys(() => ++calls == 1 ? throw new InvalidOperationException("storage away") : Repository.LocalPersonalDataKey);
        Assert.Throws<InvalidOperationException>(() => keys.ForPerson(Rows.Person));
        Assert.Equal(new SubjectKeys(Repository.LocalPersonalDataKey).ForPerson(Rows.Person), keys.ForPerson(Rows.Person));
    }

    [Fact]
    public void A_previous_key_that_is_not_base64_or_too_short_is_named()
    {
        foreach (var (previous, problem) in new[] { ("not base64!", "is not base64"), (Convert.ToBase64String(new byte[16]), "must hold at least 32 bytes") })
        {
            var error = Assert.Throws<InvalidOperationException>(() => With(NewKey, previous));
            Assert.Equal($"The setting {CreditServices.PreviousPersonalDataKeySetting} {problem}.", error.Message);
        }
    }
}
