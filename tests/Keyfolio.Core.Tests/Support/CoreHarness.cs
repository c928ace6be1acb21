using Keyfolio.Core.Access;
using Keyfolio.Core.Audit;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Connections.Commands;
using Keyfolio.Core.Portfolio;
using Keyfolio.Core.Storage;
using Keyfolio.Core.Sync;
using Keyfolio.Exchanges;
using Keyfolio.Simulator;
using Keyfolio.Vault;
using Keyfolio.Vault.Kdf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Keyfolio.Core.Tests.Support;

/// <summary>
/// The core as the hosts wire it, over a real SQLite file in a temporary data directory, talking real HTTP to the
/// simulator's demo sample (every exchange routed there with the connectors' host overrides).
/// </summary>
internal sealed class CoreHarness : IAsyncDisposable
{
    public const string Password = "violet-harbour-lantern-42";

    private readonly ServiceProvider _provider;

    private CoreHarness(SimulatorHost simulator, string dataDirectory, ServiceProvider provider)
    {
        Simulator = simulator;
        DataDirectory = dataDirectory;
        _provider = provider;
    }

    public SimulatorHost Simulator { get; }

    /// <summary>Every log line the core and the connectors wrote.</summary>
    public CapturingLoggerProvider Logs { get; private init; } = null!;

    public string DataDirectory { get; }

    /// <summary>Leave the data directory in place when disposed, for a second harness to open it (a restart).</summary>
    public bool KeepDataDirectory { get; set; }

    public SimulatorConfig Config { get; } = SimulatorConfig.Demo();

    public ConnectionService Connections => _provider.GetRequiredService<ConnectionService>();

    public SyncService Sync => _provider.GetRequiredService<SyncService>();

    public PortfolioService Portfolio => _provider.GetRequiredService<PortfolioService>();

    public VaultAccess Vault => _provider.GetRequiredService<VaultAccess>();

    public AuditTrail Audit => _provider.GetRequiredService<AuditTrail>();

    public TransferService Transfer => _provider.GetRequiredService<TransferService>();

    public KeyfolioDatabase Database => _provider.GetRequiredService<KeyfolioDatabase>();

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public static async Task<CoreHarness> StartAsync(
        bool createVault = true,
        SimulatorConfig? config = null,
        TimeProvider? time = null,
        Action<IServiceCollection>? configure = null,
        string? dataDirectory = null,
        Action<KeyfolioCoreOptions>? configureOptions = null,
        bool openAudit = true)
    {
        var simulator = await SimulatorHost.StartAsync(config ?? SimulatorConfig.Demo());
        dataDirectory ??= Directory.CreateTempSubdirectory("keyfolio-core-").FullName;
        var options = new KeyfolioCoreOptions
        {
            DataDirectory = dataDirectory,
            Vault = new VaultOptions { Kdf = KdfParameters.Floor },
            Exchanges = new ExchangeClientOptions { MaxRetries = 0, RetryBaseDelay = TimeSpan.FromMilliseconds(10) },
        };
        foreach (var exchange in ExchangeIds.All)
        {
            options.Exchanges.HostOverrides.Add(new ExchangeHostOverride { Exchange = exchange, BaseUrl = simulator.BaseUrl(exchange.ToName()) });
        }

        configureOptions?.Invoke(options);
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        var logs = new CapturingLoggerProvider();
        services.AddKeyfolioCore(options);
        services.AddLogging(logging => logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace).AddProvider(logs));
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        var harness = new CoreHarness(simulator, dataDirectory, provider) { Logs = logs };
        // Without the audit log (a node yet to join), only the schema: opening the log needs its key.
        if (openAudit)
        {
            await provider.GetRequiredService<KeyfolioStartup>().StartAsync(CancellationToken.None);
        }
        else
        {
            await provider.GetRequiredService<KeyfolioStartup>().MigrateAsync(CancellationToken.None);
        }

        if (createVault)
        {
            var created = await harness.Vault.CreateAsync(Password, withRecoveryKey: false, CancellationToken.None);
            Assert.True(created.IsSuccess, created.Error?.ToString());
        }

        return harness;
    }

    /// <summary>The id of the active connection with this label; a label no connection has is returned as it is, an id
    /// no connection has either.</summary>
    public async Task<string> IdOfAsync(string label) =>
        (await Connections.GetAsync(label, vaultLockApplies: false, CancellationToken.None))?.Connection.Id ?? label;

    /// <summary>The demo account with this label, as the simulator holds it.</summary>
    public SimulatorAccount Account(string label) => Config.Accounts.Single(a => a.Label == label);

    public KeyCredentials CredentialsOf(string label, string? passphrase = null)
    {
        var account = Account(label);
        return new KeyCredentials(account.ApiKey, account.Secret, passphrase ?? account.Passphrase);
    }

    public async Task<ConnectionView> AddAsync(string label, Func<AddConnectionRequest, AddConnectionRequest>? adjust = null)
    {
        var result = await TryAddAsync(label, adjust);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Value;
    }

    public async Task<CoreResult<ConnectionView>> TryAddAsync(string label, Func<AddConnectionRequest, AddConnectionRequest>? adjust = null)
    {
        var account = Account(label);
        using var credentials = CredentialsOf(label);
        Assert.True(ExchangeIds.TryParse(account.Exchange, out var exchange));
        var request = new AddConnectionRequest(exchange.Value, label, credentials);
        return await Get<AddConnectionCommand>().AddAsync(adjust is null ? request : adjust(request), CancellationToken.None);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Test queries are constants.")]
    public async Task<long> CountAsync(string sql, string id)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + Database.FilePath);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Changes the database behind the core's back, as someone with write access to the file could.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Test statements are constants.")]
    public async Task<int> TamperAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + Database.FilePath);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Simulator.DisposeAsync();
        SqlDialect.ReleasePooledConnections();
        if (!KeepDataDirectory)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
