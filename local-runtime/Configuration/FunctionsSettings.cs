using System.Text.Json;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace Credit.LocalRuntime.Configuration;

/// <summary>
/// The configuration the Functions host gives an app, so that local, Core Tools and Azure read one set of files:
/// host.json under <see cref="HostSection"/> (where the host keeps it, and where
/// <c>AzureFunctionsJobHost__…</c> environment variables override it), the <c>Values</c> of
/// local.settings.json as settings (<c>A__B</c> is <c>A:B</c>, as Core Tools exports them), then environment
/// variables and the command line over both. The runtime's own appsettings.json holds only what the host has no
/// setting for.
/// </summary>
public static class FunctionsSettings
{
    public const string HostSection = "AzureFunctionsJobHost";
    public const string HostJson = "host.json";
    public const string LocalSettingsJson = "local.settings.json";

    /// <summary>Inserts host.json and local.settings.json of <paramref name="directory"/> below environment variables and the command line.</summary>
    public static void AddFunctionsFiles(this IConfigurationManager configuration, string directory)
    {
        var sources = (IList<IConfigurationSource>)configuration.Sources;
        var index = sources.Select((s, i) => (s, i)).FirstOrDefault(p => p.s is EnvironmentVariablesConfigurationSource, (null!, sources.Count)).Item2;
        sources.Insert(index, new MemoryConfigurationSource { InitialData = LocalSettings(Path.Combine(directory, LocalSettingsJson)) });
        sources.Insert(index, new MemoryConfigurationSource { InitialData = Flatten(ReadJson(Path.Combine(directory, HostJson)), HostSection) });
    }

    /// <summary>The settings of local.settings.json's <c>Values</c>, keyed as configuration reads them; none when the file is absent.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> LocalSettings(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var root = ReadJson(path);
        return root.TryGetProperty("Values", out var values)
            ? [.. values.EnumerateObject().Select(v => KeyValuePair.Create(v.Name.Replace("__", ":", StringComparison.Ordinal), (string?)(v.Value.ValueKind == JsonValueKind.String ? v.Value.GetString() : v.Value.GetRawText())))]
            : [];
    }

    static JsonElement ReadJson(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.Clone();
        }
        catch (FileNotFoundException)
        {
            throw new InvalidOperationException($"{path} is missing: it is copied from the repository's {System.IO.Path.GetFileName(path)} when the runtime is built (scripts/setup.sh).");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{path} is not valid JSON: {e.Message}", e);
        }
    }

    static List<KeyValuePair<string, string?>> Flatten(JsonElement element, string prefix)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    pairs.AddRange(Flatten(property.Value, ConfigurationPath.Combine(prefix, property.Name)));
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    pairs.AddRange(Flatten(item, ConfigurationPath.Combine(prefix, (i++).ToString(System.Globalization.CultureInfo.InvariantCulture))));
                }

                break;
            case JsonValueKind.String:
                pairs.Add(KeyValuePair.Create(prefix, element.GetString()));
                break;
            case JsonValueKind.Null:
                pairs.Add(KeyValuePair.Create(prefix, (string?)null));
                break;
            default:
                pairs.Add(KeyValuePair.Create(prefix, (string?)element.GetRawText()));
                break;
        }

        return pairs;
    }
}
