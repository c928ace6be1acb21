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
        var textForm = trimmed.StartsWith('{') ? null : ExchangeText(trimmed);
        var (format, key, secret, passphrase) = trimmed switch
        {
            ['{', ..] => FromJson(trimmed),
            _ when textForm is { Match: var match } => (QrPayloadFormat.ExchangeText, match.Groups[1].Value, match.Groups[2].Value, null),
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

        var summary = Summary(format, missing, passphrase is not null, exchange);
        if (exchange is not { } target || key is null || secret is null)
        {
            return new QrPayload(format, key, secret, passphrase, missing, summary);
        }

        // A code scanned on the wrong exchange's page must not read as found: say whose form it has instead.
        var descriptor = ExchangeCatalog.Get(target);
        var problem = FormProblem(descriptor, key, secret, passphrase);
        var looksLike = textForm is { Exchange: var textExchange } && textExchange != target
            ? [textExchange]
            : problem is null
                ? []
                : ExchangeCatalog.All.Where(d => d.Id != target && d.ClosedNotice is null && FormProblem(d, key, secret, passphrase) is null).Select(d => d.Id).ToList();
        if (problem is null && looksLike.Count == 0)
        {
            return new QrPayload(format, key, secret, passphrase, missing, summary);
        }

        return new QrPayload(format, key, secret, passphrase, missing, Mismatch(descriptor, looksLike, problem), fitsExchange: false, looksLike);
    }

    /// <summary>The first local format problem of the key or the secret on this exchange, or null when both fit.</summary>
    private static LocalizedText? FormProblem(ExchangeDescriptor descriptor, string key, string secret, string? passphrase) =>
        descriptor.CheckCredentials(key, secret, passphrase).Problems
            .FirstOrDefault(p => p.Field is CredentialFieldKind.ApiKey or CredentialFieldKind.Secret)?.Message;

    private static LocalizedText Mismatch(ExchangeDescriptor descriptor, IReadOnlyList<ExchangeId> looksLike, LocalizedText? problem)
    {
        var name = descriptor.DisplayName;
        if (looksLike.Count == 0)
        {
            return Texts.Of("TheQRCodeHoldsA", name, problem!);
        }

        var others = LocalizedText.Alternatives(looksLike.Select(id => ExchangeCatalog.Get(id).DisplayName));
        return Texts.Of("ThisQRCodeLooksLike", others, name);
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
            return Texts.Of("TheQRCodeDoesNot");
        }

        var found = hasPassphrase
            ? Texts.Of("FoundTheAPIKeyThe")
            : missing.Count == 0 || missing is [CredentialFieldKind.Passphrase]
                ? Texts.Of("FoundTheAPIKeyAnd")
                : Texts.Of("FoundOnlyPartOfThe");
        if (missing.Count == 0)
        {
            return found;
        }

        if (missing is [CredentialFieldKind.Passphrase] && exchange is { } id && ExchangeCatalog.Get(id).QrPassphraseNote is { } note)
        {
            return Texts.Of("FoundWithPassphraseNote", found, note);
        }

        var names = string.Join(", ", missing.Select(m => m.ToString()));
        return Texts.Of("MissingTypeIt", found, names);
    }

    private static (ExchangeId Exchange, Match Match)? ExchangeText(string text) =>
        ExchangeCatalog.All
            .Where(d => d.QrTextPattern is not null)
            .Select(d => (d.Id, Match: d.QrTextPattern!.Match(text)))
            .Where(m => m.Match.Success)
            .Select(m => ((ExchangeId, Match)?)m)
            .FirstOrDefault();

    [GeneratedRegex(@"\A([A-Za-z0-9_-]+):([A-Za-z0-9_+/=-]+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyColonSecretPattern();
}
