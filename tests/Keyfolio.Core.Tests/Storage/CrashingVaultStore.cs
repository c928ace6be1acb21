using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Credentials;
using Keyfolio.Vault.Storage;
using Keyfolio.Testing.Contracts;

namespace Keyfolio.Core.Tests.Storage;

/// <summary>
/// The SQLite vault store with a crash at write step N: every write method is one transaction, so a process killed
/// during step N leaves exactly what skipping that step leaves, the database as it was before it.
/// </summary>
internal sealed class CrashingVaultStore(IVaultStore inner, int crashAtStep) : IVaultStore
{
    private int _step;

    public Task<VaultHeaderRecord?> ReadHeaderAsync(CancellationToken cancellationToken) => inner.ReadHeaderAsync(cancellationToken);

    public Task<bool> TryCreateHeaderAsync(byte[] header, AuditRecord? audit, CancellationToken cancellationToken) =>
        Step(() => inner.TryCreateHeaderAsync(header, audit, cancellationToken));

    public Task<bool> TryReplaceHeaderAsync(long expectedRevision, byte[] header, AuditRecord? audit, CancellationToken cancellationToken) =>
        Step(() => inner.TryReplaceHeaderAsync(expectedRevision, header, audit, cancellationToken));

    public Task<StoredCredential?> ReadCredentialAsync(string credentialId, CancellationToken cancellationToken) =>
        inner.ReadCredentialAsync(credentialId, cancellationToken);

    public IAsyncEnumerable<StoredCredential> ReadCredentialsAsync(CancellationToken cancellationToken) => inner.ReadCredentialsAsync(cancellationToken);

    public Task<bool> TryAddCredentialAsync(StoredCredential credential, AuditRecord? audit, CancellationToken cancellationToken) =>
        Step(() => inner.TryAddCredentialAsync(credential, audit, cancellationToken));

    public Task<bool> TryReplaceCredentialAsync(StoredCredential credential, AuditRecord? audit, CancellationToken cancellationToken) =>
        Step(() => inner.TryReplaceCredentialAsync(credential, audit, cancellationToken));

    public Task<bool> TryRemoveCredentialAsync(string credentialId, AuditRecord? audit, CancellationToken cancellationToken) =>
        Step(() => inner.TryRemoveCredentialAsync(credentialId, audit, cancellationToken));

    public Task<bool> TryCommitRotationAsync(KeyRotation rotation, AuditRecord? audit, CancellationToken cancellationToken) =>
        Step(() => inner.TryCommitRotationAsync(rotation, audit, cancellationToken));

    private Task<bool> Step(Func<Task<bool>> write)
    {
        var step = Interlocked.Increment(ref _step);
        return step == crashAtStep ? throw new SimulatedCrashException(step) : write();
    }
}
