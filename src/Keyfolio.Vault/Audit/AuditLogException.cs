namespace Keyfolio.Vault.Audit;

/// <summary>
/// The audit log cannot record an entry (a write failed, or the chain failed verification and must not be
/// extended). Whatever action needed the entry must be refused.
/// </summary>
public sealed class AuditLogException : Exception
{
    public AuditLogException(AuditProblem problem, string message)
        : base(message) => Problem = problem;

    public AuditLogException(AuditProblem problem, string message, Exception? innerException)
        : base(message, innerException) => Problem = problem;

    public AuditProblem Problem { get; }
}
