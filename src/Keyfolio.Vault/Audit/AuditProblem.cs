namespace Keyfolio.Vault.Audit;

/// <summary>What verification found wrong with the audit chain.</summary>
public enum AuditProblem
{
    /// <summary>An entry's MAC does not match: it was edited, replaced, inserted or moved.</summary>
    EntryAltered,

    /// <summary>A sequence number is skipped: entries were deleted.</summary>
    EntryMissing,

    /// <summary>A sequence number repeats or goes backwards: entries were reordered or duplicated.</summary>
    OutOfOrder,

    /// <summary>The log holds fewer entries than the chain head recorded: entries were cut from the end.</summary>
    Truncated,

    /// <summary>The entry the chain head points at is not the one it recorded: the end was rewritten.</summary>
    TailReplaced,

    /// <summary>The chain head file is damaged or was edited.</summary>
    HeadDamaged,

    /// <summary>The log has entries but the chain head file is gone.</summary>
    HeadMissing,

    /// <summary>The audit key file was replaced by another key.</summary>
    KeyReplaced,

    /// <summary>The log has entries but the audit key file is gone.</summary>
    KeyMissing,

    /// <summary>An entry could not be written.</summary>
    WriteFailed,
}
