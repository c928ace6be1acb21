namespace Keyfolio.Vault;

/// <summary>
/// Raised after the vault locks or unlocks. <see cref="AuditRecorded"/> is false when a lock could not be
/// audited (locking always happens; the caller may want to log that).
/// </summary>
public sealed class VaultStateChangedEventArgs(VaultState state, VaultStateChangeReason reason, bool auditRecorded) : EventArgs
{
    public VaultState State { get; } = state;

    public VaultStateChangeReason Reason { get; } = reason;

    public bool AuditRecorded { get; } = auditRecorded;
}
