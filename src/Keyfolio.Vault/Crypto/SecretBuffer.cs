using System.Security.Cryptography;

namespace Keyfolio.Vault.Crypto;

/// <summary>
/// Bytes of a secret in a pinned array (the GC never copies it elsewhere), zeroed on dispose.
/// </summary>
internal sealed class SecretBuffer : IDisposable
{
    private readonly byte[] _bytes;
    private int _disposed;

    public SecretBuffer(int length)
    {
        _bytes = GC.AllocateArray<byte>(length, pinned: true);
    }

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public Span<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            return _bytes;
        }
    }

    /// <summary>The array itself, for tests that prove it is zeroed; never exposed publicly.</summary>
    internal byte[] UnsafeArray => _bytes;

    public static SecretBuffer Random(int length)
    {
        var buffer = new SecretBuffer(length);
        RandomNumberGenerator.Fill(buffer._bytes);
        return buffer;
    }

    public static SecretBuffer CopyOf(ReadOnlySpan<byte> bytes)
    {
        var buffer = new SecretBuffer(bytes.Length);
        bytes.CopyTo(buffer._bytes);
        return buffer;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            CryptographicOperations.ZeroMemory(_bytes);
        }
    }

    public override string ToString() => $"SecretBuffer({_bytes.Length} bytes, redacted)";
}
