using System.Text.Json;
using System.Text.RegularExpressions;
using Credit.Functions.Hosting;
using Credit.Intake;
using Credit.LocalRuntime;
using Credit.LocalRuntime.Configuration;
using Credit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Credit.Tests.Infrastructure;

/// <summary>
/// One configuration model: every setting the app reads is defined where it runs — locally by
/// functions/local.settings.json.example, in Azure by the app settings of the Bicep template — and
/// docs/settings.md names, for each setting the app, the runtime or a timer reads, where the local runtime,
/// Core Tools and Azure take it from, each source checked here.
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
        var template = AzureValues();
        var reads = ReadsOf(template);
        Assert.Contains("AzureWebJobsStorage__blobServiceUri", reads);
        Assert.All(reads, key => Assert.True(template.ContainsKey(key), $"the app reads '{key}', which the app settings of infra/modules/functionapp.bicep do not define"));
    }

    [Fact]
    public void Every_setting_read_is_in_the_parity_table_and_every_source_named_holds_it()
    {
        var table = ParityTable();
        var azure = TemplateSettings().ToHashSet(StringComparer.Ordinal);
        var local = LocalSettings();
        var read = ReadsOf(local).Concat(ReadsOf(AzureValues())).Concat(RuntimeReads()).Concat(TimerSettings()).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(read.Where(k => !table.ContainsKey(k)).Select(k => $"docs/settings.md has no row for '{k}'"));

        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "host.json")));
        var runtimeDefaults = File.ReadAllText(Path.Combine(Repository.Root, "local-runtime", "RuntimeOptions.cs"));
        var wrong = new List<string>();
        foreach (var (setting, (runtime, coreTools, inAzure)) in table)
        {
            if ((runtime.StartsWith("local.settings.json", StringComparison.Ordinal) || coreTools.StartsWith("local.settings.json", StringComparison.Ordinal)) && !local.ContainsKey(setting))
            {
                wrong.Add($"{setting}: said to be in local.settings.json, which does not define it");
            }

            if ((runtime + coreTools + inAzure).Contains("host.json", StringComparison.Ordinal) && !InHostJson(host.RootElement, setting))
            {
                wrong.Add($"{setting}: said to be in host.json, which does not define it");
            }

            if (inAzure.StartsWith("app setting", StringComparison.Ordinal) && !azure.Contains(setting))
            {
                wrong.Add($"{setting}: said to be an app setting, which the template does not set");
            }

            if (runtime.StartsWith("appsettings.json", StringComparison.Ordinal) && !runtimeDefaults.Contains(" " + setting["Runtime__".Length..] + " { get; set; }", StringComparison.Ordinal))
            {
                wrong.Add($"{setting}: said to be a setting of the runtime's appsettings.json, which RuntimeOptions does not bind");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public void The_runtime_takes_the_task_hub_and_its_tuning_from_host_json_and_the_environment_overrides_it()
    {
        var configuration = new ConfigurationManager();
        configuration.AddEnvironmentVariables();
        configuration.AddFunctionsFiles(AppContext.BaseDirectory);
        var options = RuntimeOptions.From(configuration);
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "host.json")));
        var durable = host.RootElement.GetProperty("extensions").GetProperty("durableTask");
        Assert.Equal(durable.GetProperty("hubName").GetString(), options.TaskHubName);
        Assert.Equal(durable.GetProperty("storageProvider").GetProperty("partitionCount").GetInt32(), options.PartitionCount);
        Assert.Equal(TimeSpan.Parse(durable.GetProperty("storageProvider").GetProperty("maxQueuePollingInterval").GetString()!, System.Globalization.CultureInfo.InvariantCulture), options.MaxQueuePollingInterval);
        Assert.Equal(durable.GetProperty("maxConcurrentActivityFunctions").GetInt32(), options.MaxConcurrentActivities);
        Assert.Equal(string.Empty, options.RoutePrefix);

        configuration.AddInMemoryCollection([KeyValuePair.Create(FunctionsSettings.HostSection + ":extensions:durableTask:hubName", (string?)"OtherHub")]);
        Assert.Equal("OtherHub", RuntimeOptions.From(configuration).TaskHubName);
    }

    [Fact]
    public void The_local_settings_values_are_read_with_double_underscores_as_sections()
    {
        var path = Path.Combine(Path.GetTempPath(), $"local.settings.{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "IsEncrypted": false, "Values": { "Intake__ChunkRows": "123", "DisclosureSchedule": "0 0 * * * *" } }""");
        try
        {
            var values = FunctionsSettings.LocalSettings(path).ToDictionary();
            Assert.Equal("123", values["Intake:ChunkRows"]);
            Assert.Equal("0 0 * * * *", values["DisclosureSchedule"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_template_holds_no_account_key_or_secret_connection_string()
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, "infra", "modules", "functionapp.bicep"));
        Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listKeys", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SharedAccessKey", text, StringComparison.OrdinalIgnoreCase);
    }

    static Dictionary<string, string> AzureValues()
    {
        // Values of the right shape: URIs for endpoints, numbers for the rest (the keys are set below; the previous one is empty but while the key is rotated).
        var template = TemplateSettings().ToDictionary(name => name, name => name.EndsWith("Uri", StringComparison.Ordinal) ? "https://example.invalid/" : "1");
        template["Credit__PersonalDataKey"] = Convert.ToBase64String(new byte[32]);
        template["Credit__PreviousPersonalDataKey"] = string.Empty;
        template["KeyVault__keyUri"] = "https://kv-credit.vault.azure.net/keys/personal-data-wrapping";
        template["Credit__ReporterKey"] = Convert.ToBase64String(new byte[48]);
        template["KeyVault__reporterKeyUri"] = "https://kv-credit.vault.azure.net/keys/reporter-wrapping";
        return template;
    }

    /// <summary>What the local runtime reads: its own section (A__B form) and host.json's keys (dotted, as in the file).</summary>
    static IEnumerable<string> RuntimeReads()
    {
        var reads = new SortedSet<string>(StringComparer.Ordinal);
        var configuration = new ConfigurationManager();
        configuration.AddFunctionsFiles(AppContext.BaseDirectory);
        _ = RuntimeOptions.From(new RecordingConfiguration(configuration, reads));
        var prefix = FunctionsSettings.HostSection + ":";
        // The section read as a whole to bind RuntimeOptions is not a setting of its own.
        return reads.Where(k => k != RuntimeOptions.Section && !reads.Any(other => other.StartsWith(k + ":", StringComparison.Ordinal)))
            .Select(k => k.StartsWith(prefix, StringComparison.Ordinal) ? k[prefix.Length..].Replace(':', '.') : k.Replace(":", "__", StringComparison.Ordinal));
    }

    /// <summary>The settings timer schedules name (%Setting%).</summary>
    static IEnumerable<string> TimerSettings() => TimerScheduleTests.Schedules().Select(row => (string)row[1]).Where(s => s.StartsWith('%')).Select(s => s.Trim('%'));

    static bool InHostJson(JsonElement root, string dotted)
    {
        var element = root;
        foreach (var part in dotted.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>docs/settings.md's table: setting → (local runtime, Core Tools, Azure).</summary>
    static Dictionary<string, (string Runtime, string CoreTools, string Azure)> ParityTable() =>
        File.ReadAllLines(Path.Combine(Repository.Root, "docs", "settings.md"))
            .Select(line => ParityRow().Match(line))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => (m.Groups[2].Value.Trim(), m.Groups[3].Value.Trim(), m.Groups[4].Value.Trim()), StringComparer.Ordinal);

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

    [GeneratedRegex(@"^\s+([A-Za-z]+__[A-Za-z_]+|[A-Z][A-Z_]+|[A-Z][A-Za-z]+Schedule):", RegexOptions.Multiline)]
    private static partial Regex SettingName();

    [GeneratedRegex(@"^\| `([^`]+)` \|([^|]+)\|([^|]+)\|([^|]+)\|")]
    private static partial Regex ParityRow();
}
