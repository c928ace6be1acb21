using System.Globalization;
using System.Text.Json;

namespace Keyfolio.Exchanges.Parsing;

/// <summary>Reads exchange numbers, which arrive as JSON strings or numbers, always with the invariant culture.</summary>
internal static class JsonValues
{
    public static decimal Decimal(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.TryGetDecimal(out var value) ? value : decimal.Parse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture),
        JsonValueKind.String when element.GetString() is { Length: > 0 } text => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.String => 0m,
        _ => throw new FormatException($"Expected a number, found {element.ValueKind}."),
    };

    public static decimal Decimal(JsonElement parent, string property) =>
        parent.TryGetProperty(property, out var element) ? Decimal(element) : 0m;

    public static decimal? OptionalDecimal(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String when element.GetString() is not { Length: > 0 } => null,
        _ => Decimal(element),
    };

    public static long? Long(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.TryGetInt64(out var value) ? value : (long)element.GetDouble(),
        JsonValueKind.String when long.TryParse(element.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) => value,
        _ => null,
    };

    public static long? Long(JsonElement parent, string property) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(property, out var element) ? Long(element) : null;

    public static string? String(JsonElement parent, string property) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(property, out var element)
            ? element.ValueKind switch
            {
                JsonValueKind.String => element.GetString(),
                JsonValueKind.Number => element.GetRawText(),
                _ => null,
            }
            : null;

    public static bool Bool(JsonElement parent, string property) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(property, out var element) && element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.Number => element.TryGetInt32(out var number) && number != 0,
            JsonValueKind.String => element.GetString() is "true" or "1",
            _ => false,
        };

    public static DateTimeOffset? UnixMilliseconds(JsonElement parent, string property) =>
        Long(parent, property) is { } ms and > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    public static DateTimeOffset? UnixSeconds(JsonElement parent, string property) =>
        Long(parent, property) is { } seconds and > 0 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    /// <summary>Parses a body that should be JSON; <c>null</c> when it is not (an HTML error page, an empty body).</summary>
    public static JsonDocument? TryParse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
