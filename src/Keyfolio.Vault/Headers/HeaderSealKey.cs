using System.Security.Cryptography;
using Keyfolio.Vault.Crypto;

namespace Keyfolio.Vault.Headers;

/// <summary>
/// The key that seals the vault header without the password: HKDF-SHA256 expand of the data directory's audit key
/// (<c>audit.key</c>), info <c>keyfolio/vault/header/seal/v1</c>. Its HMAC-SHA256 ends every header from format 3 on,
/// so a header changed by someone who can write the database but not read <c>audit.key</c> is refused as altered before
/// any key is derived from the password. Zeroed on dispose.
/// </summary>
internal sealed class HeaderSealKey : IDisposable
{
    public const int SealSize = 32;

    private readonly SecretBuffer _key = new(32);

    public HeaderSealKey(ReadOnlySpan<byte> auditKey)
    {
        HKDF.Expand(HashAlgorithmName.SHA256, auditKey, _key.Span, "keyfolio/vault/header/seal/v1"u8);
    }

    /// <summary>Writes the seal of <paramref name="data"/> into <paramref name="seal"/>.</summary>
    public void Seal(ReadOnlySpan<byte> data, Span<byte> seal) => HMACSHA256.HashData(_key.Span, data, seal);

    /// <summary>True when <paramref name="sealed"/> ends with the seal of everything before it (constant-time).</summary>
    public bool IsSealed(ReadOnlySpan<byte> @sealed)
    {
        if (@sealed.Length < SealSize)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[SealSize];
        Seal(@sealed[..^SealSize], expected);
        return CryptographicOperations.FixedTimeEquals(expected, @sealed[^SealSize..]);
    }

    public void Dispose() => _key.Dispose();

    public override string ToString() => "HeaderSealKey(redacted)";
}
