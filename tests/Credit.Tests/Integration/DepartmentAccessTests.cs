using Credit.Departments;
using Credit.Storage;
using Credit.Testing;
using Credit.Tests.Support;

namespace Credit.Tests.Integration;

[Collection(AzuriteGroup.Name)]
public sealed class DepartmentAccessTests(Azurite azurite) : IAsyncLifetime
{
    readonly StorageClients storage = StorageClients.FromConnectionString(azurite.ConnectionString);
    ApiKeys keys = null!;
    DepartmentRegistry registry = null!;

    public async Task InitializeAsync()
    {
        await storage.EnsureCreatedAsync();
        keys = new ApiKeys(storage, TimeProvider.System);
        registry = new DepartmentRegistry(storage, keys, TimeProvider.System);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_registered_department_key_acts_for_that_department_only()
    {
        var key = await registry.RegisterAsync(Rows.DepartmentCode(201), "北京市税务局");
        var caller = await keys.AuthenticateAsync(key);
        Assert.Equal(new Caller(CallerRole.Department, Rows.DepartmentCode(201)), caller);
        Assert.True(caller!.MayActFor(Rows.DepartmentCode(201)));
        Assert.False(caller.MayActFor(Rows.DepartmentCode(202)));
        Assert.Equal("北京市税务局", (await registry.FindAsync(Rows.DepartmentCode(201)))!.Name);
    }

    [Fact]
    public async Task The_supervisor_acts_for_every_department()
    {
        var caller = await keys.AuthenticateAsync(await keys.IssueAsync(new Caller(CallerRole.Supervisor, null)));
        Assert.True(caller!.MayActFor(Rows.DepartmentCode(201)));
    }

    [Fact]
    public async Task Keys_are_stored_only_as_hashes()
    {
        var key = await registry.RegisterAsync(Rows.DepartmentCode(203), "某局");
        await foreach (var entity in storage.Table(StorageNames.ApiKeysTable).QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            Assert.DoesNotContain(entity.Keys.Select(k => entity[k]), v => v is string s && s.Contains(key[3..], StringComparison.Ordinal));
            Assert.NotEqual(key, entity.RowKey);
        }
    }

    [Fact]
    public async Task Revoking_a_department_s_keys_ends_them_and_no_other()
    {
        var department = Rows.DepartmentCode(204);
        var first = await registry.RegisterAsync(department, "轮换局");
        var second = await registry.RegisterAsync(department, "轮换局");
        var other = await registry.RegisterAsync(Rows.DepartmentCode(205), "其他局");
        Assert.Equal(2, await keys.RevokeAsync(new Caller(CallerRole.Department, department)));
        Assert.Null(await keys.AuthenticateAsync(first));
        Assert.Null(await keys.AuthenticateAsync(second));
        Assert.NotNull(await keys.AuthenticateAsync(other));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ck_not-a-key")]
    public async Task Unknown_keys_are_nobody(string? key) => Assert.Null(await keys.AuthenticateAsync(key));

    [Fact]
    public async Task A_department_code_must_pass_its_check() =>
        await Assert.ThrowsAsync<ArgumentException>(() => registry.RegisterAsync("91110000600037341M", "错误"));
}
