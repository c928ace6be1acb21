using System.Buffers;
using System.Security.Cryptography;

namespace Keyfolio.Vault.Audit;

/// <summary>Computes chain MACs: HMAC-SHA256(audit key, previous MAC ‖ canonical entry). Not thread-safe.</summary>
internal sealed class AuditChainMac : IDisposable
{
    public const int Size = 32;

    private static readonly byte[] GenesisMac = new byte[Size];

    private readonly IncrementalHash _hmac;

    public AuditChainMac(ReadOnlySpan<byte> auditKey)
    {
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, auditKey);
    }

    /// <summary>The MAC that precedes the first entry.</summary>
    public static ReadOnlySpan<byte> Genesis => GenesisMac;

    public void Compute(ReadOnlySpan<byte> previousMac, AuditRecord record, Span<byte> mac)
    {
        var canonical = AuditCanonicalEncoding.Rent(record, out var length);
        try
        {
            _hmac.AppendData(previousMac);
            _hmac.AppendData(canonical.AsSpan(0, length));
            _hmac.GetHashAndReset(mac);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(canonical);
        }
    }

    public void Dispose() => _hmac.Dispose();
}
