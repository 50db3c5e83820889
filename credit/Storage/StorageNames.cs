namespace Credit.Storage;

/// <summary>The product's containers and tables, in one place so that infrastructure and code agree.</summary>
public static class StorageNames
{
    public const string UploadsContainer = "uploads";
    public const string ResultsContainer = "results";
    public const string IntakeWorkContainer = "intake-work";
    public const string PublicContainer = "public";
    public const string DisclosureQueueContainer = "disclosure-queue";
    public const string ConfigContainer = "config";

    /// <summary>Lists exchanged with other platforms: in/{source}/ what they send, reports/{source}/ what importing it did.</summary>
    public const string ExchangeContainer = "exchange";

    public const string RecordsTable = "Records";
    public const string RecordVersionsTable = "RecordVersions";
    public const string UploadsTable = "Uploads";
    public const string IngestionLogTable = "IngestionLog";
    public const string DepartmentsTable = "Departments";
    public const string ApiKeysTable = "ApiKeys";
    public const string DisclosureQueueTable = "DisclosureQueue";
    public const string PublicRecordsTable = "PublicRecords";
    public const string PublicNamesTable = "PublicNames";
    public const string PublicListsTable = "PublicLists";
    public const string MeasuresTable = "Measures";
    public const string CatalogueTable = "Catalogue";
    public const string ListEntriesTable = "ListEntries";
    public const string ListSubjectsTable = "ListSubjects";
    public const string CasesTable = "Cases";
    public const string CaseDepartmentsTable = "CaseDepartments";
    public const string CaseAssignmentsTable = "CaseAssignments";
    public const string CaseLiftsTable = "CaseLifts";
    public const string CaseTimelineTable = "CaseTimeline";
    public const string CaseScheduleTable = "CaseSchedule";
    public const string CaseAmendmentsTable = "CaseAmendments";
    public const string SignalMarksTable = "SignalMarks";
    public const string NoticesTable = "Notices";
    public const string CreditChecksTable = "CreditChecks";
    public const string RemediesTable = "Remedies";
    public const string AuditTable = "Audit";
    public const string PersonalDataReadsTable = "PersonalDataReads";
    public const string PersonalDataPurgesTable = "PersonalDataPurges";
    public const string EvidenceContainer = "evidence";
    public const string ReportsContainer = "reports";
    public const string CreditReportsContainer = "credit-reports";
    public const string CreditReportsTable = "CreditReports";
    public const string ConsentsTable = "Consents";
    public const string StatisticsEventsTable = "StatisticsEvents";
    public const string StatisticsDirtyTable = "StatisticsDirty";
    public const string StatisticsTable = "Statistics";
    public const string QuarantineTable = "Quarantine";
    public const string ExchangeSourcesTable = "ExchangeSources";
    public const string ImportedEntriesTable = "ImportedEntries";
    public const string ImportedEntryVersionsTable = "ImportedEntryVersions";
    public const string ExchangePullsTable = "ExchangePulls";
    public const string ExchangeExportsTable = "ExchangeExports";
    public const string CommitmentsTable = "Commitments";
    public const string DishonestyReportsTable = "DishonestyReports";
    public const string GovernmentComplaintsTable = "GovernmentComplaints";
    public const string GovernmentRecordsTable = "GovernmentRecords";
    public const string EvaluationModelsTable = "EvaluationModels";
    public const string EvaluationsTable = "Evaluations";
    public const string EvaluationMarksTable = "EvaluationMarks";
    public const string EvaluationPopulationsTable = "EvaluationPopulations";
    public const string InspectionPlansTable = "InspectionPlans";
    public const string InspectionItemsTable = "InspectionItems";
    public const string InspectionsTable = "Inspections";

    public static readonly IReadOnlyList<string> Containers = [UploadsContainer, ResultsContainer, IntakeWorkContainer, PublicContainer, DisclosureQueueContainer, EvidenceContainer, ReportsContainer, CreditReportsContainer, ConfigContainer, ExchangeContainer];
    public static readonly IReadOnlyList<string> Tables =
        [
            RecordsTable, RecordVersionsTable, UploadsTable, IngestionLogTable, DepartmentsTable, ApiKeysTable, DisclosureQueueTable, PublicRecordsTable, PublicNamesTable, PublicListsTable,
            MeasuresTable, CatalogueTable, ListEntriesTable, ListSubjectsTable, CasesTable, CaseDepartmentsTable, CaseAssignmentsTable,
            CaseLiftsTable, CaseTimelineTable, CaseScheduleTable, CaseAmendmentsTable, SignalMarksTable, NoticesTable, CreditChecksTable, RemediesTable, AuditTable, PersonalDataReadsTable, PersonalDataPurgesTable,
            StatisticsEventsTable, StatisticsDirtyTable, StatisticsTable, QuarantineTable, CreditReportsTable, ConsentsTable,
            ExchangeSourcesTable, ImportedEntriesTable, ImportedEntryVersionsTable, ExchangePullsTable, ExchangeExportsTable, CommitmentsTable, DishonestyReportsTable, GovernmentComplaintsTable,
            GovernmentRecordsTable, EvaluationModelsTable, EvaluationsTable, EvaluationMarksTable, EvaluationPopulationsTable,
            InspectionPlansTable, InspectionItemsTable, InspectionsTable,
        ];
}
