using System.Net;
using System.Net.Http.Json;
using Credit.Testing;
using Credit.Tests.Support;

namespace Credit.Tests.EndToEnd;

/// <summary>The measures list over HTTP: read by every key, kept by the supervising office only.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class MeasuresApiTests(RuntimeFixture fixture) : IClassFixture<RuntimeFixture>
{
    const string Implementer = "北京市措施试点实施局";

    static object Measure(string? name = "限制参与评优评先试点", string binding = "Recommended", string[]? fields = null, string[]? implementers = null) => new
    {
        code = "T01",
        name,
        binding,
        category = "Social",
        implementers = implementers ?? [Implementer],
        legalBasis = "京政发〔2017〕15号",
        listTypes = new[] { "Black" },
        fields = fields ?? [],
        subjectKinds = new[] { "LegalPerson", "NaturalPerson" },
        bindsResponsiblePersons = true,
    };

    [Fact]
    public async Task The_supervisor_adds_changes_and_retires_a_measure_and_every_version_stays_readable()
    {
        using var supervisor = fixture.Api(fixture.SupervisorKey);
        using var department = fixture.Api(fixture.DepartmentKey);
        using var nobody = fixture.Api(null);

        var seeded = (await department.GetJsonAsync("api/measures")).Body.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("code").GetString()).ToList();
        Assert.Contains("S02", seeded);
        Assert.Equal(HttpStatusCode.Unauthorized, (await nobody.GetJsonAsync("api/measures")).Status);

        Assert.Equal(HttpStatusCode.Forbidden, (await department.PostJsonAsync("api/measures", Measure())).Status);

        // An implementer that is no registered department would receive nothing: refused, each one named.
        var (unregistered, refusal) = await supervisor.PostJsonAsync("api/measures", Measure(implementers: [Implementer, "北京市不存在局", "*"]));
        Assert.Equal(HttpStatusCode.BadRequest, unregistered);
        Assert.Equal([$"'{Implementer}' is no registered department", "'北京市不存在局' is no registered department"],
            refusal.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("message").GetString()![..(p.GetProperty("message").GetString()!.IndexOf(" (", StringComparison.Ordinal))]));
        Assert.Contains("不是已登记的部门", refusal.GetProperty("problems")[0].GetProperty("messageZh").GetString(), StringComparison.Ordinal);
        var implementerCode = Rows.DepartmentCode(417);
        await TestStorage.RegisterDepartmentAsync(fixture.Storage, implementerCode, Implementer);

        var (invalid, problems) = await supervisor.PostJsonAsync("api/measures", Measure(name: null, fields: ["天气"]));
        Assert.Equal(HttpStatusCode.BadRequest, invalid);
        Assert.Equal(["name", "fields"], problems.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("field").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PostJsonAsync("api/measures", Measure(binding: "Sometimes"))).Status);

        var (created, added) = await supervisor.PostJsonAsync("api/measures", Measure());
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(1, added.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostJsonAsync("api/measures", Measure())).Status);

        // Named by its code as well as by its name; * names every department.
        using (var change = await supervisor.Http.PutAsJsonAsync(new Uri("api/measures/T01", UriKind.Relative), Measure(binding: "Mandatory", implementers: [implementerCode, "*"])))
        {
            Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        }

        using (var retire = await supervisor.Http.DeleteAsync(new Uri("api/measures/T01", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, retire.StatusCode);
        }

        using (var forbidden = await department.Http.DeleteAsync(new Uri("api/measures/S02", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        var current = (await department.GetJsonAsync("api/measures/T01")).Body;
        Assert.Equal(3, current.GetProperty("version").GetInt32());
        Assert.True(current.GetProperty("retired").GetBoolean());
        Assert.Equal("Recommended", (await department.GetJsonAsync("api/measures/T01?version=1")).Body.GetProperty("binding").GetString());
        Assert.Equal("Mandatory", (await department.GetJsonAsync("api/measures/T01?version=2")).Body.GetProperty("binding").GetString());
        Assert.DoesNotContain("T01", (await department.GetJsonAsync("api/measures")).Body.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await department.GetJsonAsync("api/measures/T01?version=9")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await department.GetJsonAsync("api/measures/T01?version=x")).Status);
    }
}
