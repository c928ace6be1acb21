using Keyfolio.Core.Access;
using Keyfolio.Core.Audit;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Connections.Commands;
using Keyfolio.Core.Demo;
using Keyfolio.Core.FastConnect;
using Keyfolio.Core.Health;
using Keyfolio.Core.Portfolio;
using Keyfolio.Core.Pricing;
using Keyfolio.Core.Settings;
using Keyfolio.Core.Storage;
using Keyfolio.Core.Sync;
using Keyfolio.Exchanges;
using Keyfolio.Vault;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Keyfolio.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers every core service (connections, health, statuses, sync, pricing, portfolio, audit, storage,
    /// settings, demo seeding, OKX Fast connect) and the exchange connectors, with every signed call audited and, on
    /// PostgreSQL, their nonces kept in the database (<see cref="DatabaseNonceStore"/>). Run
    /// <see cref="KeyfolioStartup"/> before use.
    /// </summary>
    public static IServiceCollection AddKeyfolioCore(this IServiceCollection services, KeyfolioCoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddSingleton(provider => new KeyfolioDatabase(options.DataDirectory, provider.GetRequiredService<TimeProvider>(), options.Store));
        services.AddSingleton<KeyfolioStartup>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<Backup.BackupService>();
        services.AddSingleton<StoreTransfer>();
        services.AddSingleton<NodeJoin>();
        services.AddSingleton<IExchangeCallObserver, AuditCallObserver>();
        services.AddSingleton(provider => new VaultAccess(
            provider.GetRequiredService<KeyfolioDatabase>(),
            provider.GetRequiredService<AuditTrail>(),
            options.Vault,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<VaultService>>()));
        services.AddSingleton<SettingsStore>();
        services.AddSingleton<PreferencesService>();
        services.AddHttpClient(nameof(EgressAddressService));
        services.AddSingleton(provider => new EgressAddressService(
            provider.GetRequiredService<SettingsStore>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(EgressAddressService)),
            options.EgressEchoUrl));
        services.AddSingleton<PriceService>();
        services.AddSingleton(provider => new SnapshotBuilder(provider.GetRequiredService<PriceService>()));
        services.AddConnections(options);
        services.AddSingleton(provider => new SyncService(
            provider.GetRequiredService<KeyfolioDatabase>(),
            provider.GetRequiredService<ConnectionService>(),
            provider.GetRequiredService<StoredKeys>(),
            provider.GetRequiredService<ConnectionChangeFeed>(),
            provider.GetRequiredService<VaultAccess>(),
            provider.GetRequiredService<ExchangeConnectors>(),
            provider.GetRequiredService<SnapshotBuilder>(),
            provider.GetRequiredService<EgressAddressService>(),
            options,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<SyncService>>()));
        services.AddSingleton<SyncScheduler>();
        services.AddSingleton(provider => new EgressAddressNodes(
            provider.GetRequiredService<KeyfolioDatabase>(),
            provider.GetRequiredService<ExchangeConnectors>(),
            options,
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new PortfolioService(
            provider.GetRequiredService<KeyfolioDatabase>(),
            provider.GetRequiredService<ConnectionService>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new OkxFastConnectService(
            provider.GetRequiredService<KeyfolioDatabase>(),
            provider.GetRequiredService<SettingsStore>(),
            provider.GetRequiredService<VaultAccess>(),
            provider.GetRequiredService<AuditTrail>(),
            provider.GetRequiredService<ExchangeConnectors>(),
            provider.GetRequiredService<ConnectionService>(),
            provider.GetRequiredService<AddConnectionCommand>(),
            provider.GetRequiredService<TimeProvider>(),
            options.FastConnect));
        services.AddSingleton(provider => new TransferService(
            provider.GetRequiredService<ConnectionService>(),
            provider.GetRequiredService<ImportConnectionCommand>(),
            provider.GetRequiredService<VaultAccess>()));
        services.AddSingleton(provider => new Alerts.AlertRulesService(provider.GetRequiredService<SettingsStore>(), options.Alerts, provider.GetRequiredService<AuditTrail>()));
        services.AddSingleton(provider => new Alerts.AlertMonitor(
            provider.GetRequiredService<KeyfolioDatabase>(),
            provider.GetRequiredService<ConnectionService>(),
            provider.GetRequiredService<AuditTrail>(),
            provider.GetRequiredService<Alerts.AlertRulesService>(),
            provider.GetRequiredService<ConnectionChangeFeed>(),
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<Alerts.AlertSecrets>();
        services.AddSingleton(provider => new Alerts.AlertChannelSecrets(
            provider.GetRequiredService<KeyfolioDatabase>(),
            provider.GetRequiredService<VaultAccess>(),
            provider.GetRequiredService<Alerts.AlertSecrets>(),
            provider.GetRequiredService<SettingsStore>(),
            options.Alerts));

        // The alert channels' own client: its requests are not logged, since a webhook's address can be a credential.
        services.AddHttpClient(nameof(Alerts.AlertDispatcher), client => client.Timeout = TimeSpan.FromSeconds(15)).RemoveAllLoggers();
        services.AddSingleton(provider => new Alerts.AlertDispatcher(
            provider.GetRequiredService<KeyfolioDatabase>(),
            provider.GetRequiredService<AuditTrail>(),
            options.Alerts,
            provider.GetRequiredService<Alerts.AlertRulesService>(),
            provider.GetRequiredService<Alerts.AlertChannelSecrets>(),
            [
                new Alerts.WebhookChannel(
                    options.Alerts,
                    provider.GetRequiredService<Alerts.AlertSecrets>(),
                    provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(Alerts.AlertDispatcher)),
                    provider.GetRequiredService<TimeProvider>()),
                new Alerts.EmailChannel(options.Alerts, provider.GetRequiredService<Alerts.AlertSecrets>(), provider.GetRequiredService<TimeProvider>()),
            ],
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Alerts.AlertDispatcher>>()));
        services.AddSingleton(provider => new DemoSeeder(
            provider.GetRequiredService<VaultAccess>(),
            provider.GetRequiredService<AddConnectionCommand>(),
            new DemoHistory(provider.GetRequiredService<KeyfolioDatabase>(), provider.GetRequiredService<TimeProvider>())));
        string ExchangeState() => options.Exchanges.StateDirectory ?? Path.Combine(Path.GetFullPath(options.DataDirectory), "exchanges");
        // On PostgreSQL every server and command on the database draws from one nonce sequence per key, above the files used before.
        services.AddSingleton<INonceStore>(provider =>
        {
            var database = provider.GetRequiredService<KeyfolioDatabase>();
            var time = provider.GetRequiredService<TimeProvider>();
            var files = new FileNonceStore(ExchangeState(), time);
            return database.IsEmbedded ? files : new DatabaseNonceStore(database, files, time);
        });

        services.AddKeyfolioExchanges(exchanges =>
        {
            var source = options.Exchanges;
            exchanges.Timeout = source.Timeout;
            exchanges.MaxRetries = source.MaxRetries;
            exchanges.RetryBaseDelay = source.RetryBaseDelay;
            exchanges.MaxRateLimitWait = source.MaxRateLimitWait;
            exchanges.RespectRateLimits = source.RespectRateLimits;
            exchanges.ClockResyncInterval = source.ClockResyncInterval;
            exchanges.StateDirectory = ExchangeState();
            foreach (var hostOverride in source.HostOverrides)
            {
                exchanges.HostOverrides.Add(hostOverride);
            }
        });
        return services;
    }
}
