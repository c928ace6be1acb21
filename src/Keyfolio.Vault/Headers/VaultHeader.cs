using Keyfolio.Vault.Crypto;
using Keyfolio.Vault.Kdf;

namespace Keyfolio.Vault.Headers;

/// <summary>
/// What a vault stores to open itself: its id, the password KDF parameters and salt, the generation of the
/// data key, the data key wrapped by the password and, optionally, wrapped for the recovery key.
/// No password hash: a wrap that fails to open is a wrong password.
/// </summary>
internal sealed record VaultHeader(
    Guid VaultId,
    DateTimeOffset CreatedAt,
    KdfParameters Kdf,
    byte[] Salt,
    uint KeyId,
    WrappedKey PasswordWrap,
    RecoveryWrap? Recovery)
{
    /// <summary>The format it was read in: below <see cref="VaultHeaderCodec.CurrentVersion"/>, it is not sealed yet.</summary>
    public byte FormatVersion { get; init; } = VaultHeaderCodec.CurrentVersion;
}
