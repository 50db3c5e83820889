namespace Credit.Storage;

/// <summary>The product's containers and tables, in one place so that infrastructure and code agree.</summary>
public static class StorageNames
{
    public const string UploadsContainer = "uploads";
    public const string ResultsContainer = "results";
    public const string IntakeWorkContainer = "intake-work";
    public const string PublicContainer = "public";
    public const string DisclosureQueueContainer = "disclosure-queue";

    public const string RecordsTable = "Records";
    public const string RecordVersionsTable = "RecordVersions";
    public const string UploadsTable = "Uploads";
    public const string DepartmentsTable = "Departments";
    public const string ApiKeysTable = "ApiKeys";
    public const string DisclosureQueueTable = "DisclosureQueue";
    public const string PublicRecordsTable = "PublicRecords";
    public const string PublicNamesTable = "PublicNames";

    public static readonly IReadOnlyList<string> Containers = [UploadsContainer, ResultsContainer, IntakeWorkContainer, PublicContainer, DisclosureQueueContainer];
    public static readonly IReadOnlyList<string> Tables =
        [RecordsTable, RecordVersionsTable, UploadsTable, DepartmentsTable, ApiKeysTable, DisclosureQueueTable, PublicRecordsTable, PublicNamesTable];
}
