using System.Security.Cryptography;
using Azure.Data.Tables;
using Credit.Catalogue;
using Credit.PersonalData;
using Credit.Records;
using Credit.Storage;
using Credit.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Credit.Tests.Access;

/// <summary>
/// Personal data at rest on Azurite: ID numbers, a natural person's name and free text are sealed column by column
/// under a data key that is stored only wrapped; the product reads them back whole, nobody reads them from the table.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class FieldEncryptionTests : IAsyncLifetime
{
    const string Representative = "360426199101010071";
    readonly AzuriteProcess azurite = new();
    StorageClients storage = null!;

    public async Task InitializeAsync()
    {
        await azurite.StartAsync();
        storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
    }

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    static DisclosureRecord Person(string amount = "2.5") => Rows.Record(Rows.PersonPenalty("京市监罚〔2024〕7号", amount), Rows.Department, new DateOnly(2025, 1, 10));

    static DisclosureRecord Company() => Rows.Record(new Dictionary<string, string>(Rows.Penalty("京市监罚〔2024〕8号"))
    {
        ["法定代表人证件类型"] = "身份证",
        ["法定代表人证件号码"] = Representative,
    }, Rows.Department, new DateOnly(2025, 1, 10));

    async Task<TableEntity> RawAsync(RecordKey key) =>
        (await storage.Table(StorageNames.RecordsTable).GetEntityAsync<TableEntity>(key.PartitionKey, key.RowKey)).Value;

    [Fact]
    public async Task A_persons_id_name_and_free_text_are_sealed_in_the_table_and_read_back_whole()
    {
        var store = TestStorage.Records(storage, TimeProvider.System);
        var (person, company) = (Person(), Company());
        await store.SaveAsync([person, company], "upload-1", CancellationToken.None);

        var raw = await RawAsync(person.Key);
        var stored = string.Join('\n', raw.Select(p => p.Value?.ToString()));
        Assert.DoesNotContain(Rows.Person, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("欧阳娜娜", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", stored, StringComparison.Ordinal);
        Assert.All(new[] { "CF_XDR_ZJHM", "CF_XDR_MC", "SubjectName", "CF_SY" }, c => Assert.StartsWith("pd1:1:", raw.GetString(c), StringComparison.Ordinal));
        Assert.Equal(("京市监罚〔2024〕7号", "2.5", person.SubjectKey), (raw.GetString("DocumentNumber"), raw.GetString("CF_NR_FK"), raw.GetString("SubjectKey")));

        var companyRaw = await RawAsync(company.Key);
        Assert.DoesNotContain(Representative, string.Join('\n', companyRaw.Select(p => p.Value?.ToString())), StringComparison.Ordinal);
        Assert.StartsWith("pd1:1:", companyRaw.GetString("CF_FRDB"), StringComparison.Ordinal);
        Assert.Equal("北京示例食品有限公司", companyRaw.GetString("SubjectName"));

        // Another instance, with its own copy of the keys, reads what this one wrote.
        var read = (await TestStorage.Records(storage, TimeProvider.System).GetAsync(person.Key, CancellationToken.None))!;
        Assert.Equal((Rows.Person, "欧阳娜娜", "欧阳娜娜"), (read.GetString("CF_XDR_ZJHM"), read.GetString("SubjectName"), read.GetString("CF_XDR_MC")));
        Assert.Equal(person.Fields["CF_SY"], read.GetString("CF_SY"));
        Assert.Single(await TestStorage.Records(storage, TimeProvider.System).OfSubjectAsync(person.SubjectKey, CancellationToken.None),
            r => r.GetString("CF_XDR_ZJHM") == Rows.Person);
    }

    [Fact]
    public async Task A_list_entry_is_stored_sealed_and_found_by_its_keyed_subjects()
    {
        var entry = new Credit.Lists.ListEntryValidator(Rows.SubjectKeys).Validate(Rows.Department, new Credit.Lists.ListEntryDraft(
            "black", Rows.Company, "北京示例化工有限公司", "环境违法失信", "环境保护", "《中华人民共和国环境保护法》第六十三条", "京环罚〔2025〕8号", "2025-03-03", "12",
            [new Credit.Lists.ResponsiblePersonDraft("法定代表人", "张三丰", Representative)]), CatalogueSnapshot.Seeded).Entry!;
        var lists = new Credit.Lists.ListStore(storage, TestStorage.DataKeys(storage));
        await lists.CreateAsync(entry, DateTimeOffset.UtcNow);

        var raw = (await storage.Table(StorageNames.ListEntriesTable).GetEntityAsync<TableEntity>(Rows.Department, entry.Id)).Value;
        var stored = string.Join('\n', raw.Select(p => p.Value?.ToString()));
        Assert.DoesNotContain(Representative, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("张三丰", stored, StringComparison.Ordinal);

        var person = Rows.SubjectKeys.ForPerson(Representative);
        var hit = Assert.Single(await new Credit.Lists.ListStore(storage, TestStorage.DataKeys(storage)).HitsAsync(person));
        var found = (await new Credit.Lists.ListStore(storage, TestStorage.DataKeys(storage)).GetAsync(hit.EntryId))!.Value.Entry;
        Assert.Equal(("张三丰", Representative), (found.ResponsiblePersons[0].Name, found.ResponsiblePersons[0].IdNumber));
    }

    [Fact]
    public async Task A_remedys_statement_is_stored_sealed()
    {
        var statement = $"处罚对象错误：{Rows.Person}系他人冒用";
        var remedy = new Credit.Remedies.Remedy("o-sealed", Credit.Remedies.RemedyKind.Objection, new Credit.Remedies.ItemRef(Credit.Remedies.ItemKind.Record, "r-1"),
            Rows.SubjectKeys.ForPerson(Rows.Person), "subject", Rows.Department, statement, null, null, DateTimeOffset.UtcNow, new DateOnly(2025, 2, 1),
            Credit.Remedies.RemedyState.UnderReview, false, null, null, null, false);
        await new Credit.Remedies.RemedyStore(storage, TestStorage.DataKeys(storage)).CreateAsync(remedy);

        var raw = (await storage.Table(StorageNames.RemediesTable).GetEntityAsync<TableEntity>("o-sealed", "remedy")).Value;
        Assert.DoesNotContain(Rows.Person, string.Join('\n', raw.Select(p => p.Value?.ToString())), StringComparison.Ordinal);
        Assert.Equal("UnderReview", raw.GetString("State"));
        Assert.Equal(statement, (await new Credit.Remedies.RemedyStore(storage, TestStorage.DataKeys(storage)).GetAsync("o-sealed"))!.Statement);
    }

    [Fact]
    public async Task A_changed_record_keeps_its_earlier_version_sealed()
    {
        var store = TestStorage.Records(storage, TimeProvider.System);
        await store.SaveAsync([Person()], "upload-1", CancellationToken.None);
        var changed = Person(amount: "3");
        Assert.Equal(1, (await store.SaveAsync([changed], "upload-2", CancellationToken.None)).Counts.Updated);

        var versions = new List<TableEntity>();
        await foreach (var version in storage.Table(StorageNames.RecordVersionsTable).QueryAsync<TableEntity>(e => e.PartitionKey == changed.Key.Id))
        {
            versions.Add(version);
        }

        Assert.DoesNotContain(Rows.Person, string.Join('\n', Assert.Single(versions).Select(p => p.Value?.ToString())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Instances_starting_together_agree_on_one_data_key()
    {
        var ciphers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => TestStorage.DataKeys(storage).CipherAsync().AsTask()));
        var sealedValue = ciphers[0].Protect("CF_XDR_ZJHM", Rows.Person);
        Assert.All(ciphers, c => Assert.Equal(Rows.Person, c.Reveal("CF_XDR_ZJHM", sealedValue)));
        var keys = new List<string>();
        await foreach (var blob in storage.Container(StorageNames.ConfigContainer).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "keys/", CancellationToken.None))
        {
            keys.Add(blob.Name);
        }

        Assert.Equal(["keys/data-key-000001.json"], keys);
    }

    [Fact]
    public async Task Another_personal_data_key_opens_nothing_and_says_which_setting_is_wrong()
    {
        await TestStorage.DataKeys(storage).CipherAsync();
        var wrong = new DataKeys(storage, new KeyEncryptionKey(Enumerable.Repeat((byte)1, 32).ToArray()));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await wrong.CipherAsync());
        Assert.Contains("Credit:PersonalDataKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sealed_value_changed_or_moved_to_another_column_does_not_open()
    {
        var cipher = await TestStorage.DataKeys(storage).CipherAsync();
        var sealedValue = cipher.Protect("CF_XDR_ZJHM", Rows.Person);
        Assert.NotEqual(sealedValue, cipher.Protect("CF_XDR_ZJHM", Rows.Person));
        Assert.ThrowsAny<CryptographicException>(() => cipher.Reveal("CF_FR_ZJHM", sealedValue));
        var bytes = Convert.FromBase64String(sealedValue["pd1:1:".Length..]);
        bytes[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => cipher.Reveal("CF_XDR_ZJHM", "pd1:1:" + Convert.ToBase64String(bytes)));
        Assert.ThrowsAny<CryptographicException>(() => cipher.Reveal("CF_XDR_ZJHM", "pd1:9:" + Convert.ToBase64String(bytes)));
        Assert.Equal("not sealed", cipher.Reveal("CF_XDR_ZJHM", "not sealed"));
    }

    [Fact]
    public async Task A_pending_key_is_read_everywhere_before_anything_is_sealed_with_it_and_an_instance_sees_it_after_its_refresh()
    {
        var clock = new FakeTimeProvider();
        var rotating = TestStorage.DataKeys(storage);
        var other = new DataKeys(storage, new KeyEncryptionKey(Repository.LocalPersonalDataKey), clock, TimeSpan.FromSeconds(60));
        var old = (await other.CipherAsync()).Protect("CF_XDR_ZJHM", Rows.Person);

        await rotating.AddPendingAsync(2);
        var pending = await rotating.CipherAsync();
        Assert.Equal(1, pending.CurrentVersion);
        Assert.Equal(2, await rotating.LatestVersionAsync());

        await rotating.ActivateAsync(2);
        var active = await rotating.CipherAsync();
        var renewed = active.Protect("CF_XDR_ZJHM", Rows.Person);
        Assert.Equal((2, 2, Rows.Person), (active.CurrentVersion, FieldCipher.VersionOf(renewed), active.Reveal("CF_XDR_ZJHM", old)));

        // The other instance keeps what it loaded until its refresh time has passed, then reads and seals with key 2.
        Assert.Equal(1, (await other.CipherAsync()).CurrentVersion);
        clock.Advance(TimeSpan.FromSeconds(61));
        var refreshed = await other.CipherAsync();
        Assert.Equal((2, Rows.Person), (refreshed.CurrentVersion, refreshed.Reveal("CF_XDR_ZJHM", renewed)));
    }
}
