namespace Keyfolio.Vault.Kdf;

/// <summary>Key-derivation functions a header can name; the byte value is stored.</summary>
public enum KdfAlgorithm : byte
{
    Pbkdf2HmacSha256 = 1,
}
