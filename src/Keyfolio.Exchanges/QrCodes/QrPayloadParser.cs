using System.Text.Json;
using System.Text.RegularExpressions;

namespace Keyfolio.Exchanges.QrCodes;

/// <summary>
/// Reads the text of the QR code an exchange shows for a new key: JSON (<c>apiKey</c>/<c>key</c> and
/// <c>secretKey</c>/<c>secret</c>, optionally a passphrase), an exchange's own text form
/// (<see cref="ExchangeDescriptor.QrTextPattern"/>), or <c>key:secret</c>, and says what was found and what is still
/// missing for the exchange.
/// </summary>
public static partial class QrPayloadParser
{
    private static readonly string[] KeyNames = ["apiKey", "key", "api_key", "accessKey", "access_key"];
    private static readonly string[] SecretNames = ["secretKey", "secret", "apiSecret", "secret_key", "api_secret"];
    private static readonly string[] PassphraseNames = ["passphrase", "passPhrase", "password"];

    public static QrPayload Parse(string? text, ExchangeId? exchange = null)
    {
        var trimmed = (text ?? string.Empty).Trim();
        var (format, key, secret, passphrase) = trimmed switch
        {
            ['{', ..] => FromJson(trimmed),
            _ when ExchangeText(trimmed) is { Success: true } match => (QrPayloadFormat.ExchangeText, match.Groups[1].Value, match.Groups[2].Value, null),
            _ when KeyColonSecretPattern().Match(trimmed) is { Success: true } match => (QrPayloadFormat.KeyColonSecret, match.Groups[1].Value, match.Groups[2].Value, null),
            _ => (QrPayloadFormat.Unrecognised, null, null, null),
        };

        var missing = new List<CredentialFieldKind>();
        if (key is null)
        {
            missing.Add(CredentialFieldKind.ApiKey);
        }

        if (secret is null)
        {
            missing.Add(CredentialFieldKind.Secret);
        }

        if (passphrase is null && exchange is { } id && ExchangeCatalog.Get(id).RequiresPassphrase)
        {
            missing.Add(CredentialFieldKind.Passphrase);
        }

        return new QrPayload(format, key, secret, passphrase, missing, Summary(format, missing, passphrase is not null, exchange));
    }

    private static (QrPayloadFormat, string?, string?, string?) FromJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (QrPayloadFormat.Unrecognised, null, null, null);
            }

            var key = First(document.RootElement, KeyNames);
            var secret = First(document.RootElement, SecretNames);
            var passphrase = First(document.RootElement, PassphraseNames);
            return key is null && secret is null
                ? (QrPayloadFormat.Unrecognised, null, null, null)
                : (QrPayloadFormat.Json, key, secret, passphrase);
        }
        catch (JsonException)
        {
            return (QrPayloadFormat.Unrecognised, null, null, null);
        }
    }

    private static string? First(JsonElement root, string[] names)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (names.Contains(property.Name, StringComparer.OrdinalIgnoreCase)
                && property.Value.ValueKind == JsonValueKind.String
                && property.Value.GetString()?.Trim() is { Length: > 0 } value)
            {
                return value;
            }
        }

        return null;
    }

    private static LocalizedText Summary(QrPayloadFormat format, List<CredentialFieldKind> missing, bool hasPassphrase, ExchangeId? exchange)
    {
        if (format == QrPayloadFormat.Unrecognised)
        {
            return new("The QR code does not hold an API key and secret in a form Keyfolio knows; type them instead.",
                "二维码中没有 Keyfolio 可识别格式的 API Key 和 Secret；请手动输入。");
        }

        var found = hasPassphrase
            ? new LocalizedText("Found the API key, the secret and the passphrase.", "已识别 API Key、Secret 和密码短语。")
            : missing.Count == 0 || missing is [CredentialFieldKind.Passphrase]
                ? new LocalizedText("Found the API key and the secret.", "已识别 API Key 和 Secret。")
                : new LocalizedText("Found only part of the credentials.", "只识别出部分凭证。");
        if (missing.Count == 0)
        {
            return found;
        }

        if (missing is [CredentialFieldKind.Passphrase] && exchange is { } id && ExchangeCatalog.Get(id).QrPassphraseNote is { } note)
        {
            return new(found.En + " " + note.En, found.Zh + note.Zh);
        }

        var names = string.Join(", ", missing.Select(m => m.ToString()));
        return new(found.En + $" Missing: {names}; type it.", found.Zh + $"缺少：{names}；请手动输入。");
    }

    private static Match? ExchangeText(string text) =>
        ExchangeCatalog.All
            .Where(d => d.QrTextPattern is not null)
            .Select(d => d.QrTextPattern!.Match(text))
            .FirstOrDefault(m => m.Success);

    [GeneratedRegex(@"\A([A-Za-z0-9_-]+):([A-Za-z0-9_+/=-]+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyColonSecretPattern();
}
