namespace Keyfolio.Vault.Kdf;

/// <summary>Key-derivation functions a header can name; the byte value is stored.</summary>
public enum KdfAlgorithm : byte
{
    /// <summary>What vaults and exports written before Argon2id use; opened, and upgraded on the next unlock.</summary>
    Pbkdf2HmacSha256 = 1,

    /// <summary>Argon2id (RFC 9106), memory-hard: what every new vault and export uses.</summary>
    Argon2id = 2,
}
