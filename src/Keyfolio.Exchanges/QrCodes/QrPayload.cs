namespace Keyfolio.Exchanges.QrCodes;

/// <summary>
/// What a key's QR code held: the credentials found, the fields still missing and a sentence saying so. The secret and
/// passphrase are held in pinned buffers that <see cref="Dispose"/> zeroes, never as strings; <see cref="ToString"/>
/// is redacted.
/// </summary>
public sealed class QrPayload : IDisposable
{
    private readonly char[] _secret;
    private readonly char[] _passphrase;
    private bool _disposed;

    internal QrPayload(QrPayloadFormat format, string? apiKey, ReadOnlySpan<char> secret, ReadOnlySpan<char> passphrase, IReadOnlyList<CredentialFieldKind> missing, LocalizedText summary)
        : this(format, apiKey, secret, passphrase, missing, summary, fitsExchange: true, looksLike: [])
    {
    }

    internal QrPayload(QrPayloadFormat format, string? apiKey, ReadOnlySpan<char> secret, ReadOnlySpan<char> passphrase, IReadOnlyList<CredentialFieldKind> missing, LocalizedText summary, bool fitsExchange, IReadOnlyList<ExchangeId> looksLike)
    {
        FitsExchange = fitsExchange;
        LooksLike = looksLike;
        Format = format;
        ApiKey = apiKey;
        _secret = Pinned(secret);
        _passphrase = Pinned(passphrase);
        Missing = missing;
        Summary = summary;
    }

    public QrPayloadFormat Format { get; }

    public string? ApiKey { get; }

    public bool HasSecret => _secret.Length > 0;

    public bool HasPassphrase => _passphrase.Length > 0;

    /// <summary>The secret found; empty when none was.</summary>
    public ReadOnlySpan<char> Secret
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _secret;
        }
    }

    /// <summary>The passphrase found; empty when none was.</summary>
    public ReadOnlySpan<char> Passphrase
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _passphrase;
        }
    }

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

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        Array.Clear(_secret);
        Array.Clear(_passphrase);
        _disposed = true;
    }

    public override string ToString() =>
        $"QrPayload {{ Format = {Format}, ApiKey = {(ApiKey is null ? "none" : ExchangeCredentials.Mask(ApiKey))}, Secret = {(HasSecret ? "***" : "none")}, Passphrase = {(HasPassphrase ? "***" : "none")} }}";

    private static char[] Pinned(ReadOnlySpan<char> text)
    {
        var chars = GC.AllocateArray<char>(text.Length, pinned: true);
        text.CopyTo(chars);
        return chars;
    }
}
