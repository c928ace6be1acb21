namespace Keyfolio.Exchanges.QrCodes;

/// <summary>
/// What a key's QR code held: the credentials found, the fields still missing and a sentence saying so. Holds the
/// secret as text only as long as the import form needs it; <see cref="ToString"/> is redacted.
/// </summary>
public sealed class QrPayload
{
    internal QrPayload(QrPayloadFormat format, string? apiKey, string? secret, string? passphrase, IReadOnlyList<CredentialFieldKind> missing, LocalizedText summary)
        : this(format, apiKey, secret, passphrase, missing, summary, fitsExchange: true, looksLike: [])
    {
    }

    internal QrPayload(QrPayloadFormat format, string? apiKey, string? secret, string? passphrase, IReadOnlyList<CredentialFieldKind> missing, LocalizedText summary, bool fitsExchange, IReadOnlyList<ExchangeId> looksLike)
    {
        FitsExchange = fitsExchange;
        LooksLike = looksLike;
        Format = format;
        ApiKey = apiKey;
        Secret = secret;
        Passphrase = passphrase;
        Missing = missing;
        Summary = summary;
    }

    public QrPayloadFormat Format { get; }

    public string? ApiKey { get; }

    public string? Secret { get; }

    public string? Passphrase { get; }

    /// <summary>The credentials the exchange needs that the QR code did not hold (OKX never puts the passphrase in it).</summary>
    public IReadOnlyList<CredentialFieldKind> Missing { get; }

    /// <summary>What was found and what is missing, for the person importing the key.</summary>
    public LocalizedText Summary { get; }

    /// <summary>
    /// False when the key or secret found does not have the form of the exchange it was scanned for (checked locally);
    /// then the summary says so, and never that all was found.
    /// </summary>
    public bool FitsExchange { get; }

    /// <summary>The other exchanges whose form the key and secret found do have, when they do not fit the one asked for.</summary>
    public IReadOnlyList<ExchangeId> LooksLike { get; }

    public bool IsComplete => Format != QrPayloadFormat.Unrecognised && Missing.Count == 0;

    /// <summary>Credentials from the payload, with the passphrase typed by the person when the QR code had none.</summary>
    public ExchangeCredentials ToCredentials(string? typedPassphrase = null) =>
        ApiKey is not null && Secret is not null
            ? new ExchangeCredentials(ApiKey, Secret, Passphrase ?? typedPassphrase)
            : throw new InvalidOperationException("The QR code held no API key and secret.");

    public override string ToString() =>
        $"QrPayload {{ Format = {Format}, ApiKey = {(ApiKey is null ? "none" : ExchangeCredentials.Mask(ApiKey))}, Secret = {(Secret is null ? "none" : "***")}, Passphrase = {(Passphrase is null ? "none" : "***")} }}";
}
