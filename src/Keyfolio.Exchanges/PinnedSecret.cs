using System.Security.Cryptography;
using System.Text;

namespace Keyfolio.Exchanges;

/// <summary>A secret as UTF-8 bytes in a pinned array, zeroed on <see cref="Dispose"/>; it prints as <c>***</c>.</summary>
internal sealed class PinnedSecret : IDisposable
{
    private readonly byte[] _bytes;
    private bool _disposed;

    public PinnedSecret(ReadOnlySpan<char> text)
    {
        _bytes = GC.AllocateArray<byte>(Encoding.UTF8.GetByteCount(text), pinned: true);
        Encoding.UTF8.GetBytes(text, _bytes);
    }

    public ReadOnlySpan<byte> Utf8
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _bytes;
        }
    }

    public bool IsEmpty => _bytes.Length == 0;

    /// <summary>The secret as a string, for the one header or comparison that needs it; keep the result short-lived.</summary>
    public string Text() => Encoding.UTF8.GetString(Utf8);

    /// <summary>The text with every occurrence of this secret replaced by <c>***</c>: an answer may echo a request.</summary>
    public string RedactFrom(string text) => SecretRedaction.Redact(text, Utf8);

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_bytes);
        _disposed = true;
    }

    public override string ToString() => "***";
}
