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
            return new(
                $"The QR code holds a key and a secret, but not in {name}'s form: {problem!.En}",
                $"二维码中有 Key 和 Secret，但不符合 {name} 的格式：{problem!.Zh}");
        }

        var others = string.Join(" or ", looksLike.Select(id => ExchangeCatalog.Get(id).DisplayName));
        var othersZh = string.Join(" 或 ", looksLike.Select(id => ExchangeCatalog.Get(id).DisplayName));
        return new(
            $"This QR code looks like a key from {others}, not from {name}. Scan the code {name} shows when it creates the key, or add this key under {others}.",
            $"此二维码看起来是 {othersZh} 的密钥，而不是 {name} 的密钥。请扫描 {name} 创建密钥时显示的二维码，或在 {othersZh} 下添加此密钥。");
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
