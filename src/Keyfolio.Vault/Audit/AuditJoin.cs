namespace Keyfolio.Vault.Audit;

/// <summary>
/// A data directory joined to an audit log other nodes already write (<see cref="AuditLog.JoinAsync"/>): the log, open
/// and extended from the end of the chain as verified; the verification of the whole chain; and whether the directory
/// held this key and a head already (a join run again, or one stopped after the key was installed).
/// </summary>
public sealed record AuditJoin(AuditLog Log, AuditVerification Verification, bool HadJoined);

/// <summary>Why a data directory was not joined to an audit log.</summary>
public enum AuditJoinRefusal
{
    /// <summary>The file given is not a Keyfolio audit key.</summary>
    NotAKeyFile,

    /// <summary>The log has no entries: there is no chain to check the key against, nor a node to join.</summary>
    EmptyLog,

    /// <summary>The key does not verify the log's first entries: it is another installation's key.</summary>
    KeyDoesNotMatch,

    /// <summary>The key matches but the chain is broken (<see cref="AuditJoinException.Verification"/> says where).</summary>
    ChainBroken,

    /// <summary>The data directory already holds an audit key, or a chain head, that is not the given key's.</summary>
    OtherKeyInstalled,
}

/// <summary>A data directory was not joined to an audit log; nothing was installed in it.</summary>
public sealed class AuditJoinException : Exception
{
    public AuditJoinException(AuditJoinRefusal refusal, string message, AuditVerification? verification = null)
        : base(message)
    {
        Refusal = refusal;
        Verification = verification;
    }

    public AuditJoinRefusal Refusal { get; }

    /// <summary>For <see cref="AuditJoinRefusal.ChainBroken"/>: the first problem and where it is.</summary>
    public AuditVerification? Verification { get; }
}
