using Keyfolio.Exchanges;
using Keyfolio.Vault;

namespace Keyfolio.Core;

/// <summary>Tunables of the core. Never holds a secret.</summary>
public sealed class KeyfolioCoreOptions
{
    /// <summary>Where the database, <c>audit.key</c>, <c>audit.head</c> and per-key exchange state live.</summary>
    public required string DataDirectory { get; set; }

    /// <summary>
    /// Where the connections, snapshots, vault header and audit log are kept: the SQLite file in the data directory
    /// (the default), or a PostgreSQL database (server mode).
    /// </summary>
    public Storage.StoreLocation Store { get; set; } = Storage.StoreLocation.Sqlite;

    /// <summary>How often the scheduler refreshes a connection without its own interval.</summary>
    public TimeSpan DefaultSyncInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The shortest time between two manual refreshes of one connection.</summary>
    public TimeSpan ManualRefreshCooldown { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a refresh reads the key's facts again (they change rarely); they are always read once per process.</summary>
    public TimeSpan FactsRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Connections refreshed at once; the exchanges' rate-limit budgets pace the calls within it.</summary>
    public int MaxParallelRefreshes { get; set; } = 64;

    /// <summary>
    /// How long a server's claim on a connection it is refreshing lasts unless renewed (every third of it while the
    /// refresh runs): when a server dies mid-refresh, another takes the connection over at most this long after.
    /// </summary>
    public TimeSpan SyncLeasePeriod { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The name of the egress address this node sends its exchange calls from when other nodes on the same database
    /// send from it too (behind one NAT gateway, say); null (the default) when the address is this node's own. Nodes
    /// naming the same address count one another through the database and split its per-IP rate limits evenly. Any
    /// name the nodes agree on; at most 100 printable characters.
    /// </summary>
    public string? SharedEgressAddress { get; set; }

    /// <summary>Every snapshot is kept this long; older ones are thinned to the last of each day.</summary>
    public TimeSpan KeepEverySnapshotFor { get; set; } = TimeSpan.FromDays(30);

    public VaultOptions Vault { get; set; } = new();

    /// <summary>When alerts are raised and how their deliveries are retried.</summary>
    public Alerts.AlertOptions Alerts { get; set; } = new();

    /// <summary>
    /// The operator's Fast API client as configured: used until the person saves the client on Settings, whose values
    /// then win. Holds no secret: the client secret is kept in the vault.
    /// </summary>
    public FastConnect.FastConnectDefaults FastConnect { get; set; } = new();

    /// <summary><c>EgressIp:EchoUrl</c>: the address-discovery service asked while none is chosen on Settings; null keeps discovery off.</summary>
    public Uri? EgressEchoUrl { get; set; }

    /// <summary>The connectors' options; <see cref="ExchangeClientOptions.StateDirectory"/> defaults to <c>exchanges</c> in the data directory.</summary>
    public ExchangeClientOptions Exchanges { get; set; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range and the fix.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(DataDirectory, nameof(DataDirectory));
        if (DefaultSyncInterval < TimeSpan.FromSeconds(10))
        {
            throw new ArgumentException($"{nameof(DefaultSyncInterval)} must be at least 10 seconds.", nameof(DefaultSyncInterval));
        }

        if (ManualRefreshCooldown < TimeSpan.Zero || FactsRefreshInterval <= TimeSpan.Zero || KeepEverySnapshotFor < TimeSpan.FromDays(1))
        {
            throw new ArgumentException($"{nameof(ManualRefreshCooldown)} must not be negative, {nameof(FactsRefreshInterval)} must be positive and {nameof(KeepEverySnapshotFor)} at least a day.", nameof(ManualRefreshCooldown));
        }

        if (MaxParallelRefreshes is < 1 or > 1024)
        {
            throw new ArgumentException($"{nameof(MaxParallelRefreshes)} must be between 1 and 1024.", nameof(MaxParallelRefreshes));
        }

        if (SyncLeasePeriod < TimeSpan.FromSeconds(3))
        {
            throw new ArgumentException($"{nameof(SyncLeasePeriod)} must be at least 3 seconds.", nameof(SyncLeasePeriod));
        }

        if (SharedEgressAddress is { } shared && (shared.Length > 100 || string.IsNullOrWhiteSpace(shared) || shared.Any(char.IsControl)))
        {
            throw new ArgumentException($"{nameof(SharedEgressAddress)} must be 1 to 100 printable characters, or unset.", nameof(SharedEgressAddress));
        }

        Vault.Validate();
        Alerts.Validate();
    }
}
