using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Keyfolio.Exchanges;

namespace Keyfolio.Core;

/// <summary>
/// A text in a document of the database or an export file: its English and Simplified Chinese as <c>"en"</c> and <c>"zh"</c>
/// (what an earlier Keyfolio and a person reading the file understand), and beside them its parts — catalog, key and
/// arguments (<see cref="StoredTextParts"/>) — from which it is read back whole, showing in every language. A text
/// written without parts (by an earlier version), or whose catalog or key is no longer known, is read back as it was
/// recorded: a <c>RecordedText</c> showing its English, or its Chinese in Chinese.
/// </summary>
internal sealed class RecordedTextJsonConverter : JsonConverter<LocalizedText>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo SimplifiedChinese = CultureInfo.GetCultureInfo("zh-Hans");

    public override LocalizedText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A text is an object with its English and Chinese.");
        }

        using var document = JsonDocument.ParseValue(ref reader);
        return Read(document.RootElement);
    }

    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString("en", value.For(English));
        writer.WriteString("zh", value.For(SimplifiedChinese));
        if (!IsRecorded(value) && StoredTextParts.CanWrite(value))
        {
            StoredTextParts.WriteProperties(writer, value);
        }

        writer.WriteEndObject();
    }

    /// <summary>The text <paramref name="element"/> holds: whole when its parts are known, else as recorded.</summary>
    public static LocalizedText Read(JsonElement element)
    {
        var en = Text(element, "en");
        var zh = Text(element, "zh");
        return StoredTextParts.TryRead(element) ?? Recorded(en ?? string.Empty, zh ?? en ?? string.Empty);
    }

    /// <summary>A text as it was recorded in English and Simplified Chinese.</summary>
    public static LocalizedText Recorded(string en, string zh) => Texts.Of("RecordedText", en, zh);

    /// <summary>True for a text read back as it was recorded: it has no parts to store beyond its English and Chinese.</summary>
    public static bool IsRecorded(LocalizedText text) =>
        text.Catalog?.BaseName == Texts.Catalog.BaseName && text.Key == Recorded(string.Empty, string.Empty).Key;

    private static string? Text(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
            {
                return property.Value.GetString();
            }
        }

        return null;
    }
}
