namespace Keyfolio.Vault;

/// <summary>Why a vault operation was refused; stable, so callers can map each to a message or status.</summary>
public enum VaultErrorKind
{
    /// <summary>The master password (or an export password) did not unwrap the key.</summary>
    WrongPassword,

    /// <summary>The recovery key is well formed but does not belong to this vault.</summary>
    WrongRecoveryKey,

    /// <summary>The recovery key was mistyped: wrong length, characters or check digits.</summary>
    MalformedRecoveryKey,

    /// <summary>A new password breaks the password rules; the message names the rule.</summary>
    PasswordRejected,

    /// <summary>The vault header, a credential envelope or an export file is damaged or truncated.</summary>
    Corrupted,

    /// <summary>A credential's ciphertext failed authentication: it was altered or moved to another row.</summary>
    CredentialTampered,

    /// <summary>The data was written by a newer Keyfolio in a format this version does not read.</summary>
    UnknownVersion,

    /// <summary>The key-derivation work factor is below the floor Keyfolio accepts.</summary>
    KdfBelowFloor,

    /// <summary>The operation needs the vault unlocked.</summary>
    Locked,

    /// <summary>A vault already exists in this store.</summary>
    AlreadyExists,

    /// <summary>No vault has been created in this store yet.</summary>
    NotCreated,

    /// <summary>No credential with this id is stored.</summary>
    CredentialNotFound,

    /// <summary>A credential with this id is already stored.</summary>
    CredentialExists,

    /// <summary>The vault changed underneath the operation (another process rotated or re-keyed it).</summary>
    ConcurrentChange,

    /// <summary>The audit entry the operation needs could not be written, so the operation was refused.</summary>
    AuditFailed,

    /// <summary>
    /// The vault header does not carry its seal (or its MAC under the data key): it was changed after Keyfolio wrote it.
    /// Found before any key is derived from the password, so it is never reported as a wrong password.
    /// </summary>
    HeaderAltered,
}
