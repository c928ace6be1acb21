namespace Keyfolio.Core;

/// <summary>Why the core refused or could not do something; stable, so the command line maps each to an exit code
/// and the web app to an HTTP status.</summary>
public enum CoreErrorKind
{
    /// <summary>An input is malformed (a credential's format, a label, a URL); <see cref="CoreError.Field"/> names it.</summary>
    BadInput,

    /// <summary>No vault exists yet in the data directory.</summary>
    VaultMissing,

    /// <summary>A vault already exists in the data directory.</summary>
    VaultExists,

    /// <summary>The vault is locked, so no credential can be used.</summary>
    VaultLocked,

    /// <summary>The master or export password is wrong.</summary>
    WrongPassword,

    /// <summary>A new password breaks the password rules.</summary>
    PasswordRejected,

    /// <summary>Stored data is damaged or was tampered with.</summary>
    Corrupted,

    /// <summary>No active connection has that label.</summary>
    ConnectionNotFound,

    /// <summary>Another active connection already has that label.</summary>
    DuplicateLabel,

    /// <summary>Another active connection already uses that API key.</summary>
    DuplicateKey,

    /// <summary>The key can withdraw, and Keyfolio refuses such keys unless overridden.</summary>
    WithdrawalRefused,

    /// <summary>The exchange refused the key; <see cref="CoreError.Diagnosis"/> says why.</summary>
    VerificationFailed,

    /// <summary>The exchange or the network did not answer usefully; nothing was changed.</summary>
    ExchangeUnavailable,

    /// <summary>A manual refresh came too soon after the previous one.</summary>
    CooldownActive,

    /// <summary>The audit log could not record the action, so it was refused.</summary>
    AuditFailed,

    /// <summary>Something changed underneath the operation (another process); nothing was changed.</summary>
    Conflict,

    /// <summary>
    /// The vault header was changed after Keyfolio wrote it (it fails its seal or its MAC); found before any password is
    /// tried, so it is never a wrong password.
    /// </summary>
    VaultHeaderAltered,
}
