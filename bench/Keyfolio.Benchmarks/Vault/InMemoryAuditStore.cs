using System.Runtime.CompilerServices;
using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Storage;

namespace Keyfolio.Benchmarks.Vault;

/// <summary>An audit store in memory, so the benchmarks measure the chain's own cost.</summary>
internal sealed class InMemoryAuditStore : IAuditStore
{
    private readonly Lock _gate = new();
    private readonly List<AuditRecord> _records = [];

    /// <summary>Whether an entry with this sequence number is stored.</summary>
    public bool Contains(long sequence)
    {
        lock (_gate)
        {
            return sequence <= _records.Count;
        }
    }

    /// <summary>Appends an entry that follows the last one (the vault store's audited writes).</summary>
    public void Add(AuditRecord record)
    {
        if (!TryAppendAsync(record, CancellationToken.None).GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The entry does not follow the last one.");
        }
    }

    public Task<bool> TryAppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (record.Sequence != _records.Count + 1)
            {
                return Task.FromResult(false);
            }

            _records.Add(record);
            return Task.FromResult(true);
        }
    }

    public async IAsyncEnumerable<AuditRecord> ReadAsync(long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        for (var index = (int)afterSequence; index < _records.Count; index++)
        {
            yield return _records[index];
        }
    }

    public Task<AuditRecord?> ReadLastAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_records.Count == 0 ? null : _records[^1]);
        }
    }
}
