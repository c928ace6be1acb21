using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Keyfolio.Vault.Crypto;

namespace Keyfolio.Vault.Audit;

/// <summary>
/// A short HMAC of an API key under a key derived from the audit key: identifies a key in the audit log and
/// in lists (the same key in two connections) without holding it, and cannot be reversed or brute-forced by
/// someone who has only the database.
/// </summary>
internal sealed class KeyFingerprinter : IDisposable
{
    /// <summary>Fingerprints are 64 bits, shown as 16 lowercase hex digits.</summary>
    public const int Size = 8;

    private readonly SecretBuffer _key = new(32);

    public KeyFingerprinter(ReadOnlySpan<byte> auditKey)
    {
        HKDF.Expand(HashAlgorithmName.SHA256, auditKey, _key.Span, "keyfolio/audit/fingerprint/v1"u8);
    }

    public string Of(ReadOnlySpan<byte> apiKey)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key.Span, apiKey, mac);
        return Convert.ToHexStringLower(mac[..Size]);
    }

    public string Of(ReadOnlySpan<char> apiKey)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(apiKey.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(apiKey, bytes);
            return Of(bytes.AsSpan(0, length));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    public void Dispose() => _key.Dispose();

    public override string ToString() => "KeyFingerprinter(redacted)";
}
