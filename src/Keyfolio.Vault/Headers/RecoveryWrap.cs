using Keyfolio.Vault.Crypto;

namespace Keyfolio.Vault.Headers;

/// <summary>
/// The data key encrypted to the recovery key's public key: the ephemeral public key of the key agreement
/// and the AES-GCM wrap it keyed. Uncompressed P-256 points (0x04 ‖ X ‖ Y).
/// </summary>
internal sealed record RecoveryWrap(byte[] RecoveryPublicKey, byte[] EphemeralPublicKey, WrappedKey WrappedDek)
{
    public const int PublicKeySize = 65;
    public const int EncodedSize = PublicKeySize + PublicKeySize + WrappedKey.EncodedSize;
}
