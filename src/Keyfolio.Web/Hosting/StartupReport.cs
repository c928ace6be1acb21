using Keyfolio.Vault.Audit;

namespace Keyfolio.Web.Hosting;

/// <summary>What the start-up check of the audit log found, for the banner every page shows while it is broken.</summary>
public sealed class StartupReport
{
    private AuditVerification? _verification;
    private string? _openFailure;

    /// <summary>The verification at start, or null before it ran or when the log could not be opened.</summary>
    public AuditVerification? Verification => Volatile.Read(ref _verification);

    /// <summary>Why the audit log could not be opened at all (its key file is missing), or null.</summary>
    public string? OpenFailure => Volatile.Read(ref _openFailure);

    internal void Verified(AuditVerification verification)
    {
        Volatile.Write(ref _verification, verification);
        Volatile.Write(ref _openFailure, null);
    }

    internal void FailedToOpen(string reason) => Volatile.Write(ref _openFailure, reason);
}
