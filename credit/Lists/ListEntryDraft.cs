using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credit.Lists;

/// <summary>A list entry as a department sends it (JSON body or a row of an uploaded file), before any check.</summary>
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
    IReadOnlyList<ResponsiblePersonDraft>? ResponsiblePersons);

public sealed record ResponsiblePersonDraft(string? Role, string? Name, string? IdNumber);

/// <summary>Reads a JSON number or string as its text, so that the validator judges it (and says what was wrong).</summary>
public sealed class TextOrNumber : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.Null => null,
        _ => throw new JsonException($"expected a number or a string, got {reader.TokenType}"),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
