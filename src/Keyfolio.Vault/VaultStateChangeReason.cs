namespace Keyfolio.Vault;

/// <summary>Why the vault locked or unlocked; the code of each is recorded in the audit log.</summary>
public enum VaultStateChangeReason
{
    Created,
    Unlocked,
    LockedByUser,
    IdleTimeout,
    AbsoluteTimeout,
    PasswordChanged,
    Shutdown,
}
