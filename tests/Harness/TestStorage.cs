using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Credit.Departments;
using Credit.PersonalData;
using Credit.Storage;

namespace Credit.Testing;

public static class TestStorage
{
    /// <summary>Clients whose every request and response passes <paramref name="policy"/> (to count what storage does).</summary>
    public static StorageClients Observed(string connectionString, HttpPipelinePolicy policy)
    {
        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
        var queueOptions = new Azure.Storage.Queues.QueueClientOptions();
        queueOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
        return new StorageClients(
            new BlobServiceClient(connectionString, blobOptions), new TableServiceClient(connectionString, tableOptions), new Azure.Storage.Queues.QueueServiceClient(connectionString, queueOptions));
    }

    /// <summary>Registers a department as the admin command does and returns its API key.</summary>
    public static Task<string> RegisterDepartmentAsync(StorageClients storage, string code, string name) =>
        new DepartmentRegistry(storage, new ApiKeys(storage, TimeProvider.System), TimeProvider.System).RegisterAsync(code, name);

    /// <summary>The data keys of tests and benchmarks, under the local runtime's personal-data key (an Azurite may be shared with a runtime).</summary>
    public static DataKeys DataKeys(StorageClients storage) => new(storage, new KeyEncryptionKey(Repository.LocalPersonalDataKey));

    /// <summary>The keyed hashes as the runtime on this storage makes them: under the lookup key stored there (made by whoever needs it first).</summary>
    public static Identifiers.SubjectKeys SubjectKeys(StorageClients storage) =>
        new(() => new LookupKey(storage, new KeyEncryptionKey(Repository.LocalPersonalDataKey)).LoadAsync().GetAwaiter().GetResult());

    /// <summary>The disclosure run as the product builds it, on <paramref name="storage"/> and <paramref name="clock"/>.</summary>
    public static Disclosure.DisclosureRun DisclosureRun(StorageClients storage, TimeProvider clock, Disclosure.DisclosureDeadlines? deadlines = null)
    {
        deadlines ??= new Disclosure.DisclosureDeadlines(Calendar.WorkingDayCalendar.Default, Microsoft.Extensions.Options.Options.Create(new Intake.IntakeOptions()));
        var statistics = new Statistics.StatisticsLedger(storage);
        var quarantine = new Quarantine.QuarantineStore(storage, statistics, clock);
        var records = Records(storage, clock);
        var lists = new Disclosure.ListDisclosure(
            new Disclosure.ListDisclosureSchedule(storage, new DepartmentRegistry(storage, new ApiKeys(storage, clock), clock), deadlines),
            new Disclosure.PublicListStore(storage), new Lists.ListStore(storage, DataKeys(storage)), statistics, deadlines, clock);
        return new Disclosure.DisclosureRun(
            new Disclosure.DisclosureSchedule(storage, Microsoft.Extensions.Options.Options.Create(new Disclosure.DisclosureOptions())), new Disclosure.PublicStore(storage), records, statistics,
            quarantine, deadlines, new PersonalDataPurge(storage, records, quarantine, Microsoft.Extensions.Options.Options.Create(new PersonalDataOptions()), clock), lists, clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Disclosure.DisclosureRun>.Instance);
    }

    /// <summary>A record store as the product builds one, sealing personal data with <see cref="DataKeys"/>.</summary>
    public static RecordStore Records(StorageClients storage, TimeProvider clock) => new(storage, DataKeys(storage), clock);

    /// <summary>The credit report's composer as the app composes it, on this storage.</summary>
    public static CreditReports.CreditReportComposer CreditReportComposer(StorageClients storage, TimeProvider clock) => new(
        new Disclosure.PublicStore(storage), Records(storage, clock), new Lists.ListStore(storage, DataKeys(storage)), new Remedies.RemedyStore(storage, DataKeys(storage)),
        new DepartmentRegistry(storage, new ApiKeys(storage, clock), clock), Microsoft.Extensions.Options.Options.Create(new Disclosure.DisclosureOptions()),
        new Commitments.CommitmentStore(storage), new Exchange.ImportedEntryStore(storage), new Exchange.ExchangeSources(storage));

    /// <summary>The credit check as the app composes it, on this storage.</summary>
    public static JointCases.CreditCheck CreditCheck(StorageClients storage, TimeProvider clock, Statistics.StatisticsLedger? ledger = null) => new(
        new Lists.ListStore(storage, DataKeys(storage)), new JointCases.CaseStore(storage), SubjectStandings(storage), new Exchange.ExchangeSources(storage),
        new Measures.MeasureCatalog(storage), new DepartmentRegistry(storage, new ApiKeys(storage, clock), clock),
        new JointCases.IncentiveEligibility(Microsoft.Extensions.Options.Options.Create(new JointCases.JointCaseOptions())),
        new Evaluation.Evaluator(new Evaluation.EvaluationModelStore(storage, clock)),
        new GovernmentIntegrity.GovernmentRecordStore(storage, DataKeys(storage)), storage, ledger ?? new Statistics.StatisticsLedger(storage), clock);

    /// <summary>What a subject's credit stands on, read as the app reads it, on this storage.</summary>
    public static JointCases.SubjectStandings SubjectStandings(StorageClients storage) => new(
        new Lists.ListStore(storage, DataKeys(storage)), new Exchange.ImportedEntryStore(storage), new Exchange.ExchangeSources(storage), new Commitments.CommitmentStore(storage),
        new Disclosure.PublicStore(storage), Microsoft.Extensions.Options.Options.Create(new Disclosure.DisclosureOptions()));

    /// <summary>An exchange file's import as the app composes it, on this storage (<paramref name="chunkRows"/>: rows per chunk).</summary>
    public static Exchange.ExchangeImport ExchangeImport(StorageClients storage, TimeProvider clock, int chunkRows = 5000) => new(
        new Exchange.ImportedEntryStore(storage), new Exchange.ImportedEntryValidator(SubjectKeys(storage)),
        new Exchange.ImportedEntryResponse(new Lists.ListStore(storage, DataKeys(storage)), new Catalogue.ConductCatalogue(storage), new JointCases.SignalMarks(storage, clock), SubjectKeys(storage), clock),
        Microsoft.Extensions.Options.Options.Create(new Intake.IntakeOptions { ChunkRows = chunkRows }), clock);

    /// <summary>The publication of imported entries on their subjects' public pages, as the disclosure run does it.</summary>
    public static Exchange.ImportedEntryPublication ImportedEntryPublication(StorageClients storage) => new(
        new Exchange.ImportedEntryStore(storage), new Exchange.ExchangeSources(storage), new Quarantine.QuarantineStore(storage, new Statistics.StatisticsLedger(storage), TimeProvider.System), storage);

    /// <summary>The daily export as the app composes it, on this storage, to <paramref name="targets"/> (comma-separated).</summary>
    public static Exchange.ExchangeExportRun ExchangeExportRun(StorageClients storage, TimeProvider clock, string targets) => new(
        new Exchange.ExchangeExportStore(storage), new Lists.ListStore(storage, DataKeys(storage)), new Remedies.RemedyStore(storage, DataKeys(storage)), new Statistics.StatisticsLedger(storage),
        new Quarantine.QuarantineStore(storage, new Statistics.StatisticsLedger(storage), clock), Calendar.WorkingDayCalendar.Default, storage,
        Microsoft.Extensions.Options.Options.Create(new Exchange.ExchangeOptions { Targets = targets }), clock);
}
