using Credit.JointCases;
using Credit.Storage;
using Credit.Tests.Support;

namespace Credit.Tests.Integration;

/// <summary>Idempotency keys of amendments: user text that becomes a table key, tried hostile, on Azurite.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class CaseAmendmentsTests(Azurite azurite)
{
    [Theory]
    [InlineData("a/b")]
    [InlineData("a#b?c")]
    [InlineData("a\\b%2Fc")]
    [InlineData("..")]
    [InlineData("~!@$^&*()_+{}|:\"<>")]
    public async Task A_key_with_the_characters_table_keys_refuse_is_taken_and_recognised_when_sent_again(string key)
    {
        Assert.Null(CaseAmendments.WhyNotKey(key));
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        var amendments = new CaseAmendments(storage, TimeProvider.System);
        var caseId = $"amend-{Guid.NewGuid():N}";

        Assert.Equal(AmendmentReceipt.New, await amendments.ReceiveAsync(caseId, key, 6, false, "复议变更"));
        Assert.Equal(AmendmentReceipt.Repeated, await amendments.ReceiveAsync(caseId, key, 6, false, "复议变更"));
        Assert.Equal(AmendmentReceipt.KeyReused, await amendments.ReceiveAsync(caseId, key, 12, false, "复议变更"));
        Assert.Equal(AmendmentReceipt.New, await amendments.ReceiveAsync($"{caseId}-other", key, 12, false, "复议变更"));

        // Applied by the case: a restarted instance reads the key back as it was sent.
        Assert.Empty(await amendments.AppliedAsync(caseId));
        await amendments.MarkAppliedAsync(caseId, key, 2);
        await amendments.MarkAppliedAsync(caseId, "never-received", 3);
        Assert.Equal([key], await amendments.AppliedAsync(caseId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("key with spaces")]
    [InlineData("tab\there")]
    [InlineData("nul\0")]
    [InlineData("bidi\u202Ekey")]
    [InlineData("全角")]
    public void A_key_that_is_not_visible_ascii_is_refused(string key) =>
        Assert.Contains("Idempotency-Key must be 1 to 100 visible ASCII characters", CaseAmendments.WhyNotKey(key), StringComparison.Ordinal);

    [Fact]
    public void A_key_longer_than_100_characters_is_refused()
    {
        Assert.Null(CaseAmendments.WhyNotKey(new string('k', CaseAmendments.MaxKeyLength)));
        Assert.NotNull(CaseAmendments.WhyNotKey(new string('k', CaseAmendments.MaxKeyLength + 1)));
        Assert.NotNull(CaseAmendments.WhyNotKey(new string('k', 1 << 20)));
    }
}
