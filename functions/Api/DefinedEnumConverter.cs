using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credit.Functions.Api;

/// <summary>
/// Reads an enum in a request body by its name (any case) or by a number that is one of its defined values, and
/// refuses anything else with the allowed names: System.Text.Json alone would take "binding": 99 as a value.
/// </summary>
public sealed class DefinedEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    sealed class Converter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && Enum.TryParse<T>(reader.GetString(), ignoreCase: true, out var named)
                && !int.TryParse(reader.GetString(), out _) && Enum.IsDefined(named))
            {
                return named;
            }

            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number) && Enum.IsDefined(typeof(T), number))
            {
                return (T)Enum.ToObject(typeof(T), number);
            }

            throw new JsonException($"{typeof(T).Name} must be one of: {string.Join(", ", Enum.GetNames<T>())}");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
