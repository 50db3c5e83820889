using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credit.Lists;

/// <summary>
/// A list entry as a department sends it (JSON body or a row of an uploaded file), before any check. Facts are named
/// by their key or their Chinese name; a 是/否 fact may come as a JSON boolean.
/// </summary>
public sealed record ListEntryDraft(
    string? ListType,
    string? SubjectCode,
    string? SubjectName,
    string? Category,
    string? Field,
    string? LegalBasis,
    string? DecisionDocument,
    string? StartDate,
    [property: JsonConverter(typeof(TextOrNumber))] string? PeriodMonths,
    IReadOnlyList<ResponsiblePersonDraft>? ResponsiblePersons,
    string? CatalogueCode = null,
    [property: JsonConverter(typeof(FactsAsText))] IReadOnlyDictionary<string, string?>? Facts = null);

public sealed record ResponsiblePersonDraft(string? Role, string? Name, string? IdNumber);

/// <summary>Reads a JSON number or string as its text, so that the validator judges it (and says what was wrong).</summary>
public sealed class TextOrNumber : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => null,
        _ => throw new JsonException($"expected a number, a string or true/false, got {reader.TokenType}"),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>Reads an object of facts, each value a string, number or boolean, as text.</summary>
public sealed class FactsAsText : JsonConverter<IReadOnlyDictionary<string, string?>?>
{
    static readonly TextOrNumber Value = new();

    public override IReadOnlyDictionary<string, string?>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"facts must be an object of key and value, got {reader.TokenType}");
        }

        var facts = new Dictionary<string, string?>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            facts[key] = Value.Read(ref reader, typeof(string), options);
        }

        return facts;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string?>? value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, text) in value ?? new Dictionary<string, string?>())
        {
            writer.WriteString(key, text);
        }

        writer.WriteEndObject();
    }
}
