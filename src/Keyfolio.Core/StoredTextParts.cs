using System.Globalization;
using System.Resources;
using System.Text.Json;
using Keyfolio.Exchanges;

namespace Keyfolio.Core;

/// <summary>
/// What a stored text keeps so it shows in every language: its catalog's name, its key and its arguments, nested texts
/// as objects of the same form, numbers and dates with their type so each language formats them its own way.
/// <code>
/// {"catalog": "Keyfolio.Core.Resources.Texts", "key": "ExpiresInDays", "args": [{"int": 12}]}
/// {"same": "OKX"}
/// {"join": {"catalog": "Keyfolio.Exchanges.Resources.Texts", "key": "ListSeparator"}, "items": [{"same": "a"}, {"same": "b"}]}
/// </code>
/// A string argument is a JSON string, a missing one <c>null</c>.
/// </summary>
internal static class StoredTextParts
{
    private static readonly CultureInfo[] Languages = [.. new[] { "en", "zh-Hans", "zh-Hant", "ja", "ko" }.Select(CultureInfo.GetCultureInfo)];

    /// <summary>False for a text with an argument whose type has no stored form: it is stored as recorded only.</summary>
    public static bool CanWrite(LocalizedText text) =>
        text.Separator is { } separator
            ? CanWrite(separator) && text.Arguments.All(item => item is LocalizedText joined && CanWrite(joined))
            : text.Catalog is null || text.Arguments.All(CanWriteArgument);

    /// <summary>Writes the parts of <paramref name="text"/> as properties of the object being written.</summary>
    public static void WriteProperties(Utf8JsonWriter writer, LocalizedText text)
    {
        if (text.Separator is { } separator)
        {
            writer.WritePropertyName("join");
            WriteObject(writer, separator);
            writer.WriteStartArray("items");
            foreach (var item in text.Arguments)
            {
                WriteObject(writer, (LocalizedText)item!);
            }

            writer.WriteEndArray();
        }
        else if (text.Catalog is not { } catalog)
        {
            writer.WriteString("same", text.Key);
        }
        else
        {
            writer.WriteString("catalog", catalog.BaseName);
            writer.WriteString("key", text.Key);
            if (text.Arguments.Count > 0)
            {
                writer.WriteStartArray("args");
                foreach (var argument in text.Arguments)
                {
                    WriteArgument(writer, argument);
                }

                writer.WriteEndArray();
            }
        }
    }

    /// <summary>
    /// The text the parts in <paramref name="element"/> make, when every catalog and key is known and it shows in each
    /// language; otherwise null (a key renamed or removed since, a catalog that is no more, a damaged document).
    /// </summary>
    public static LocalizedText? TryRead(JsonElement element)
    {
        if (!TryReadText(element, out var text))
        {
            return null;
        }

        try
        {
            foreach (var language in Languages)
            {
                _ = text.For(language);
            }

            return text;
        }
        catch (Exception exception) when (exception is FormatException or MissingManifestResourceException or InvalidOperationException or InvalidCastException)
        {
            return null;
        }
    }

    private static bool CanWriteArgument(object? argument) => argument switch
    {
        LocalizedText text => CanWrite(text),
        null or string or int or long or decimal or double or DateTimeOffset or DateTime or TimeSpan => true,

        // Shown through its ToString() in every language, as a string would be.
        _ => argument is not IFormattable,
    };

    private static void WriteObject(Utf8JsonWriter writer, LocalizedText text)
    {
        writer.WriteStartObject();
        WriteProperties(writer, text);
        writer.WriteEndObject();
    }

