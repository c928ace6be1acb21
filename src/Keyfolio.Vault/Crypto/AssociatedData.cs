using System.Globalization;
using System.Text;

namespace Keyfolio.Vault.Crypto;

/// <summary>
/// The associated data that binds each ciphertext to its place, so a ciphertext copied elsewhere fails
/// authentication. Fields are joined with '|', which no field may contain.
/// </summary>
internal static class AssociatedData
{
    /// <summary><c>cred|v1|{vaultId}|{credentialId}|{exchange}</c>.</summary>
    public static byte[] ForCredential(Guid vaultId, string credentialId, string exchange) =>
        Encoding.UTF8.GetBytes($"cred|v1|{Format(vaultId)}|{credentialId}|{exchange}");

    /// <summary><c>dek|v1|{vaultId}|password|{keyId}</c>: the data key as wrapped by the master password.</summary>
    public static byte[] ForPasswordWrap(Guid vaultId, uint keyId) =>
        Encoding.UTF8.GetBytes($"dek|v1|{Format(vaultId)}|password|{keyId.ToString(CultureInfo.InvariantCulture)}");

    /// <summary><c>dek|v1|{vaultId}|recovery|{keyId}</c>: the data key as wrapped for the recovery key.</summary>
    public static byte[] ForRecoveryWrap(Guid vaultId, uint keyId) =>
        Encoding.UTF8.GetBytes($"dek|v1|{Format(vaultId)}|recovery|{keyId.ToString(CultureInfo.InvariantCulture)}");

    private static string Format(Guid vaultId) => vaultId.ToString("D", CultureInfo.InvariantCulture);
}
