namespace Keyfolio.Core.Audit;

/// <summary>An exchange call was stopped, or its answer withheld, because its audit entry could not be written.</summary>
public sealed class AuditRefusedException : Exception
{
    public AuditRefusedException(string message)
        : base(message)
    {
    }

    public AuditRefusedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
