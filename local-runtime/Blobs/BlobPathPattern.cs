using System.Text.RegularExpressions;

namespace Credit.LocalRuntime.Blobs;

/// <summary>A blob trigger path such as "uploads/{departmentCode}/{name}": its container and the binding data a blob name yields.</summary>
public sealed class BlobPathPattern
{
    readonly Regex blobName;

    public BlobPathPattern(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        Container = slash < 0 ? path : path[..slash];
        var rest = slash < 0 ? "{name}" : path[(slash + 1)..];
        var pattern = Regex.Replace(Regex.Escape(rest).Replace("\\{", "{", StringComparison.Ordinal), "{([A-Za-z_][A-Za-z0-9_]*)}", "(?<$1>.+?)");
        // The last placeholder takes the rest of the name, folders included, as in the Functions host.
        blobName = new Regex("^" + pattern + "$", RegexOptions.CultureInvariant);
    }

    public string Container { get; }

    public IReadOnlyDictionary<string, object?>? Match(string name)
    {
        var match = blobName.Match(name);
        return match.Success
            ? blobName.GetGroupNames().Where(g => !int.TryParse(g, out _)).ToDictionary(g => g, g => (object?)match.Groups[g].Value, StringComparer.OrdinalIgnoreCase)
            : null;
    }
}
