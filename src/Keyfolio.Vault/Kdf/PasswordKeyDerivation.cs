using System.Security.Cryptography;
using System.Text;

namespace Keyfolio.Vault.Kdf;

/// <summary>
/// Turns a password into a 256-bit key: PBKDF2-HMAC-SHA256 to a master key, then HKDF-SHA256 expand with a
/// purpose label, so the same password and salt never yield the same key for two purposes.
/// </summary>
internal static class PasswordKeyDerivation
{
    public const int KeySize = 32;

    /// <summary>HKDF label of the vault's key-encryption key.</summary>
    public static ReadOnlySpan<byte> VaultKekInfo => "keyfolio/vault/kek/v1"u8;

    /// <summary>HKDF label of an export file's key.</summary>
    public static ReadOnlySpan<byte> ExportKeyInfo => "keyfolio/export/key/v1"u8;

    /// <summary>Derives <paramref name="destination"/> from an already-normalised password.</summary>
    public static void DeriveKey(
        string normalizedPassword,
        ReadOnlySpan<byte> salt,
        Pbkdf2Parameters parameters,
        ReadOnlySpan<byte> purpose,
        Span<byte> destination)
    {
        var passwordBytes = GC.AllocateUninitializedArray<byte>(Encoding.UTF8.GetByteCount(normalizedPassword), pinned: true);
        Span<byte> masterKey = stackalloc byte[KeySize];
        try
        {
            Encoding.UTF8.GetBytes(normalizedPassword, passwordBytes);
            Rfc2898DeriveBytes.Pbkdf2(passwordBytes, salt, masterKey, parameters.Iterations, HashAlgorithmName.SHA256);
            HKDF.Expand(HashAlgorithmName.SHA256, masterKey, destination, purpose);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordBytes);
            CryptographicOperations.ZeroMemory(masterKey);
        }
    }
}
