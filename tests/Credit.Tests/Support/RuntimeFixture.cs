using Credit.Departments;
using Credit.Storage;
using Credit.Testing;

namespace Credit.Tests.Support;

/// <summary>One runtime process on the shared Azurite with its own task hub, and two registered departments.</summary>
public sealed class RuntimeFixture : IAsyncLifetime
{
    readonly Azurite azurite;
    readonly IReadOnlyDictionary<string, string>? settings;

    public RuntimeFixture(Azurite azurite)
        : this(azurite, null)
    {
    }

    /// <summary>A runtime with settings of its own (schedules, clock) on the given Azurite.</summary>
    internal RuntimeFixture(Azurite azurite, IReadOnlyDictionary<string, string>? settings)
    {
        this.azurite = azurite;
        this.settings = settings;
        Storage = StorageClients.FromConnectionString(azurite.ConnectionString);
    }

    public RuntimeProcess Runtime { get; private set; } = null!;
    public StorageClients Storage { get; }
    public string DepartmentKey { get; private set; } = null!;
    public string OtherDepartmentKey { get; private set; } = null!;
    public string SupervisorKey { get; private set; } = null!;

    /// <summary>The key of the subject <see cref="Rows.Company"/>.</summary>
    public string SubjectKey { get; private set; } = null!;

    public ProductApi Api(string? key) => new(Runtime.BaseAddress, key);

    public async Task InitializeAsync()
    {
        await Storage.EnsureCreatedAsync();
        var keys = new ApiKeys(Storage, TimeProvider.System);
        DepartmentKey = await TestStorage.RegisterDepartmentAsync(Storage, Rows.Department, "北京市市场监督管理局");
        OtherDepartmentKey = await TestStorage.RegisterDepartmentAsync(Storage, Rows.OtherDepartment, "北京市生态环境局");
        SupervisorKey = await keys.IssueAsync(new Caller(CallerRole.Supervisor, null));
        SubjectKey = await keys.IssueAsync(Caller.ForSubject(Rows.Company));
        Runtime = await RuntimeProcess.StartAsync(azurite.ConnectionString, "E2EHub", FreePort.Next(), settings);
    }

    public async Task DisposeAsync() => await Runtime.DisposeAsync();
}
