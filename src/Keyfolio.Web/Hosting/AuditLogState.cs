using Keyfolio.Vault.Audit;

namespace Keyfolio.Web.Hosting;

/// <summary>
/// What the latest full check of the audit log found — at start, and each time it is verified since — for the banner
/// every page shows while the log is broken.
/// </summary>
public sealed class AuditLogState
{
    private AuditVerification? _verification;
    private string? _openFailure;

    /// <summary>The latest verification, or null before one ran or when the log could not be opened.</summary>
    public AuditVerification? LastVerification => Volatile.Read(ref _verification);

    /// <summary>Why the audit log could not be opened at all (its key file is missing), or null.</summary>
    public string? OpenFailure => Volatile.Read(ref _openFailure);

    /// <summary>What is wrong with the log, in the vault's words, or null while it is intact.</summary>
    public string? Problem(AuditVerification? blockedBy) =>
        blockedBy?.Summary ?? OpenFailure ?? (LastVerification is { IsIntact: false } broken ? broken.Summary : null);

    public void Verified(AuditVerification verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        Volatile.Write(ref _verification, verification);
        Volatile.Write(ref _openFailure, null);
    }

    internal void FailedToOpen(string reason) => Volatile.Write(ref _openFailure, reason);
}
