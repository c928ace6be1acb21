using Keyfolio.Vault.Audit;

namespace Keyfolio.Vault.Storage;

/// <summary>
/// Where the audit entries live; the application implements it. Entries are stored exactly as given (times
/// to the microsecond) so their MACs verify when read back. The chain head is kept elsewhere by the vault.
/// </summary>
public interface IAuditStore
{
    /// <summary>Appends durably; false (nothing written) when an entry with that sequence number exists.</summary>
    Task<bool> TryAppendAsync(AuditRecord record, CancellationToken cancellationToken);

    /// <summary>The entries with a sequence number above <paramref name="afterSequence"/>, in ascending order.</summary>
    IAsyncEnumerable<AuditRecord> ReadAsync(long afterSequence, CancellationToken cancellationToken);

    /// <summary>The entry with the highest sequence number, or null when the log is empty.</summary>
    Task<AuditRecord?> ReadLastAsync(CancellationToken cancellationToken);
}
