using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Connections;

/// <summary>
/// An API key with its secret and, where the exchange has one, its passphrase, as a person gave them. The secret and
/// passphrase live in pinned buffers zeroed on <see cref="Dispose"/>; <see cref="ToString"/> shows only the key's last
/// four characters. Surrounding whitespace is stripped (people paste keys with stray spaces and line breaks).
/// </summary>
public sealed class KeyCredentials : IDisposable
{
    private const byte PayloadVersion = 2;

    private readonly char[] _secret;
    private readonly char[] _passphrase;
    private bool _disposed;

    public KeyCredentials(string apiKey, ReadOnlySpan<char> secret, ReadOnlySpan<char> passphrase = default)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        ApiKey = apiKey.Trim();
        _secret = Pinned(secret.Trim());
        _passphrase = Pinned(passphrase.Trim());
    }

    /// <summary>The public half of the key.</summary>
    public string ApiKey { get; }

    public bool HasPassphrase => _passphrase.Length > 0;

    /// <summary>The key's last four characters, as lists and pages show it.</summary>
    public string LastFour => ApiKey.Length <= 4 ? ApiKey : ApiKey[^4..];

    internal ReadOnlySpan<char> Secret
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _secret;
        }
    }

    internal ReadOnlySpan<char> Passphrase
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _passphrase;
        }
    }

    /// <summary>The connectors' form; the caller disposes it.</summary>
    public ExchangeCredentials ToExchangeCredentials() => new(ApiKey, Secret, Passphrase);

    /// <summary>Runs the exchange's local format rules, without any call.</summary>
    public CredentialCheck Check(ExchangeDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return descriptor.CheckCredentials(ApiKey, Secret, Passphrase);
    }

    /// <summary>
    /// The vault payload: <c>version 2 | key | secret | passphrase | exchange | region | environment | API URL</c>, each
    /// UTF-8 with a 16-bit length (an absent region or URL empty), in a pinned buffer the caller zeroes after encrypting
    /// it. The endpoint is sealed in with the key, so the key is used only where it was saved for.
    /// </summary>
    internal byte[] ToPayload(ExchangeEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var exchange = endpoint.Exchange.ToName();
        var region = endpoint.Region ?? string.Empty;
        var environment = endpoint.Environment.ToString().ToLowerInvariant();
        var url = endpoint.CustomBaseUrl?.AbsoluteUri ?? string.Empty;
        var size = 1 + FieldSize(ApiKey) + FieldSize(Secret) + FieldSize(Passphrase)
            + FieldSize(exchange) + FieldSize(region) + FieldSize(environment) + FieldSize(url);
        var payload = GC.AllocateArray<byte>(size, pinned: true);
        payload[0] = PayloadVersion;
        var offset = 1;
        offset += WriteField(ApiKey, payload.AsSpan(offset));
        offset += WriteField(Secret, payload.AsSpan(offset));
        offset += WriteField(Passphrase, payload.AsSpan(offset));
        offset += WriteField(exchange, payload.AsSpan(offset));
        offset += WriteField(region, payload.AsSpan(offset));
        offset += WriteField(environment, payload.AsSpan(offset));
        WriteField(url, payload.AsSpan(offset));
        return payload;
    }

    /// <summary>The credentials and the endpoint they were sealed with; the caller disposes the credentials.</summary>
    internal static (KeyCredentials Credentials, ExchangeEndpoint Endpoint) FromPayload(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty || payload[0] != PayloadVersion)
        {
            throw new FormatException("The stored credential was written in a format this version of Keyfolio does not read.");
        }

        var rest = payload[1..];
        var key = ReadField(ref rest);
        var secret = ReadField(ref rest);
        var passphrase = ReadField(ref rest);
        var endpoint = ReadEndpoint(ref rest);
        var secretChars = GC.AllocateArray<char>(Encoding.UTF8.GetCharCount(secret), pinned: true);
        var passphraseChars = GC.AllocateArray<char>(Encoding.UTF8.GetCharCount(passphrase), pinned: true);
        try
        {
            Encoding.UTF8.GetChars(secret, secretChars);
            Encoding.UTF8.GetChars(passphrase, passphraseChars);
            return (new KeyCredentials(Encoding.UTF8.GetString(key), secretChars, passphraseChars), endpoint);
        }
        finally
        {
            Array.Clear(secretChars);
            Array.Clear(passphraseChars);
        }
    }

    /// <summary>True when both endpoints send calls to the same place: exchange, region, environment and API URL alike.</summary>
    internal static bool SameEndpoint(ExchangeEndpoint sealedWithKey, ExchangeEndpoint stored) =>
        sealedWithKey.Exchange == stored.Exchange
        && string.Equals(sealedWithKey.Region, stored.Region, StringComparison.Ordinal)
        && sealedWithKey.Environment == stored.Environment
        && string.Equals(sealedWithKey.CustomBaseUrl?.AbsoluteUri, stored.CustomBaseUrl?.AbsoluteUri, StringComparison.Ordinal);

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
        $"KeyCredentials {{ ApiKey = ****{LastFour}, Secret = ***{(HasPassphrase ? ", Passphrase = ***" : string.Empty)} }}";

    private static char[] Pinned(ReadOnlySpan<char> text)
    {
        var chars = GC.AllocateArray<char>(text.Length, pinned: true);
        text.CopyTo(chars);
        return chars;
    }

    private static ExchangeEndpoint ReadEndpoint(ref ReadOnlySpan<byte> rest)
    {
        var exchange = Encoding.UTF8.GetString(ReadField(ref rest));
        var region = Encoding.UTF8.GetString(ReadField(ref rest));
        var environment = Encoding.UTF8.GetString(ReadField(ref rest));
        var url = Encoding.UTF8.GetString(ReadField(ref rest));
        if (!rest.IsEmpty || !ExchangeIds.TryParse(exchange, out var id)
            || !Enum.TryParse<ExchangeEnvironment>(environment, ignoreCase: true, out var parsedEnvironment) || !Enum.IsDefined(parsedEnvironment)
            || (url.Length > 0 && !Uri.TryCreate(url, UriKind.Absolute, out _)))
        {
            throw new FormatException("The stored credential names an endpoint this version of Keyfolio does not read.");
        }

        return new ExchangeEndpoint(id.Value, region.Length == 0 ? null : region, parsedEnvironment, url.Length == 0 ? null : new Uri(url));
    }

    private static int FieldSize(ReadOnlySpan<char> text) => 2 + Encoding.UTF8.GetByteCount(text);

    private static int WriteField(ReadOnlySpan<char> text, Span<byte> destination)
    {
        var length = Encoding.UTF8.GetBytes(text, destination[2..]);
        BinaryPrimitives.WriteUInt16BigEndian(destination, checked((ushort)length));
        return 2 + length;
    }

    private static ReadOnlySpan<byte> ReadField(ref ReadOnlySpan<byte> rest)
    {
        if (rest.Length < 2)
        {
            throw new FormatException("The stored credential is truncated.");
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(rest);
        if (rest.Length < 2 + length)
        {
            throw new FormatException("The stored credential is truncated.");
        }

        var field = rest.Slice(2, length);
        rest = rest[(2 + length)..];
        return field;
    }

    /// <summary>Zeroes a payload once it has been encrypted.</summary>
    internal static void Zero(byte[] payload) => CryptographicOperations.ZeroMemory(payload);

    /// <summary>The text as UTF-8 in a pinned array, for a payload the vault encrypts; <see cref="Zero"/> it after use.</summary>
    internal static byte[] Utf8Pinned(ReadOnlySpan<char> text)
    {
        var bytes = GC.AllocateArray<byte>(Encoding.UTF8.GetByteCount(text), pinned: true);
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
