using Credit.Consents;
using Credit.Storage;
using Credit.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Credit.Tests.Integration;

/// <summary>A consent reads through its last day and not a day after; each refusal says why.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class ConsentExpiryTests(Azurite azurite)
{
    [Fact]
    public async Task A_consent_reads_through_its_last_day_and_is_refused_as_expired_the_day_after()
    {
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 5, 4, 0, 0, TimeSpan.Zero));
        var service = new ConsentService(new ConsentStore(storage), clock);
        var (consent, token) = await service.GrantAsync("91110105MA00000012", "北京示例银行", "91110000600037341L", "授信审查", ConsentScope.CreditCheck, new DateOnly(2025, 4, 4), CancellationToken.None);
        Assert.Equal(new DateOnly(2025, 6, 3), service.LatestExpiry);

        clock.SetUtcNow(new DateTimeOffset(2025, 4, 4, 15, 59, 0, TimeSpan.Zero));
        Assert.Equal(consent.Id, (await service.AuthorizeAsync(token, ConsentScope.CreditCheck, CancellationToken.None)).Consent?.Id);
        Assert.Equal("CONSENT_OUT_OF_SCOPE", (await service.AuthorizeAsync(token, ConsentScope.Report, CancellationToken.None)).Refusal?.Code);

        clock.SetUtcNow(new DateTimeOffset(2025, 4, 4, 16, 0, 0, TimeSpan.Zero));
        var (expired, refusal) = await service.AuthorizeAsync(token, ConsentScope.CreditCheck, CancellationToken.None);
        Assert.Null(expired);
        Assert.Equal((403, "CONSENT_EXPIRED"), (refusal!.Status, refusal.Code));
        Assert.Contains("2025-04-04", refusal.MessageZh, StringComparison.Ordinal);
        Assert.Equal("expired", Assert.Single(await service.OfSubjectAsync("91110105MA00000012", CancellationToken.None), c => c.Consent.Id == consent.Id).State);

        foreach (var bad in new[] { null, "", "cs_not-a-token", token + "x", new string('a', 500) })
        {
            var unknown = (await service.AuthorizeAsync(bad, ConsentScope.CreditCheck, CancellationToken.None)).Refusal!;
            Assert.Equal((401, "CONSENT_TOKEN_INVALID"), (unknown.Status, unknown.Code));
        }
    }
}
