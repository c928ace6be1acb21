using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Keyfolio.Vault.Crypto;

/// <summary>
/// The associated data that binds each ciphertext to its place, so a ciphertext copied elsewhere fails
/// authentication. Fields are joined with '|', which no field may contain.
/// </summary>
internal static class AssociatedData
{
    /// <summary>Room for the longest credential associated data: two fields of 128 UTF-16 units, 3 bytes each.</summary>
    public const int MaxCredentialSize = 64 + (2 * 128 * 3);

    /// <summary>
    /// Writes <c>cred|v1|{vaultId}|{credentialId}|{exchange}</c> into <paramref name="destination"/> (at least
    /// <see cref="MaxCredentialSize"/> bytes) and returns its length; no allocation on the decrypt path.
    /// </summary>
    public static int WriteForCredential(Span<byte> destination, Guid vaultId, string credentialId, string exchange) =>
        Utf8.TryWrite(destination, CultureInfo.InvariantCulture, $"cred|v1|{vaultId:D}|{credentialId}|{exchange}", out var written)
            ? written
            : throw new ArgumentException("The credential id or exchange is too long.", nameof(destination));

    /// <summary><c>dek|v1|{vaultId}|password|{keyId}</c>: the data key as wrapped by the master password.</summary>
    public static byte[] ForPasswordWrap(Guid vaultId, uint keyId) =>
        Encoding.UTF8.GetBytes($"dek|v1|{Format(vaultId)}|password|{keyId.ToString(CultureInfo.InvariantCulture)}");

    /// <summary><c>dek|v1|{vaultId}|recovery|{keyId}</c>: the data key as wrapped for the recovery key.</summary>
    public static byte[] ForRecoveryWrap(Guid vaultId, uint keyId) =>
        Encoding.UTF8.GetBytes($"dek|v1|{Format(vaultId)}|recovery|{keyId.ToString(CultureInfo.InvariantCulture)}");

    private static string Format(Guid vaultId) => vaultId.ToString("D", CultureInfo.InvariantCulture);
}
