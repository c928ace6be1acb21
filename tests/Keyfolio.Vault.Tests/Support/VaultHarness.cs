using Keyfolio.Testing;
using Keyfolio.Vault.Audit;
using Keyfolio.Vault.Kdf;
using Keyfolio.Vault.Tests.TestStores;

namespace Keyfolio.Vault.Tests.Support;

/// <summary>
/// A vault on real files in a fresh directory (file-backed stores, a real audit key and head), on a manual
/// clock, at the KDF floor so tests stay quick without going below what a vault accepts.
/// </summary>
internal sealed class VaultHarness : IAsyncDisposable
{
    public const string Password = "violet-harbour-lantern-42";
    public const string NewPassword = "granite-meadow-compass-17";

    private readonly List<IDisposable> _opened = [];

    private VaultHarness(string directory, ManualTimeProvider time, VaultOptions options)
    {
        Directory = directory;
        Time = time;
        Options = options;
        AuditStore = new FileAuditStore(Path.Combine(directory, "audit-entries.jsonl"));
        VaultStore = new FileVaultStore(Path.Combine(directory, "vault-store.json"), audits: AuditStore);
    }

    public static AuditContext Actor { get; } = new("test");

    public string Directory { get; }

    public ManualTimeProvider Time { get; }

    public VaultOptions Options { get; }

    public FileVaultStore VaultStore { get; }

    public FileAuditStore AuditStore { get; }

    public AuditLog Audit { get; private set; } = null!;

    public VaultService Vault { get; private set; } = null!;

    public static async Task<VaultHarness> StartAsync(Action<VaultOptions>? configure = null)
    {
        var options = new VaultOptions { Kdf = KdfParameters.Floor };
        configure?.Invoke(options);
        var harness = new VaultHarness(System.IO.Directory.CreateTempSubdirectory("keyfolio-vault-test-").FullName, new ManualTimeProvider(), options);
        await harness.ReopenAsync();
        return harness;
    }

    /// <summary>A new audit log and vault service over the same files, as after a restart (the old ones are closed).</summary>
    public async Task<VaultService> ReopenAsync()
    {
        if (Vault is not null)
        {
            await Vault.DisposeAsync();
            Audit.Dispose();
        }
        Audit = await AuditLog.OpenAsync(Directory, AuditStore, Time);
        Vault = new VaultService(VaultStore, Audit, Options, Time);
        _opened.Add(Audit);
        _opened.Add(Vault);
        return Vault;
    }

    public async Task<List<AuditRecord>> AuditEntriesAsync()
    {
        var entries = new List<AuditRecord>();
        await foreach (var record in AuditStore.ReadAsync(0, CancellationToken.None))
        {
            entries.Add(record);
        }

        return entries;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var item in Enumerable.Reverse(_opened))
        {
            item.Dispose();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
