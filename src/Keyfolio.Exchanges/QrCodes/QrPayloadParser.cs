using System.Text.RegularExpressions;

namespace Keyfolio.Exchanges.QrCodes;

/// <summary>
/// Reads the text of the QR code an exchange shows for a new key: JSON (<c>apiKey</c>/<c>key</c> and
/// <c>secretKey</c>/<c>secret</c>, optionally a passphrase), an exchange's own text form
/// (<see cref="ExchangeDescriptor.QrText"/>), or <c>key:secret</c>, and says what was found and what is still
/// missing for the exchange.
/// </summary>
public static partial class QrPayloadParser
{
    /// <summary>
    /// Reads <paramref name="text"/> (a pinned buffer the caller zeroes) without making a string of the secret or the
    /// passphrase; the caller disposes the payload, which zeroes its copies of them.
    /// </summary>
    public static QrPayload Parse(ReadOnlySpan<char> text, ExchangeId? exchange = null)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('{'))
        {
            using var json = QrJsonFields.Read(trimmed);
            return Describe(json.Format, json.Key, json.Secret, json.Passphrase, textExchange: null, exchange);
        }

        if (ExchangeText(trimmed) is var (textExchange, key, secret))
        {
            return Describe(QrPayloadFormat.ExchangeText, trimmed[key].ToString(), trimmed[secret], default, textExchange, exchange);
        }

        if (KeyColonSecretPattern().IsMatch(trimmed))
        {
            var colon = trimmed.IndexOf(':');
            return Describe(QrPayloadFormat.KeyColonSecret, trimmed[..colon].ToString(), trimmed[(colon + 1)..], default, textExchange: null, exchange);
        }

        return Describe(QrPayloadFormat.Unrecognised, null, default, default, textExchange: null, exchange);
    }

    private static QrPayload Describe(QrPayloadFormat format, string? key, ReadOnlySpan<char> secret, ReadOnlySpan<char> passphrase, ExchangeId? textExchange, ExchangeId? exchange)
    {
        var missing = new List<CredentialFieldKind>();
        if (key is null)
        {
            missing.Add(CredentialFieldKind.ApiKey);
        }

        if (secret.IsEmpty)
        {
            missing.Add(CredentialFieldKind.Secret);
        }

        if (passphrase.IsEmpty && exchange is { } id && ExchangeCatalog.Get(id).RequiresPassphrase)
        {
            missing.Add(CredentialFieldKind.Passphrase);
        }

        var summary = Summary(format, missing, !passphrase.IsEmpty, exchange);
        if (exchange is not { } target || key is null || secret.IsEmpty)
        {
            return new QrPayload(format, key, secret, passphrase, missing, summary);
        }

        // A code scanned on the wrong exchange's page must not read as found: say whose form it has instead.
        var descriptor = ExchangeCatalog.Get(target);
        var problem = FormProblem(descriptor, key, secret, passphrase);
        List<ExchangeId> looksLike = [];
        if (textExchange is { } other && other != target)
        {
            looksLike.Add(other);
        }
        else if (problem is not null)
        {
            foreach (var candidate in ExchangeCatalog.All)
            {
                if (candidate.Id != target && candidate.ClosedNotice is null && FormProblem(candidate, key, secret, passphrase) is null)
                {
                    looksLike.Add(candidate.Id);
                }
            }
        }

        if (problem is null && looksLike.Count == 0)
        {
            return new QrPayload(format, key, secret, passphrase, missing, summary);
        }

        return new QrPayload(format, key, secret, passphrase, missing, Mismatch(descriptor, looksLike, problem), fitsExchange: false, looksLike);
    }

    /// <summary>The first local format problem of the key or the secret on this exchange, or null when both fit.</summary>
    private static LocalizedText? FormProblem(ExchangeDescriptor descriptor, string key, ReadOnlySpan<char> secret, ReadOnlySpan<char> passphrase) =>
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

    private static (ExchangeId Exchange, Range Key, Range Secret)? ExchangeText(ReadOnlySpan<char> text)
    {
        foreach (var descriptor in ExchangeCatalog.All)
        {
            if (descriptor.QrText is { } form && form.TryRead(text, out var key, out var secret))
            {
                return (descriptor.Id, key, secret);
            }
        }

        return null;
    }

    [GeneratedRegex(@"\A([A-Za-z0-9_-]+):([A-Za-z0-9_+/=-]+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyColonSecretPattern();
}
