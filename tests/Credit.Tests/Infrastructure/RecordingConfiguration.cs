using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Credit.Tests.Infrastructure;

/// <summary>A configuration that remembers every key the code asks for, found or not.</summary>
public sealed class RecordingConfiguration(IConfiguration inner, ISet<string> reads, string? path = null) : IConfigurationSection
{
    public string? this[string key]
    {
        get
        {
            var full = Combine(key);
            reads.Add(full);
            return inner[key];
        }

        set => inner[key] = value;
    }

    public string Key => path is null ? string.Empty : ConfigurationPath.GetSectionKey(path);
    public string Path => path ?? string.Empty;

    public string? Value
    {
        get
        {
            if (path is not null)
            {
                reads.Add(path);
            }

            return (inner as IConfigurationSection)?.Value;
        }

        set
        {
            if (inner is IConfigurationSection section)
            {
                section.Value = value;
            }
        }
    }

    public IConfigurationSection GetSection(string key) => new RecordingConfiguration(inner.GetSection(key), reads, Combine(key));

    public IEnumerable<IConfigurationSection> GetChildren() => inner.GetChildren().Select(c => new RecordingConfiguration(c, reads, Combine(c.Key)));

    public IChangeToken GetReloadToken() => inner.GetReloadToken();

    string Combine(string key) => path is null ? key : ConfigurationPath.Combine(path, key);
}
