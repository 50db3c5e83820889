using System.Text.Json;

namespace Credit.Testing;

/// <summary>What a JSON document says, decoded: a check for a name or number must not miss it behind \u escapes.</summary>
public static class JsonText
{
    /// <summary>Every property name and string value of <paramref name="json"/>, unescaped, one per line.</summary>
    public static string Decoded(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Decoded(document.RootElement);
    }

    public static string Decoded(JsonElement element) => string.Join('\n', Strings(element));

    static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value).Prepend(p.Name)),
        _ => [element.GetRawText()],
    };
}
