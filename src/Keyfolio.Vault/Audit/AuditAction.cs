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

    /// <summary>An alert was sent to a channel, or the attempt failed: the channel and outcome, never the alert's text.</summary>
    AlertDelivery,

    /// <summary>The alert rules changed: which events are off, the thresholds, quiet hours and paused channels (nothing secret).</summary>
    AlertRulesChanged,

    /// <summary>A data directory joined the log as a node of its own, with a copy of the audit key, after verifying the whole chain.</summary>
    NodeJoined,
}