    private static void WriteArgument(Utf8JsonWriter writer, object? argument)
    {
        switch (argument)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case LocalizedText text:
                WriteObject(writer, text);
                break;
            case int number:
                WriteTyped(writer, "int", w => w.WriteNumberValue(number));
                break;
            case long number:
                WriteTyped(writer, "long", w => w.WriteNumberValue(number));
                break;
            case decimal number:
                // As a string: the scale (1.50, not 1.5) is part of how it shows.
                WriteTyped(writer, "decimal", w => w.WriteStringValue(number.ToString(CultureInfo.InvariantCulture)));
                break;
            case double number:
                WriteTyped(writer, "double", w => w.WriteStringValue(number.ToString("R", CultureInfo.InvariantCulture)));
                break;
            case DateTimeOffset time:
                WriteTyped(writer, "dateTimeOffset", w => w.WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture)));
                break;
            case DateTime time:
                WriteTyped(writer, "dateTime", w => w.WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture)));
                break;
            case TimeSpan span:
                WriteTyped(writer, "timeSpan", w => w.WriteStringValue(span.ToString("c", CultureInfo.InvariantCulture)));
                break;
            default:
                writer.WriteStringValue(argument.ToString());
                break;
        }
    }

    private static void WriteTyped(Utf8JsonWriter writer, string type, Action<Utf8JsonWriter> value)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(type);
        value(writer);
        writer.WriteEndObject();
    }

    private static bool TryReadText(JsonElement element, out LocalizedText text)
    {
        text = null!;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (element.TryGetProperty("join", out var join))
        {
            if (!TryReadText(join, out var separator) || !element.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            var joined = new List<LocalizedText>();
            foreach (var item in items.EnumerateArray())
            {
                if (!TryReadText(item, out var one))
                {
                    return false;
                }

                joined.Add(one);
            }

            text = LocalizedText.Join(separator, joined);
            return true;
        }

        if (element.TryGetProperty("same", out var same))
        {
            if (same.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            text = LocalizedText.Same(same.GetString()!);
            return true;
        }

        if (!element.TryGetProperty("catalog", out var name) || name.ValueKind != JsonValueKind.String
            || !element.TryGetProperty("key", out var keyElement) || keyElement.ValueKind != JsonValueKind.String
            || TextCatalog.Find(name.GetString()!) is not { } catalog
            || keyElement.GetString() is not { } key
            || !Contains(catalog, key))
        {
            return false;
        }

        var arguments = new List<object?>();
        if (element.TryGetProperty("args", out var args))
        {
            if (args.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var arg in args.EnumerateArray())
            {
                if (!TryReadArgument(arg, out var value))
                {
                    return false;
                }

                arguments.Add(value);
            }
        }

        text = catalog.Of(key, [.. arguments]);
        return true;
    }

    private static bool Contains(TextCatalog catalog, string key)
    {
        try
        {
            return catalog.Contains(key);
        }
        catch (Exception exception) when (exception is MissingManifestResourceException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryReadArgument(JsonElement element, out object? value)
    {
        value = null;
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.String:
                value = element.GetString();
                return true;
            case JsonValueKind.Object:
                break;
            default:
                return false;
        }

        if (element.TryGetProperty("catalog", out _) || element.TryGetProperty("same", out _) || element.TryGetProperty("join", out _))
        {
            var read = TryReadText(element, out var text);
            value = text;
            return read;
        }

        using var properties = element.EnumerateObject();
        if (!properties.MoveNext())
        {
            return false;
        }

        var typed = properties.Current;
        var invariant = CultureInfo.InvariantCulture;
        value = typed.Name switch
        {
            "int" when typed.Value.ValueKind == JsonValueKind.Number && typed.Value.TryGetInt32(out var number) => number,
            "long" when typed.Value.ValueKind == JsonValueKind.Number && typed.Value.TryGetInt64(out var number) => number,
            "decimal" when decimal.TryParse(typed.Value.GetStringOrNull(), NumberStyles.Number, invariant, out var number) => number,
            "double" when double.TryParse(typed.Value.GetStringOrNull(), NumberStyles.Float, invariant, out var number) => number,
            "dateTimeOffset" when DateTimeOffset.TryParseExact(typed.Value.GetStringOrNull(), "O", invariant, DateTimeStyles.None, out var time) => time,
            "dateTime" when DateTime.TryParseExact(typed.Value.GetStringOrNull(), "O", invariant, DateTimeStyles.RoundtripKind, out var time) => time,
            "timeSpan" when TimeSpan.TryParseExact(typed.Value.GetStringOrNull(), "c", invariant, out var span) => span,
            _ => null,
        };
        return value is not null;
    }

    private static string? GetStringOrNull(this JsonElement element) => element.ValueKind == JsonValueKind.String ? element.GetString() : null;
}
