using System.Text.RegularExpressions;
using Credit.Storage;
using Credit.Testing;

namespace Credit.Tests.Infrastructure;

/// <summary>Every template and parameters file in infra/ builds with the Bicep CLI, with no warning (the linter's included).</summary>
public sealed class BicepTemplateTests
{
    public static TheoryData<string> Templates() =>
        [.. Directory.GetFiles(Path.Combine(Repository.Root, "infra"), "*.bicep*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Repository.Root, f)).Order()];

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Builds_without_warnings(string template)
    {
        var command = template.EndsWith(".bicepparam", StringComparison.Ordinal) ? "build-params" : "build";
        var (exitCode, _, diagnostics) = await Bicep.RunAsync(command, Path.Combine(Repository.Root, template), "--stdout");
        Assert.True(exitCode == 0, diagnostics);
        Assert.Equal(string.Empty, diagnostics.Trim());
    }

    [Fact]
    public void Azd_finds_what_it_needs()
    {
        Assert.True(File.Exists(Path.Combine(Repository.Root, "azure.yaml")));
        Assert.True(File.Exists(Path.Combine(Repository.Root, "infra", "main.bicep")));
        Assert.True(File.Exists(Path.Combine(Repository.Root, "infra", "main.parameters.json")));
        Assert.Contains("project: ./functions", File.ReadAllText(Path.Combine(Repository.Root, "azure.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_template_provisions_every_container_and_table_the_code_uses()
    {
        var template = File.ReadAllText(Path.Combine(Repository.Root, "infra", "main.bicep"));
        var tables = Regex.Match(template, @"tables: \[(?<list>[^\]]*)\]").Groups["list"].Value;
        Assert.Equal(StorageNames.Tables.Order(StringComparer.Ordinal), Regex.Matches(tables, "'([A-Za-z]+)'").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal));
        var containers = Regex.Match(template, @"containers: \[(?<list>[^\]]*)\]").Groups["list"].Value;
        Assert.All(StorageNames.Containers, c => Assert.Contains($"'{c}'", containers, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_public_query_sits_behind_a_limit_per_client_address_at_the_edge_in_both_clouds()
    {
        var (exitCode, compiled, diagnostics) = await Bicep.RunAsync("build", Path.Combine(Repository.Root, "infra", "main.bicep"), "--stdout");
        Assert.True(exitCode == 0, diagnostics);
        Assert.Contains("rate-limit-by-key calls=\\\"{0}\\\" renewal-period=\\\"60\\\" counter-key=\\\"@(context.Request.IpAddress)\\\"", compiled, StringComparison.Ordinal);
        Assert.Contains("[if(equals(environment().name, 'AzureChinaCloud'), 'Basic', 'BasicV2')]", compiled, StringComparison.Ordinal);
        Assert.Contains("/api/public", compiled, StringComparison.Ordinal);
    }
}
