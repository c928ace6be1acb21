using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Credentials;

namespace Keyfolio.Vault.Storage;

/// <summary>
/// The persistence the vault needs; the application implements it (on SQLite). Every write is atomic:
/// a crash mid-way leaves the previous state. The vault never hands it plaintext.
/// Every write takes the audit entry that records it (<c>audit</c>, sealed by <see cref="Audit.AuditLog"/>): when given,
/// the store appends it to the audit store in the same transaction as the change, so the change and its entry are
/// written together or not at all; the write is then refused (false, nothing written) also when an entry with that
/// sequence number exists. Null writes the change alone (tests of the store itself).
/// </summary>
public interface IVaultStore
{
    /// <summary>The header with its revision, or null when no vault was created.</summary>
    Task<VaultHeaderRecord?> ReadHeaderAsync(CancellationToken cancellationToken);

    /// <summary>Stores the first header at revision 1; false (nothing written) when a header exists.</summary>
    Task<bool> TryCreateHeaderAsync(byte[] header, AuditRecord? audit, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the header and increments the revision, only if the stored revision is
    /// <paramref name="expectedRevision"/>; false (nothing written) otherwise.
    /// </summary>
    Task<bool> TryReplaceHeaderAsync(long expectedRevision, byte[] header, AuditRecord? audit, CancellationToken cancellationToken);

    /// <summary>One credential by id, or null.</summary>
    Task<StoredCredential?> ReadCredentialAsync(string credentialId, CancellationToken cancellationToken);

    /// <summary>Every credential, streamed.</summary>
    IAsyncEnumerable<StoredCredential> ReadCredentialsAsync(CancellationToken cancellationToken);

    /// <summary>Inserts a credential; false (nothing written) when one with its id exists.</summary>
    Task<bool> TryAddCredentialAsync(StoredCredential credential, AuditRecord? audit, CancellationToken cancellationToken);

    /// <summary>Overwrites an existing credential; false (nothing written) when none has its id.</summary>
    Task<bool> TryReplaceCredentialAsync(StoredCredential credential, AuditRecord? audit, CancellationToken cancellationToken);

    /// <summary>Deletes a credential; false when none has its id.</summary>
    Task<bool> TryRemoveCredentialAsync(string credentialId, AuditRecord? audit, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: if the header revision is <see cref="KeyRotation.ExpectedRevision"/> and the stored
    /// credentials are exactly those listed, each still holding its <see cref="RotatedCredential.PreviousEnvelope"/>,
    /// writes every new envelope and the new header (revision + 1) and returns true; otherwise writes nothing
    /// and returns false.
    /// </summary>
    Task<bool> TryCommitRotationAsync(KeyRotation rotation, AuditRecord? audit, CancellationToken cancellationToken);
}
