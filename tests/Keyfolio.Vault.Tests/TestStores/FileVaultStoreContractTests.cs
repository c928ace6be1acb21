using Keyfolio.Vault.Storage;
using Keyfolio.Testing.Contracts;

namespace Keyfolio.Vault.Tests.TestStores;

/// <summary>The vault store contract against the file-backed test store, on real files.</summary>
public sealed class FileVaultStoreContractTests : VaultStoreContract
{
    private string StorePath => Path.Combine(DataDirectory, "vault-store.json");

    private string AuditPath => Path.Combine(DataDirectory, "audit-entries.jsonl");

    protected override IVaultStore OpenVaultStore() => new FileVaultStore(StorePath, audits: new FileAuditStore(AuditPath));

    protected override IVaultStore OpenVaultStoreCrashingAt(int step) => new FileVaultStore(StorePath, step, new FileAuditStore(AuditPath));

    protected override IAuditStore OpenAuditStore() => new FileAuditStore(AuditPath);

    protected override IEnumerable<byte[]> ReadPersistedBytes() =>
        Directory.EnumerateFiles(DataDirectory).Select(File.ReadAllBytes);
}
