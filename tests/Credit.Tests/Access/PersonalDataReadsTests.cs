using Credit.Calendar;
using Credit.PersonalData;
using Credit.Storage;
using Credit.Testing;

namespace Credit.Tests.Access;

/// <summary>The audit of reads on Azurite: every read of a person is a row the person reads, newest first; organisations are not logged.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class PersonalDataReadsTests : IAsyncLifetime
{
    readonly AzuriteProcess azurite = new();

    public Task InitializeAsync() => azurite.StartAsync();

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    [Fact]
    public async Task Each_read_of_a_person_is_kept_for_that_person_newest_first_and_a_company_read_is_not_logged()
    {
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        var person = Rows.SubjectKeys.ForPerson(Rows.Person);
        var other = Rows.SubjectKeys.ForPerson("360426199101010071");
        var reads = new PersonalDataReads(storage, new ShiftedClock(new DateTimeOffset(2025, 3, 3, 4, 0, 0, TimeSpan.Zero)));

        await reads.RecordAsync([person, Rows.Company], Rows.Department, "list-entry", "entry-1", ReadPurpose.OwnDecision);
        await reads.RecordAsync([person, person], "supervisor", "case", "case-1", ReadPurpose.Supervision);
        await reads.RecordAsync([other], Rows.Department, "record", "record-1", ReadPurpose.OwnDecision);
        await reads.RecordAsync([person], Rows.Department, "case", "case-1", ReadPurpose.JointCase);

        var log = await reads.OfPersonAsync(person);
        Assert.Equal(["case-1|" + ReadPurpose.JointCase, "case-1|" + ReadPurpose.Supervision, "entry-1|" + ReadPurpose.OwnDecision], log.Select(r => $"{r.Item}|{r.Purpose}"));
        Assert.True(log.Zip(log.Skip(1)).All(p => p.First.At >= p.Second.At));
        Assert.Equal("record-1", Assert.Single(await reads.OfPersonAsync(other)).Item);
        Assert.Empty(await reads.OfPersonAsync(Rows.Company));
    }
}
