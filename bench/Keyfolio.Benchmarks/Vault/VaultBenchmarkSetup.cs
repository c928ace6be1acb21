using Keyfolio.Vault;
using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Credentials;

namespace Keyfolio.Benchmarks.Vault;

/// <summary>A vault over in-memory stores with its audit key and head in a temporary directory.</summary>
internal sealed class VaultBenchmarkSetup : IAsyncDisposable
{
    public const string Password = "violet-harbour-lantern-42";

    private VaultBenchmarkSetup(string directory, InMemoryVaultStore store, AuditLog audit, VaultService vault)
    {
        Directory = directory;
        Store = store;
        Audit = audit;
        Vault = vault;
    }

    public static AuditContext Actor { get; } = new("benchmark");

    public string Directory { get; }

    public InMemoryVaultStore Store { get; }

    public AuditLog Audit { get; }

    public VaultService Vault { get; }

    /// <summary>A 120-byte payload, the size of a key, a secret and a passphrase serialised together.</summary>
    public static byte[] Payload { get; } = Enumerable.Range(0, 120).Select(i => (byte)('a' + (i % 26))).ToArray();

    public static async Task<VaultBenchmarkSetup> CreateAsync(int credentials)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("keyfolio-bench-").FullName;
        var audits = new InMemoryAuditStore();
        var store = new InMemoryVaultStore(audits);
        var audit = await AuditLog.OpenAsync(directory, audits);
        var vault = new VaultService(store, audit, new VaultOptions());
        await vault.CreateAsync(Password, withRecoveryKey: true, Actor);
        for (var i = 0; i < credentials; i++)
        {
            await store.TryAddCredentialAsync(vault.Encrypt(new CredentialAddress("credential-" + i, "binance"), Payload), null, CancellationToken.None);
        }

        return new VaultBenchmarkSetup(directory, store, audit, vault);
    }

    public async ValueTask DisposeAsync()
    {
        await Vault.DisposeAsync();
        Audit.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
