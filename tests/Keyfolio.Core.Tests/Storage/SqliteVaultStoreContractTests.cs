using Keyfolio.Core.Storage;
using Keyfolio.Vault.Storage;
using Keyfolio.Testing.Contracts;

namespace Keyfolio.Core.Tests.Storage;

/// <summary>The vault's store contract against the SQLite stores, on a real database file.</summary>
public sealed class SqliteVaultStoreContractTests : VaultStoreContract
{
    private readonly KeyfolioDatabase _database;

    public SqliteVaultStoreContractTests()
    {
        _database = new KeyfolioDatabase(DataDirectory);
        _database.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    protected override IVaultStore OpenVaultStore() => new DatabaseVaultStore(_database);

    protected override IVaultStore OpenVaultStoreCrashingAt(int step) => new CrashingVaultStore(new DatabaseVaultStore(_database), step);

    protected override IAuditStore OpenAuditStore() => new DatabaseAuditStore(_database);

    protected override IEnumerable<byte[]> ReadPersistedBytes()
    {
        SqlDialect.ReleasePooledConnections();
        return Directory.EnumerateFiles(DataDirectory).Select(ReadShared);
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
