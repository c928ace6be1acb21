using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keyfolio.Simulator;

/// <summary>
/// Reads an instant as ISO-8601 (<c>2026-01-05T00:00:00Z</c>) or relative to the load time
/// (<c>now</c>, <c>now+2d</c>, <c>now-120d</c>; units s, m, h, d), so a sample keeps a key that expires in two days.
/// </summary>
internal sealed class ConfigInstantConverter(DateTimeOffset now) : JsonConverter<DateTimeOffset?>
{
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("expected an ISO-8601 instant such as \"2026-01-05T00:00:00Z\" or a relative one such as \"now+2d\".");
        }

        var text = reader.GetString()!.Trim();
        return TryParse(text, now, out var instant)
            ? instant
            : throw new JsonException($"'{text}' is not an instant: write an ISO-8601 instant such as \"2026-01-05T00:00:00Z\" or a relative one such as \"now+2d\" or \"now-120d\" (units s, m, h, d).");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } instant)
        {
            writer.WriteStringValue(instant.ToString("O", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    internal static bool TryParse(string text, DateTimeOffset now, out DateTimeOffset instant)
    {
        if (text.Equals("now", StringComparison.OrdinalIgnoreCase))
        {
            instant = now;
            return true;
        }

        if (text.StartsWith("now", StringComparison.OrdinalIgnoreCase) && text.Length > 5 && text[3] is '+' or '-')
        {
            var sign = text[3] == '+' ? 1 : -1;
            var unit = text[^1];
            if (long.TryParse(text.AsSpan(4, text.Length - 5), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            {
                TimeSpan? step = unit switch
                {
                    's' => TimeSpan.FromSeconds(amount),
                    'm' => TimeSpan.FromMinutes(amount),
                    'h' => TimeSpan.FromHours(amount),
                    'd' => TimeSpan.FromDays(amount),
                    _ => null,
                };
                if (step is { } span)
                {
                    instant = now + (sign * span);
                    return true;
                }
            }

            instant = default;
            return false;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
    }
}
