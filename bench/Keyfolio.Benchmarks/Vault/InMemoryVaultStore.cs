using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Credentials;
using Keyfolio.Vault.Storage;

namespace Keyfolio.Benchmarks.Vault;

/// <summary>A vault store in memory, so the benchmarks measure the vault's own cost and not a database's. A write's audit
/// entry goes to <paramref name="audits"/> under the same lock.</summary>
internal sealed class InMemoryVaultStore(InMemoryAuditStore audits) : IVaultStore
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, StoredCredential> _credentials = new(StringComparer.Ordinal);
    private VaultHeaderRecord? _header;

    public Task<VaultHeaderRecord?> ReadHeaderAsync(CancellationToken cancellationToken) => Task.FromResult(_header);

    public Task<bool> TryCreateHeaderAsync(byte[] header, AuditRecord? audit, CancellationToken cancellationToken) => Audited(audit, () =>
    {
        if (_header is not null)
        {
            return false;
        }

        _header = new VaultHeaderRecord(header, 1);
        return true;
    });

    public Task<bool> TryReplaceHeaderAsync(long expectedRevision, byte[] header, AuditRecord? audit, CancellationToken cancellationToken) => Audited(audit, () =>
    {
        if (_header?.Revision != expectedRevision)
        {
            return false;
        }

        _header = new VaultHeaderRecord(header, expectedRevision + 1);
        return true;
    });

    public Task<StoredCredential?> ReadCredentialAsync(string credentialId, CancellationToken cancellationToken) =>
        Task.FromResult(_credentials.GetValueOrDefault(credentialId));

    public async IAsyncEnumerable<StoredCredential> ReadCredentialsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var credential in _credentials.Values)
        {
            yield return credential;
        }
    }

    public Task<bool> TryAddCredentialAsync(StoredCredential credential, AuditRecord? audit, CancellationToken cancellationToken) =>
        Audited(audit, () => _credentials.TryAdd(credential.Address.CredentialId, credential));

    public Task<bool> TryReplaceCredentialAsync(StoredCredential credential, AuditRecord? audit, CancellationToken cancellationToken)
    {
        var id = credential.Address.CredentialId;
        return Audited(audit, () => _credentials.TryGetValue(id, out var current) && _credentials.TryUpdate(id, credential, current));
    }

    public Task<bool> TryRemoveCredentialAsync(string credentialId, AuditRecord? audit, CancellationToken cancellationToken) =>
        Audited(audit, () => _credentials.TryRemove(credentialId, out _));

    public Task<bool> TryCommitRotationAsync(KeyRotation rotation, AuditRecord? audit, CancellationToken cancellationToken) => Audited(audit, () =>
    {
        if (_header?.Revision != rotation.ExpectedRevision || _credentials.Count != rotation.Credentials.Count)
        {
            return false;
        }

        foreach (var item in rotation.Credentials)
        {
            _credentials[item.Address.CredentialId] = new StoredCredential(item.Address, item.Envelope);
        }

        _header = new VaultHeaderRecord(rotation.Header, rotation.ExpectedRevision + 1);
        return true;
    });

    private Task<bool> Audited(AuditRecord? audit, Func<bool> change)
    {
        lock (_gate)
        {
            if (audit is not null && audits.Contains(audit.Sequence))
            {
                return Task.FromResult(false);
            }

            var changed = change();
            if (changed && audit is not null)
            {
                audits.Add(audit);
            }

            return Task.FromResult(changed);
        }
    }
}
