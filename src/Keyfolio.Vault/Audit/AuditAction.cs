namespace Keyfolio.Vault.Audit;

/// <summary>What an audit entry records. Each has a stable code (<see cref="AuditActionCodes"/>) that is stored and MACed.</summary>
public enum AuditAction
{
    VaultCreated,
    VaultUnlocked,
    UnlockFailed,
    VaultLocked,
    PasswordChanged,
    PasswordRecovered,
    KeyRotated,
    CredentialAdded,
    CredentialReplaced,
    CredentialRemoved,
    Exported,
    Imported,
    ExchangeCall,
    ChainResealed,
    KdfUpgraded,
    BackedUp,
    Restored,
    HeaderSealed,
}
