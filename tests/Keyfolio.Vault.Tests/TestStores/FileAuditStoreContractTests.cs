using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Storage;
using Keyfolio.Testing.Contracts;

namespace Keyfolio.Vault.Tests.TestStores;

/// <summary>The audit store contract against the file-backed test store, tampered with by rewriting its file.</summary>
public sealed class FileAuditStoreContractTests : AuditStoreContract
{
    private FileAuditStore Store => new(Path.Combine(DataDirectory, "audit-entries.jsonl"));

    protected override IAuditStore OpenAuditStore() => Store;

    protected override Task EditEntryAsync(long sequence, Func<AuditRecord, AuditRecord> edit)
    {
        Store.Rewrite(records => records.Select(record => record.Sequence == sequence ? edit(record) : record));
        return Task.CompletedTask;
    }

    protected override Task DeleteEntryAsync(long sequence)
    {
        Store.Rewrite(records => records.Where(record => record.Sequence != sequence));
        return Task.CompletedTask;
    }

    protected override Task SwapEntriesAsync(long first, long second)
    {
        Store.Rewrite(records => records.Select(record =>
            record.Sequence == first ? record with { Sequence = second }
            : record.Sequence == second ? record with { Sequence = first }
            : record));
        return Task.CompletedTask;
    }

    protected override Task TruncateAsync(long keep)
    {
        Store.Rewrite(records => records.Where(record => record.Sequence <= keep));
        return Task.CompletedTask;
    }
}
