using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Keyfolio.Exchanges;

namespace Keyfolio.Core;

/// <summary>
/// A text in a document of the database or an export file, as <c>{"en": …, "zh": …}</c>: its English and Simplified
/// Chinese, read back as a <c>RecordedText</c> that shows one or the other (English for the other languages).
/// </summary>
internal sealed class RecordedTextJsonConverter : JsonConverter<LocalizedText>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo SimplifiedChinese = CultureInfo.GetCultureInfo("zh-Hans");

    public override LocalizedText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? en = null;
        string? zh = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A text is an object with its English and Chinese.");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (string.Equals(name, "en", StringComparison.OrdinalIgnoreCase))
            {
                en = reader.GetString();
            }
            else if (string.Equals(name, "zh", StringComparison.OrdinalIgnoreCase))
            {
                zh = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return Recorded(en ?? string.Empty, zh ?? en ?? string.Empty);
    }

    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString("en", value.For(English));
        writer.WriteString("zh", value.For(SimplifiedChinese));
        writer.WriteEndObject();
    }

    /// <summary>A text as it was recorded in English and Simplified Chinese.</summary>
    public static LocalizedText Recorded(string en, string zh) => Texts.Of("RecordedText", en, zh);
}
