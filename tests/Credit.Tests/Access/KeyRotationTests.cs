using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Credit.Departments;
using Credit.PersonalData;
using Credit.Storage;
using Credit.Testing;

namespace Credit.Tests.Access;

/// <summary>
/// The data key rotated on the real runtime over Azurite, together with the personal-data key: persons' records and a
/// list entry sealed under data key 1; the runtime started again with a new personal-data key and the old one as the
/// previous; the rotation started by the office, the runtime killed while re-sealing, started again with the new key
/// alone; the rotation resumes, ends with every sealed value under data key 2, and everything reads and is found as
/// before, in between too.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class KeyRotationTests : IAsyncLifetime
{
    const string Department = Rows.Department;
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    const int Persons = 150;

    readonly AzuriteProcess azurite = new();
    StorageClients storage = null!;
    string departmentKey = null!;
    string officeKey = null!;

    public async Task InitializeAsync()
    {
        await azurite.StartAsync();
        storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();
        departmentKey = await TestStorage.RegisterDepartmentAsync(storage, Department, "北京市市场监督管理局");
        officeKey = await new ApiKeys(storage, TimeProvider.System).IssueAsync(new Caller(CallerRole.Supervisor, null));
    }

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    static readonly string LocalKey = Convert.ToBase64String(Repository.LocalPersonalDataKey);
    static readonly string NewKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    Task<RuntimeProcess> StartAsync(string personalDataKey, string previousPersonalDataKey = "") => RuntimeProcess.StartAsync(azurite.ConnectionString, "RotationHub", FreePort.Next(), new Dictionary<string, string>
    {
        // Instances load the keys every second, so the rotation waits seconds, not minutes; small pages, so the kill meets it re-sealing.
        ["PersonalData__KeyRefreshSeconds"] = "1",
        ["PersonalData__ResealPageSize"] = "10",
        // The test finds a record by its pending disclosure: a disclosure run on the quarter hour would publish it first.
        ["DisclosureSchedule"] = "0 0 0 1 1 *",
        ["Credit__PersonalDataKey"] = personalDataKey,
        ["Credit__PreviousPersonalDataKey"] = previousPersonalDataKey,
    });

    [Fact]
    public async Task A_rotation_killed_while_re_sealing_resumes_and_leaves_every_value_under_the_new_keys_readable_throughout()
    {
        string recordId;
        await using (var runtime = await StartAsync(LocalKey))
        {
            using var department = new ProductApi(runtime.BaseAddress, departmentKey);
            using var office = new ProductApi(runtime.BaseAddress, officeKey);
            var content = Encoding.UTF8.GetBytes(Rows.Csv(Enumerable.Range(1, Persons).Select(i => Rows.PersonPenalty($"轮换〔2024〕{i}号"))));
            await department.UploadAsync(Department, "persons.csv", content);
            var upload = await department.WaitForUploadAsync(Department, "persons.csv", Patience, content);
            Assert.True(upload.GetProperty("summary").GetProperty("counts").GetProperty("accepted").GetInt32() == Persons, upload.ToString());
            var (created, entry) = await department.PostJsonAsync("api/lists/black/entries", new
            {
                subjectCode = Rows.Company, subjectName = "北京示例食品有限公司", category = "环境违法失信", field = "环境保护",
                legalBasis = "《中华人民共和国环境保护法》第六十三条", decisionDocument = "京市监黑〔2024〕9号", startDate = "2024-10-08", periodMonths = 36,
                responsiblePersons = new[] { new { role = "LegalRepresentative", name = "欧阳娜娜", idNumber = Rows.Person } },
            });
            Assert.True(created == HttpStatusCode.Created, entry.ToString());
            recordId = (await department.GetJsonAsync($"api/departments/{Department}/disclosure?status=pending")).Body.GetProperty("items")[0].GetProperty("id").GetString()!;
            Assert.Equal(new[] { 1 }, await SealedVersionsAsync());
        }

        await using (var runtime = await StartAsync(NewKey, previousPersonalDataKey: LocalKey))
        {
            using var department = new ProductApi(runtime.BaseAddress, departmentKey);
            using var office = new ProductApi(runtime.BaseAddress, officeKey);
            await AssertReadableAsync(department, recordId);
            await AssertFoundAsync(department);

            var (started, rotation) = await office.PostJsonAsync("api/personal-data/key-rotations", new { });
            Assert.Equal(HttpStatusCode.Accepted, started);
            Assert.Equal(2, rotation.GetProperty("version").GetInt32());
            var (again, same) = await office.PostJsonAsync("api/personal-data/key-rotations", new { });
            Assert.Equal((HttpStatusCode.Accepted, 2, true), (again, same.GetProperty("version").GetInt32(), same.GetProperty("alreadyRunning").GetBoolean()));

            // Key 2 seals, key 1 still holds every value: both are read.
            await WaitAsync(office, s => s.GetProperty("keyActive").GetBoolean(), "key active");
            await AssertReadableAsync(department, recordId);
            await WaitAsync(office, s => s.GetProperty("resealed").GetInt64() > 0, "re-sealing");
            runtime.KillHard();
        }

        Assert.Equal(new[] { 1, 2 }, await SealedVersionsAsync());
        // The rotation's first step wrapped the stored keys under the new personal-data key: the old one can go.
        await using (var runtime = await StartAsync(NewKey))
        {
            using var department = new ProductApi(runtime.BaseAddress, departmentKey);
            using var office = new ProductApi(runtime.BaseAddress, officeKey);
            var done = await WaitAsync(office, s => s.GetProperty("state").GetString() == "completed", "completed");
            Assert.True(done.GetProperty("resealed").GetInt64() >= 2 * Persons, done.ToString());
            Assert.Equal(new[] { 2 }, await SealedVersionsAsync());
            await AssertReadableAsync(department, recordId);
            await AssertFoundAsync(department);

            // The next rotation adds key 3.
            var (_, next) = await office.PostJsonAsync("api/personal-data/key-rotations", new { });
            Assert.Equal(3, next.GetProperty("version").GetInt32());
        }
    }

    static async Task<JsonElement> WaitAsync(ProductApi office, Func<JsonElement, bool> until, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            var (status, body) = await office.GetJsonAsync("api/personal-data/key-rotations/2");
            last = body;
            if (status == HttpStatusCode.OK && until(body))
            {
                return body;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"rotation not {what}; last: {last}");
    }

    static async Task AssertReadableAsync(ProductApi department, string recordId)
    {
        var (status, record) = await department.GetJsonAsync($"api/records/{recordId}");
        Assert.Equal(HttpStatusCode.OK, status);
        // Opened whole, then shown to the department with the ID number masked (only the audited identity endpoint and /api/me show it whole).
        Assert.Equal(("欧阳娜娜", Credit.Identifiers.ResidentIdNumber.Mask(Rows.Person)), (record.GetProperty("SubjectName").GetString(), record.GetProperty("CF_XDR_ZJHM").GetString()));
    }

    /// <summary>The person is found under the key it had before the rotation: the credit check finds the entry naming it.</summary>
    static async Task AssertFoundAsync(ProductApi department)
    {
        var (status, check) = await department.GetJsonAsync($"api/subjects/{Rows.Person}/credit-check?department={Department}");
        Assert.True(status == HttpStatusCode.OK && check.GetProperty("status").GetProperty("black").GetBoolean(), check.ToString());
    }

    /// <summary>The data key versions of every sealed value at rest.</summary>
    async Task<int[]> SealedVersionsAsync()
    {
        var versions = new SortedSet<int>();
        foreach (var table in Resealing.Tables)
        {
            await foreach (var entity in storage.Table(table).QueryAsync<TableEntity>())
            {
                versions.UnionWith(entity.Select(p => FieldCipher.VersionOf(p.Value as string)).OfType<int>());
            }
        }

        return [.. versions];
    }
}
