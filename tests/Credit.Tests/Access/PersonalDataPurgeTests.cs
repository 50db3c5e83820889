using Azure.Data.Tables;
using Credit.Calendar;
using Credit.PersonalData;
using Credit.Quarantine;
using Credit.Records;
using Credit.Statistics;
using Credit.Storage;
using Credit.Testing;
using Microsoft.Extensions.Options;

namespace Credit.Tests.Access;

/// <summary>
/// The retention purge on Azurite: a record's personal data goes when its publicity and retention periods have ended,
/// in the record and in its earlier versions, and nothing else goes with it; what is not due stays whole.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class PersonalDataPurgeTests : IAsyncLifetime
{
    const string Representative = "360426199101010071";
    readonly AzuriteProcess azurite = new();

    public Task InitializeAsync() => azurite.StartAsync();

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    static DisclosureRecord Person(string document, string amount = "0.5") => Rows.Record(new Dictionary<string, string>(Rows.PersonPenalty(document, amount))
    {
        ["处罚决定日期"] = "2019-06-03",
        ["处罚有效期"] = "2020-06-02",
    }, Rows.Department, new DateOnly(2019, 12, 31));

    static DisclosureRecord Company(string document) => Rows.Record(new Dictionary<string, string>(Rows.Penalty(document))
    {
        ["法定代表人证件类型"] = "身份证",
        ["法定代表人证件号码"] = Representative,
        ["处罚决定日期"] = "2019-06-03",
        ["处罚有效期"] = "2020-06-02",
    }, Rows.Department, new DateOnly(2019, 12, 31));

    [Fact]
    public async Task Personal_data_is_erased_once_retention_ends_and_only_where_it_has()
    {
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        var clock = new ShiftedClock(new DateTimeOffset(2025, 1, 2, 4, 0, 0, TimeSpan.Zero));
        var store = TestStorage.Records(storage, clock);
        var person = Person("京市监罚〔2019〕1号");
        var company = Company("京市监罚〔2019〕2号");
        var notDue = Person("京市监罚〔2019〕3号");
        await store.SaveAsync([person, company, notDue], "upload-1", CancellationToken.None);
        await store.SaveAsync([Person("京市监罚〔2019〕1号", amount: "0.8")], "upload-2", CancellationToken.None);

        var purge = new PersonalDataPurge(storage, store, new QuarantineStore(storage, new StatisticsLedger(storage), clock), Options.Create(new PersonalDataOptions()), clock);
        await purge.ScheduleAsync([(person.Key.Id, new DateOnly(2019, 12, 31)), (company.Key.Id, new DateOnly(2020, 1, 2)), (notDue.Key.Id, new DateOnly(2020, 1, 3))], CancellationToken.None);

        Assert.Equal(2, await purge.RunAsync(CancellationToken.None));

        var erased = (await store.GetAsync(person.Key, CancellationToken.None))!;
        Assert.All(new[] { "CF_XDR_ZJHM", "CF_SY", "CF_WFXW", "CF_NR", "CF_YJ" }, code => Assert.False(erased.ContainsKey(code), code));
        Assert.Equal(("欧***", "欧***"), (erased.GetString("SubjectName"), erased.GetString("CF_XDR_MC")));
        Assert.Equal(("0.8", "京市监罚〔2019〕1号", person.SubjectKey, 2), (erased.GetString("CF_NR_FK"), erased.GetString("DocumentNumber"), erased.GetString("SubjectKey"), erased.GetInt32("Version")));
        Assert.NotNull(erased.GetDateTimeOffset(RecordStore.PersonalDataPurgedAt));

        var earlier = await RowsAsync(storage.Table(StorageNames.RecordVersionsTable).QueryAsync<TableEntity>(e => e.PartitionKey == person.Key.Id));
        Assert.DoesNotContain(Rows.Person, Assert.Single(earlier).Select(p => p.Value).OfType<string>());

        var companyRow = (await store.GetAsync(company.Key, CancellationToken.None))!;
        Assert.False(companyRow.ContainsKey("CF_FR_ZJHM"));
        Assert.False(companyRow.ContainsKey("CF_FRDB"));
        Assert.Equal("北京示例食品有限公司", companyRow.GetString("SubjectName"));

        var untouched = (await store.GetAsync(notDue.Key, CancellationToken.None))!;
        Assert.Equal((Rows.Person, "欧阳娜娜"), (untouched.GetString("CF_XDR_ZJHM"), untouched.GetString("SubjectName")));

        // Done once: the next run finds only what is not due yet.
        Assert.Equal(0, await purge.RunAsync(CancellationToken.None));
        var scheduled = await RowsAsync(storage.Table(StorageNames.PersonalDataPurgesTable).QueryAsync<TableEntity>());
        Assert.Equal((notDue.Key.Id, "2025-01-03"), (Assert.Single(scheduled).RowKey, scheduled[0].PartitionKey));
    }

    static async Task<List<TableEntity>> RowsAsync(Azure.AsyncPageable<TableEntity> query)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in query)
        {
            rows.Add(row);
        }

        return rows;
    }
}
