using Keyfolio.Vault.Credentials;

namespace Keyfolio.Vault.Storage;

/// <summary>
/// The persistence the vault needs; the application implements it (on SQLite). Every write is atomic:
/// a crash mid-way leaves the previous state. The vault never hands it plaintext.
/// </summary>
public interface IVaultStore
{
    /// <summary>The header with its revision, or null when no vault was created.</summary>
    Task<VaultHeaderRecord?> ReadHeaderAsync(CancellationToken cancellationToken);

    /// <summary>Stores the first header at revision 1; false (nothing written) when a header exists.</summary>
    Task<bool> TryCreateHeaderAsync(byte[] header, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the header and increments the revision, only if the stored revision is
    /// <paramref name="expectedRevision"/>; false (nothing written) otherwise.
    /// </summary>
    Task<bool> TryReplaceHeaderAsync(long expectedRevision, byte[] header, CancellationToken cancellationToken);

    /// <summary>One credential by id, or null.</summary>
    Task<StoredCredential?> ReadCredentialAsync(string credentialId, CancellationToken cancellationToken);

    /// <summary>Every credential, streamed.</summary>
    IAsyncEnumerable<StoredCredential> ReadCredentialsAsync(CancellationToken cancellationToken);

    /// <summary>Inserts a credential; false (nothing written) when one with its id exists.</summary>
    Task<bool> TryAddCredentialAsync(StoredCredential credential, CancellationToken cancellationToken);

    /// <summary>Overwrites an existing credential; false (nothing written) when none has its id.</summary>
    Task<bool> TryReplaceCredentialAsync(StoredCredential credential, CancellationToken cancellationToken);

    /// <summary>Deletes a credential; false when none has its id.</summary>
    Task<bool> TryRemoveCredentialAsync(string credentialId, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: if the header revision is <see cref="KeyRotation.ExpectedRevision"/> and the stored
    /// credentials are exactly those listed, each still holding its <see cref="RotatedCredential.PreviousEnvelope"/>,
    /// writes every new envelope and the new header (revision + 1) and returns true; otherwise writes nothing
    /// and returns false.
    /// </summary>
    Task<bool> TryCommitRotationAsync(KeyRotation rotation, CancellationToken cancellationToken);
}
