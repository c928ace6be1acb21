using System.Security.Cryptography;
using System.Text;

namespace Keyfolio.Exchanges;

/// <summary>
/// An API key with its secret and, where the exchange has one, its passphrase. The secret and passphrase are held as
/// UTF-8 bytes in pinned arrays and zeroed on <see cref="Dispose"/>; <see cref="ToString"/> shows only the key's last
/// four characters. Surrounding whitespace is stripped, as people paste keys with stray spaces and line breaks.
/// </summary>
public sealed class ExchangeCredentials : IDisposable
{
    private readonly byte[] _secret;
    private readonly byte[]? _passphrase;
    private bool _disposed;

    public ExchangeCredentials(string apiKey, ReadOnlySpan<char> secret, ReadOnlySpan<char> passphrase = default)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        ApiKey = apiKey.Trim();
        _secret = ToPinnedUtf8(secret.Trim());
        var trimmedPassphrase = passphrase.Trim();
        _passphrase = trimmedPassphrase.IsEmpty ? null : ToPinnedUtf8(trimmedPassphrase);
    }

    /// <summary>The public half of the key, as the exchange shows it.</summary>
    public string ApiKey { get; }

    public bool HasPassphrase => _passphrase is not null;

    /// <summary>The key as it may appear in logs and pages: its last four characters.</summary>
    public string MaskedApiKey => Mask(ApiKey);

    /// <summary>The secret's UTF-8 bytes: the HMAC key of every exchange here.</summary>
    internal ReadOnlySpan<byte> Secret
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _secret;
        }
    }

    internal ReadOnlySpan<byte> Passphrase
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _passphrase;
        }
    }

    /// <summary>The passphrase as a string, for the one header that carries it; keep the result short-lived.</summary>
    internal string PassphraseText() => Encoding.UTF8.GetString(Passphrase);


    /// <summary>
    /// Hands the key, secret and passphrase to <paramref name="read"/> for as long as it runs — to encrypt them for
    /// storage, say — and zeroes the characters it was given afterwards.
    /// </summary>
    public TResult Reveal<TResult>(CredentialsReader<TResult> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var secret = ToPinnedChars(Secret);
        var passphrase = ToPinnedChars(Passphrase);
        try
        {
            return read(ApiKey, secret, passphrase);
        }
        finally
        {
            Array.Clear(secret);
            Array.Clear(passphrase);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        CryptographicOperations.ZeroMemory(_secret);
        if (_passphrase is not null)
        {
            CryptographicOperations.ZeroMemory(_passphrase);
        }

        _disposed = true;
    }

    public override string ToString() =>
        $"ExchangeCredentials {{ ApiKey = {MaskedApiKey}, Secret = ***{(HasPassphrase ? ", Passphrase = ***" : string.Empty)} }}";

    internal static string Mask(string apiKey) =>
        apiKey.Length <= 8 ? "****" : string.Concat("****", apiKey.AsSpan(apiKey.Length - 4));

    private static char[] ToPinnedChars(ReadOnlySpan<byte> utf8)
    {
        var chars = GC.AllocateArray<char>(Encoding.UTF8.GetCharCount(utf8), pinned: true);
        Encoding.UTF8.GetChars(utf8, chars);
        return chars;
    }

    private static byte[] ToPinnedUtf8(ReadOnlySpan<char> text)
    {
        var bytes = GC.AllocateArray<byte>(Encoding.UTF8.GetByteCount(text), pinned: true);
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
