using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Keyfolio.Vault.Credentials;
using Keyfolio.Vault.Storage;

namespace Keyfolio.Benchmarks.Vault;

/// <summary>A vault store in memory, so the benchmarks measure the vault's own cost and not a database's.</summary>
internal sealed class InMemoryVaultStore : IVaultStore
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, StoredCredential> _credentials = new(StringComparer.Ordinal);
    private VaultHeaderRecord? _header;

    public Task<VaultHeaderRecord?> ReadHeaderAsync(CancellationToken cancellationToken) => Task.FromResult(_header);

    public Task<bool> TryCreateHeaderAsync(byte[] header, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_header is not null)
            {
                return Task.FromResult(false);
            }

            _header = new VaultHeaderRecord(header, 1);
            return Task.FromResult(true);
        }
    }

    public Task<bool> TryReplaceHeaderAsync(long expectedRevision, byte[] header, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_header?.Revision != expectedRevision)
            {
                return Task.FromResult(false);
            }

            _header = new VaultHeaderRecord(header, expectedRevision + 1);
            return Task.FromResult(true);
        }
    }

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

    public Task<bool> TryAddCredentialAsync(StoredCredential credential, CancellationToken cancellationToken) =>
        Task.FromResult(_credentials.TryAdd(credential.Address.CredentialId, credential));

    public Task<bool> TryReplaceCredentialAsync(StoredCredential credential, CancellationToken cancellationToken)
    {
        var id = credential.Address.CredentialId;
        return Task.FromResult(_credentials.TryGetValue(id, out var current) && _credentials.TryUpdate(id, credential, current));
    }

    public Task<bool> TryRemoveCredentialAsync(string credentialId, CancellationToken cancellationToken) =>
        Task.FromResult(_credentials.TryRemove(credentialId, out _));

    public Task<bool> TryCommitRotationAsync(KeyRotation rotation, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_header?.Revision != rotation.ExpectedRevision || _credentials.Count != rotation.Credentials.Count)
            {
                return Task.FromResult(false);
            }

            foreach (var item in rotation.Credentials)
            {
                _credentials[item.Address.CredentialId] = new StoredCredential(item.Address, item.Envelope);
            }

            _header = new VaultHeaderRecord(rotation.Header, rotation.ExpectedRevision + 1);
            return Task.FromResult(true);
        }
    }
}
