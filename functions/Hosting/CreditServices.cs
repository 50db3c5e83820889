using Credit.Calendar;
using Credit.Departments;
using Credit.Disclosure;
using Credit.Identifiers;
using Azure.Messaging.ServiceBus;
using Credit.Intake;
using Credit.JointCases;
using Credit.Lists;
using Credit.Measures;
using Credit.Notices;
using Credit.Orchestrations.JointCases;
using Credit.Orchestrations.Remedies;
using Credit.PersonalData;
using Credit.Remedies;
using Credit.Signals;
using Credit.Statistics;
using Credit.Orchestrations.Intake;
using Credit.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Credit.Functions.Hosting;

/// <summary>The one registration of the product's services, shared by the Functions host and the local runtime.</summary>
public static class CreditServices
{
    public const string StorageConnectionSetting = "AzureWebJobsStorage";
    public const string PersonalDataKeySetting = "Credit:PersonalDataKey";
    public const string PreviousPersonalDataKeySetting = "Credit:PreviousPersonalDataKey";
    public const string ReporterKeySetting = "Credit:ReporterKey";
    public const string KeyVaultSection = "KeyVault";
    public const string ClockStartSetting = "Credit:Clock:Start";
    public const string ServiceBusSection = "ServiceBus";

    public static IServiceCollection AddCreditSystem(this IServiceCollection services, IConfiguration configuration)
    {
        ThrowIfUnresolvedKeyVaultReference(configuration);
        // Credit:Clock:Start puts the product on another day for tests; production runs on the system clock.
        services.TryAddSingleton(configuration[ClockStartSetting] is { Length: > 0 } start
            ? new ShiftedClock(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture))
            : TimeProvider.System);
        services.AddSingleton(_ => StorageConnection.FromConfiguration(configuration, StorageConnectionSetting));
        services.AddSingleton(sp => SubjectKeysFrom(sp.GetRequiredService<LookupKey>()));
        // One calendar per app instance: the built-in years, joined by those the supervisor adds (HolidayStore).
        services.AddSingleton(_ => WorkingDayCalendar.LoadEmbedded());
        services.AddSingleton<HolidayStore>();
        services.AddHostedService<HolidayRefresh>();
        services.Configure<IntakeOptions>(configuration.GetSection(IntakeOptions.Section));
        services.AddSingleton<ApiKeys>();
        services.AddSingleton<ResourceFinder>();
        services.AddSingleton<DepartmentRegistry>();
        services.AddSingleton<RecordStore>();
        services.AddSingleton<StatisticsLedger>();
        services.AddSingleton<StatisticsStore>();
        services.Configure<SupervisionOptions>(configuration.GetSection(SupervisionOptions.Section));
        services.Configure<Credit.Inspections.SamplingOptions>(configuration.GetSection(Credit.Inspections.SamplingOptions.Section));
        services.AddSingleton<MonthlyNotices>();
        services.AddSingleton<CheckCoverage>();
        services.AddSingleton<StatisticsRun>();
        // Every business table a month's facts can be rebuilt from (StatisticsRebuild).
        services.AddSingleton<IngestionLog>();
        services.AddSingleton<IStatisticsSource>(sp => sp.GetRequiredService<IngestionLog>());
        services.AddSingleton<IStatisticsSource, PublicationFacts>();
        services.AddSingleton<IStatisticsSource, PushFacts>();
        services.AddSingleton<IStatisticsSource, CaseFacts>();
        services.AddSingleton<IStatisticsSource, CreditCheckFacts>();
        services.AddSingleton<IStatisticsSource, Credit.Quarantine.QuarantineFacts>();
        services.AddSingleton<IStatisticsSource, RemedyFacts>();
        services.AddSingleton<IStatisticsSource, Credit.Exchange.ShareFacts>();
        services.AddSingleton<IStatisticsSource, Credit.Commitments.CommitmentFacts>();
        services.AddSingleton<IStatisticsSource, Credit.DishonestyReports.ReportFacts>();
        services.AddSingleton<IStatisticsSource, Credit.GovernmentIntegrity.ComplaintFacts>();
        services.AddSingleton<IStatisticsSource, Credit.GovernmentIntegrity.GovernmentRecordFacts>();
        services.AddSingleton<StatisticsRebuild>();
        services.AddSingleton<UploadIndex>();
        services.AddSingleton<Intake.IngestionStarter>();
        services.AddSingleton<IntakeService>();
        services.Configure<DisclosureOptions>(configuration.GetSection(DisclosureOptions.Section));
        services.AddSingleton<DisclosureSchedule>();
        services.AddSingleton<PublicStore>();
        services.AddSingleton<PublicListStore>();
        services.AddSingleton<ListDisclosureSchedule>();
        services.AddSingleton<ListDisclosure>();
        services.AddSingleton<DisclosureRun>();
        services.AddSingleton<DisclosureDeadlines>();
        services.AddSingleton<Credit.Quarantine.QuarantineStore>();
        services.Configure<Api.PublicApiOptions>(configuration.GetSection(Api.PublicApiOptions.Section));
        services.AddSingleton<Api.PublicRateLimit>();
        services.AddSingleton<MeasureCatalog>();
        services.AddSingleton<Credit.Catalogue.ConductCatalogue>();
        services.AddSingleton<Credit.Exchange.ExchangeSources>();
        services.AddSingleton<Credit.Exchange.ImportedEntryStore>();
        services.AddSingleton<Credit.Exchange.ImportedEntryValidator>();
        services.AddSingleton<Credit.Exchange.ImportedEntryResponse>();
        services.AddSingleton<Credit.Exchange.ImportedEntryPublication>();
        services.AddSingleton<Credit.Exchange.ExchangeImport>();
        // Another platform's endpoint: retried with backoff on a passing failure, cut short when it stays down.
        services.AddHttpClient<Credit.Exchange.ExchangePull>().AddStandardResilienceHandler();
        services.Configure<Credit.Exchange.ExchangeOptions>(configuration.GetSection(Credit.Exchange.ExchangeOptions.Section));
        services.AddSingleton<Credit.Exchange.ExchangeExportStore>();
        services.AddSingleton<Credit.Exchange.ExchangeExportRun>();
        services.AddSingleton<ListEntryValidator>();
        services.AddSingleton<ListStore>();
        services.AddSingleton<ListingRefusals>();
        services.AddSingleton<IncentiveEligibility>();
        services.AddSingleton<SubjectStandings>();
        services.AddSingleton<Credit.Evaluation.EvaluationModelStore>();
        services.AddSingleton<Credit.Evaluation.Evaluator>();
        services.AddSingleton<Credit.Evaluation.EvaluationMarks>();
        services.AddSingleton<Credit.Evaluation.EvaluationStore>();
        services.AddSingleton<Credit.Evaluation.EvaluationRun>();
        services.AddSingleton<Credit.Inspections.InspectionStore>();
        services.AddSingleton<Credit.Inspections.DepartmentItems>();
        services.AddSingleton<Credit.Inspections.InspectionDesk>();
        services.AddSingleton<IStatisticsSource, Credit.Inspections.InspectionFacts>();
        services.AddSingleton<Credit.Commitments.CommitmentStore>();
        services.AddSingleton<Credit.Commitments.CommitmentValidator>();
        services.AddSingleton<Credit.Commitments.CommitmentDeadlines>();
        services.AddSingleton<Credit.Commitments.CommitmentRegister>();
        services.AddSingleton<Credit.Commitments.CommitmentIntake>();
        services.Configure<Credit.DishonestyReports.DishonestyReportOptions>(configuration.GetSection(Credit.DishonestyReports.DishonestyReportOptions.Section));
        services.AddSingleton<Credit.DishonestyReports.DishonestyReportStore>();
        services.AddSingleton<Credit.DishonestyReports.DishonestyReportValidator>();
        services.AddSingleton<Credit.DishonestyReports.DishonestyReportDesk>();
        services.AddSingleton<Credit.DishonestyReports.ReporterSeal>();
        services.Configure<Credit.GovernmentIntegrity.GovernmentComplaintOptions>(configuration.GetSection(Credit.GovernmentIntegrity.GovernmentComplaintOptions.Section));
        services.AddSingleton<Credit.GovernmentIntegrity.GovernmentComplaintStore>();
        services.AddSingleton<Credit.GovernmentIntegrity.GovernmentComplaintDesk>();
        services.AddSingleton<Credit.GovernmentIntegrity.GovernmentRecordStore>();
        services.AddSingleton<Credit.GovernmentIntegrity.GovernmentRecordDesk>();
        services.AddSingleton(sp => new Credit.DishonestyReports.ReporterKeys(new DataKeys(sp.GetRequiredService<StorageClients>(), ReporterKeyWrappingFrom(configuration),
            sp.GetRequiredService<TimeProvider>(), TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<PersonalDataOptions>>().Value.KeyRefreshSeconds), Credit.DishonestyReports.ReporterKeys.RingName)));
        services.AddSingleton<ListEntryIntake>();
        services.AddSingleton<CaseStore>();
        services.AddSingleton<SignalSchedule>();
        services.AddSingleton<CaseAmendments>();
        services.AddSingleton<SignalMarks>();
        services.Configure<Reconciliation.ReconciliationOptions>(configuration.GetSection(Reconciliation.ReconciliationOptions.Section));
        services.AddSingleton<Reconciliation.SignalReconciler>();
        services.AddSingleton(sp => NoticeChannel(configuration, sp));
        services.AddSingleton<NoticeOutbox>();
        services.Configure<JointCaseOptions>(configuration.GetSection(JointCaseOptions.Section));
        services.AddSingleton<CaseResolution>();
        services.AddSingleton<MissedMeasures>();
        services.AddSingleton<JointCaseService>();
        services.AddSingleton<CaseAnswers>();
        services.AddSingleton<CreditCheck>();
        services.Configure<RemedyOptions>(configuration.GetSection(RemedyOptions.Section));
        services.AddSingleton<RemedyStore>();
        services.AddSingleton<RemedyItems>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<PersonalDataReads>();
        services.AddSingleton(_ => KeyWrappingFrom(configuration));
        services.AddSingleton<LookupKey>();
        services.AddSingleton<Credit.CreditReports.ReportSigningKey>();
        services.AddSingleton<Credit.CreditReports.CreditReportStore>();
        services.AddSingleton<Credit.CreditReports.CreditReportComposer>();
        services.AddSingleton<Credit.CreditReports.CreditReportService>();
        services.AddSingleton<Credit.Consents.ConsentStore>();
        services.AddSingleton<Credit.Consents.ConsentService>();
        services.Configure<CreditReports.CreditReportOptions>(configuration.GetSection(CreditReports.CreditReportOptions.Section));
        services.AddSingleton(sp => new DataKeys(sp.GetRequiredService<StorageClients>(), sp.GetRequiredService<IKeyWrapping>(), sp.GetRequiredService<TimeProvider>(),
            TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<PersonalDataOptions>>().Value.KeyRefreshSeconds)));
        services.AddSingleton<Resealing>();
        services.Configure<PersonalDataOptions>(configuration.GetSection(PersonalDataOptions.Section));
        services.AddSingleton<PersonalDataPurge>();
        services.AddSingleton<RemedyService>();
        services.AddTransient<PlanIntake>();
        services.AddTransient<IngestChunk>();
        services.AddTransient<WriteIntakeReport>();
        services.AddTransient<OpenCase>();
        services.AddTransient<RemindCase>();
        services.AddTransient<MarkCaseOverdue>();
        services.AddTransient<MarkRoundOverdue>();
        services.AddTransient<SetCaseInEffect>();
        services.AddTransient<AmendCase>();
        services.AddTransient<CloseCase>();
        services.AddTransient<RemindLift>();
        services.AddTransient<MarkLiftsOverdue>();
        services.AddTransient<CompleteCase>();
        services.AddTransient<OpenRemedy>();
        services.AddTransient<RemindRemedy>();
        services.AddTransient<MarkRemedyOverdue>();
        services.AddTransient<ApplyRemedyDecision>();
        services.Configure<Maintenance.RetentionOptions>(configuration.GetSection(Maintenance.RetentionOptions.Section));
        services.AddSingleton<Maintenance.RetentionPurge>();
        services.AddSingleton<StorageInitialization>();
        services.AddHostedService<StorageInitializer>();
        return services;
    }

    /// <summary>Service Bus where a namespace is configured (Azure), else a Storage queue per department (local).</summary>
    static INoticeChannel NoticeChannel(IConfiguration configuration, IServiceProvider services)
    {
        var serviceBus = configuration.GetSection(ServiceBusSection);
        return serviceBus["fullyQualifiedNamespace"] is { Length: > 0 } ns
            ? new ServiceBusNoticeChannel(new ServiceBusClient(ns, StorageConnection.Credential(serviceBus)))
            : new QueueNoticeChannel(services.GetRequiredService<StorageClients>());
    }

    /// <summary>
    /// A Key Vault reference the platform could not resolve stays in the setting as its own text; the app would
    /// then fail on every call that needs the value. Stop the start instead, with one line naming the setting.
    /// </summary>
    public static void ThrowIfUnresolvedKeyVaultReference(IConfiguration configuration)
    {
        var unresolved = configuration.AsEnumerable().Where(s => s.Value?.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) == true).Select(s => s.Key.Replace(":", "__", StringComparison.Ordinal)).Order().ToList();
        if (unresolved.Count > 0)
        {
            throw new InvalidOperationException($"The setting {string.Join(", ", unresolved)} is an unresolved Key Vault reference: check that the app's identity (keyVaultReferenceIdentity) has the role Key Vault Secrets User on the vault and that the secret exists, then restart the app.");
        }
    }

    /// <summary>What is wrong with the personal-data key or the reporter key, or null when both are usable (never a key itself).</summary>
    public static string? PersonalDataKeyProblem(IConfiguration configuration)
    {
        try
        {
            _ = KeyWrappingFrom(configuration);
            _ = ReporterKeyWrappingFrom(configuration);
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }

    /// <summary>The keyed hashes of ID numbers and ids, under the stored lookup key, read once per instance at its first hash.</summary>
    public static SubjectKeys SubjectKeysFrom(LookupKey lookupKey) =>
        // Hashing is synchronous everywhere, so that one read waits for storage.
        new(() => lookupKey.LoadAsync().GetAwaiter().GetResult());

    /// <summary>
    /// What wraps the stored keys: the Key Vault key of KeyVault:keyUri where one is set (Azure), else the key derived
    /// from Credit:PersonalDataKey (and Credit:PreviousPersonalDataKey while it is rotated), which also opens what it
    /// wrapped before a Key Vault key was set.
    /// </summary>
    public static IKeyWrapping KeyWrappingFrom(IConfiguration configuration) =>
        KeyWrappingFrom(configuration, PersonalDataKeySetting, PreviousPersonalDataKeySetting, "keyUri", "protects personal data (docs/personal-data.md)");

    /// <summary>
    /// What wraps the reporter key ring (<see cref="Credit.DishonestyReports.ReporterKeys"/>): the Key Vault key of
    /// KeyVault:reporterKeyUri where one is set, else Credit:ReporterKey; never the personal-data key, so that whoever
    /// holds that one cannot read who reported.
    /// </summary>
    public static IKeyWrapping ReporterKeyWrappingFrom(IConfiguration configuration) =>
        KeyWrappingFrom(configuration, ReporterKeySetting, null, "reporterKeyUri", "protects the identity of reporters of dishonesty (docs/personal-data.md)");

    static IKeyWrapping KeyWrappingFrom(IConfiguration configuration, string keySetting, string? previousSetting, string uriSetting, string protects)
    {
        var setting = new KeyEncryptionKey(
            PersonalDataKey(configuration, keySetting) ?? throw new InvalidOperationException($"The setting {keySetting} is missing: a base64 key of at least 32 bytes that {protects}."),
            previousSetting is null ? null : PersonalDataKey(configuration, previousSetting));
        var keyVault = configuration.GetSection(KeyVaultSection);
        if (keyVault[uriSetting] is not { Length: > 0 } keyUri)
        {
            return setting;
        }

        return Uri.TryCreate(keyUri, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.AbsolutePath.StartsWith("/keys/", StringComparison.Ordinal)
            ? new KeyVaultKey(uri, StorageConnection.Credential(keyVault), setting)
            : throw new InvalidOperationException($"The setting {KeyVaultSection}:{uriSetting} must be a Key Vault key's https URI (https://<vault>.vault.azure.net/keys/<name>), got '{keyUri}'.");
    }

    static byte[]? PersonalDataKey(IConfiguration configuration, string setting)
    {
        if (configuration[setting] is not { } text || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var key = new byte[text.Length];
        return !Convert.TryFromBase64String(text.Trim(), key, out var length) ? throw new InvalidOperationException($"The setting {setting} is not base64.")
            : length >= 32 ? key[..length] : throw new InvalidOperationException($"The setting {setting} must hold at least 32 bytes.");
    }
}
