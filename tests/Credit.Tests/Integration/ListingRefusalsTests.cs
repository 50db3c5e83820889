using Credit.Catalogue;
using Credit.Disclosure;
using Credit.JointCases;
using Credit.Lists;
using Credit.Storage;
using Credit.Testing;
using Credit.Tests.Support;
using Microsoft.Extensions.Options;

namespace Credit.Tests.Integration;

/// <summary>RL-MODEL's criteria on stored data: no black or watch entry, no serious penalty in the 36 months before the red entry.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class ListingRefusalsTests(Azurite azurite)
{
    static readonly string Department = Rows.DepartmentCode(931);
    readonly StorageClients storage = StorageClients.FromConnectionString(azurite.ConnectionString);

    ListingRefusals Eligibility() => new(new ListStore(storage, TestStorage.DataKeys(storage)), new PublicStore(storage), new Credit.Commitments.CommitmentStore(storage),
        Options.Create(new DisclosureOptions()), Options.Create(new JointCaseOptions()));

    static ListEntry Red(string subject, string document) =>
        new ListEntryValidator(Rows.SubjectKeys).Validate(Department, new ListEntryDraft("red", subject, "北京示例诚信有限公司", "诚信典型", "产品质量", "京政发〔2017〕15号",
            document, "2025-03-03", "12", []), CatalogueSnapshot.Seeded).Entry!;

    async Task PublishPenaltyAsync(string subject, string document, string decided, string categories)
    {
        var row = Rows.Penalty(document, subject, Department);
        row["处罚类别"] = categories;
        row["处罚决定日期"] = decided;
        var record = Rows.Record(row, Department, DateOnly.Parse(decided, System.Globalization.CultureInfo.InvariantCulture));
        await new PublicStore(storage).PublishAsync([PublicEntry.From(record, new DisclosureOptions())], record.DecisionDate, DateTimeOffset.UtcNow, CancellationToken.None);
    }

    [Theory]
    [InlineData(941, "吊销许可证件", "2024-06-03", true)]
    [InlineData(942, "罚款;吊销许可证件", "2022-03-04", true)]
    [InlineData(943, "吊销许可证件", "2022-03-02", false)]
    [InlineData(944, "罚款", "2024-06-03", false)]
    public async Task A_serious_penalty_within_three_years_before_the_entry_bars_the_red_list(int company, string categories, string decided, bool refused)
    {
        await storage.EnsureCreatedAsync();
        var subject = Rows.DepartmentCode(company);
        await PublishPenaltyAsync(subject, $"京市监罚〔2024〕{company}号", decided, categories);

        var refusal = await Eligibility().RefusalAsync(Red(subject, $"京市监红〔2025〕{company}号"), 3);
        Assert.Equal(refused ? ListingRefusals.SeriousPenaltyCode : null, refusal?.Code);
        if (refusal is not null)
        {
            Assert.Equal((3L, "subjectCode"), (refusal.Row, refusal.Column));
            Assert.Contains(decided, refusal.MessageZh, StringComparison.Ordinal);
        }
    }
}
