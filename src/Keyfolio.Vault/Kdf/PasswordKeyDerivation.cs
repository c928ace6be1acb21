using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Keyfolio.Vault.Kdf;

/// <summary>
/// Turns a password into a 256-bit key: Argon2id (libsodium, through NSec) or, for what earlier versions wrote,
/// PBKDF2-HMAC-SHA256 to a master key, then HKDF-SHA256 expand with a purpose label, so the same password and salt
/// never yield the same key for two purposes.
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
        ReadOnlySpan<char> normalizedPassword,
        ReadOnlySpan<byte> salt,
        KdfParameters parameters,
        ReadOnlySpan<byte> purpose,
        Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (salt.Length != parameters.SaltSize)
        {
            throw new ArgumentException("The salt does not have the size this key derivation uses.", nameof(salt));
        }

        var passwordBytes = GC.AllocateUninitializedArray<byte>(Encoding.UTF8.GetByteCount(normalizedPassword), pinned: true);
        Span<byte> masterKey = stackalloc byte[KeySize];
        try
        {
            Encoding.UTF8.GetBytes(normalizedPassword, passwordBytes);
            switch (parameters.Algorithm)
            {
                case KdfAlgorithm.Argon2id:
                    var argon2id = PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
                    {
                        DegreeOfParallelism = parameters.Parallelism,
                        MemorySize = parameters.MemoryKiB,
                        NumberOfPasses = parameters.Iterations,
                    });
                    argon2id.DeriveBytes(passwordBytes, salt, masterKey);
                    break;
                case KdfAlgorithm.Pbkdf2HmacSha256:
                    Rfc2898DeriveBytes.Pbkdf2(passwordBytes, salt, masterKey, parameters.Iterations, HashAlgorithmName.SHA256);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(parameters), parameters.Algorithm, "Unknown key-derivation function.");
            }

            HKDF.Expand(HashAlgorithmName.SHA256, masterKey, destination, purpose);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordBytes);
            CryptographicOperations.ZeroMemory(masterKey);
        }
    }
}
