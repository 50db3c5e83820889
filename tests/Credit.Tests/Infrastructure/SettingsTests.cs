using System.Text.Json;
using System.Text.RegularExpressions;
using Credit.Functions.Hosting;
using Credit.Intake;
using Credit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Credit.Tests.Infrastructure;

/// <summary>
/// One configuration model: every setting the app reads is defined where it runs — locally by
/// functions/local.settings.json.example, in Azure by the app settings of the Bicep template.
/// </summary>
public sealed partial class SettingsTests
{
    /// <summary>Settings only tests set (never defined in a deployment).</summary>
    static readonly string[] TestOnly = ["Credit__Clock__Start"];

    [Fact]
    public void Every_setting_read_locally_is_in_the_local_settings_sample()
    {
        var local = LocalSettings();
        var reads = ReadsOf(local);
        Assert.NotEmpty(reads);
        Assert.All(reads, key => Assert.True(local.ContainsKey(key), $"the app reads '{key}', which functions/local.settings.json.example does not define"));
    }

    [Fact]
    public void Every_setting_read_in_Azure_is_in_the_template()
    {
        // Values of the right shape: URIs for endpoints, numbers for the rest (the key is set below).
        var template = TemplateSettings().ToDictionary(name => name, name => name.EndsWith("Uri", StringComparison.Ordinal) ? "https://example.invalid/" : "1");
        template["Credit__PersonalDataKey"] = Convert.ToBase64String(new byte[32]);
        var reads = ReadsOf(template);
        Assert.Contains("AzureWebJobsStorage__blobServiceUri", reads);
        Assert.All(reads, key => Assert.True(template.ContainsKey(key), $"the app reads '{key}', which the app settings of infra/modules/functionapp.bicep do not define"));
    }

    [Fact]
    public void The_template_holds_no_account_key_or_secret_connection_string()
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, "infra", "modules", "functionapp.bicep"));
        Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listKeys", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SharedAccessKey", text, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The settings (in environment form, A__B) the app asks for when its services are built from these values.</summary>
    static SortedSet<string> ReadsOf(Dictionary<string, string> settings)
    {
        var reads = new SortedSet<string>(StringComparer.Ordinal);
        var inner = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(p => KeyValuePair.Create(p.Key.Replace("__", ":", StringComparison.Ordinal), (string?)p.Value))).Build();
        var configuration = new RecordingConfiguration(inner, reads);
        var services = new ServiceCollection().AddLogging().AddCreditSystem(configuration);
        using var provider = services.BuildServiceProvider();
        foreach (var descriptor in services.Where(d => !d.ServiceType.IsGenericTypeDefinition))
        {
            Assert.NotNull(provider.GetServices(descriptor.ServiceType).ToList());
        }

        _ = provider.GetRequiredService<IOptions<IntakeOptions>>().Value;
        // A section read as a whole (Intake, AzureWebJobsStorage) is not a setting of its own when its children are.
        return new SortedSet<string>(
            reads.Where(k => !TestOnly.Contains(k.Replace(":", "__", StringComparison.Ordinal))).Where(k => settings.ContainsKey(k.Replace(":", "__", StringComparison.Ordinal)) || !reads.Any(other => other.StartsWith(k + ":", StringComparison.Ordinal)))
                .Select(k => k.Replace(":", "__", StringComparison.Ordinal)),
            StringComparer.Ordinal);
    }

    static Dictionary<string, string> LocalSettings()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "functions", "local.settings.json.example")));
        return sample.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    /// <summary>The names of the function app's settings in the template (identity, plan and product settings).</summary>
    static IEnumerable<string> TemplateSettings()
    {
        var module = File.ReadAllText(Path.Combine(Repository.Root, "infra", "modules", "functionapp.bicep"));
        var main = File.ReadAllText(Path.Combine(Repository.Root, "infra", "main.bicep"));
        return SettingName().Matches(module + main).Select(m => m.Groups[1].Value).Distinct();
    }

    [GeneratedRegex(@"^\s+([A-Za-z]+__[A-Za-z_]+|[A-Z][A-Z_]+):", RegexOptions.Multiline)]
    private static partial Regex SettingName();
}
