using Keyfolio.Core.Access;
using Keyfolio.Core.Audit;
using Keyfolio.Core.Connections.Commands;
using Keyfolio.Core.Health;
using Keyfolio.Core.Portfolio;
using Keyfolio.Core.Storage;
using Keyfolio.Exchanges;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Keyfolio.Core.Connections;

internal static class ConnectionServiceCollectionExtensions
{
    /// <summary>The connections' read side, one class per command, the pieces they share and the feed announcing their changes.</summary>
    public static IServiceCollection AddConnections(this IServiceCollection services, KeyfolioCoreOptions options)
    {
        services.AddSingleton<ConnectionChangeFeed>();
        services.AddSingleton(provider => new ConnectionService(
            provider.GetRequiredService<KeyfolioDatabase>(),
            provider.GetRequiredService<VaultAccess>(),
            provider.GetRequiredService<EgressAddressService>(),
            options,
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new StoredKeys(provider.GetRequiredService<VaultAccess>()));
        services.AddSingleton(provider => new KeyVerifier(
            provider.GetRequiredService<VaultAccess>(),
            provider.GetRequiredService<ExchangeConnectors>(),
            provider.GetRequiredService<EgressAddressService>()));
        services.AddSingleton(provider => new ConnectionWrites(
            provider.GetRequiredService<KeyfolioDatabase>(),
            provider.GetRequiredService<VaultAccess>(),
            provider.GetRequiredService<AuditTrail>()));
        services.AddSingleton(provider => new AddConnectionCommand(
            provider.GetRequiredService<KeyfolioDatabase>(),
            provider.GetRequiredService<ConnectionService>(),
            provider.GetRequiredService<VaultAccess>(),
            provider.GetRequiredService<ConnectionWrites>(),
            provider.GetRequiredService<KeyVerifier>(),
            provider.GetRequiredService<SnapshotBuilder>(),
            provider.GetRequiredService<ConnectionChangeFeed>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<AddConnectionCommand>>()));
        services.AddSingleton(provider => new ReplaceKeyCommand(
            provider.GetRequiredService<KeyfolioDatabase>(),
            provider.GetRequiredService<ConnectionService>(),
            provider.GetRequiredService<VaultAccess>(),
            provider.GetRequiredService<StoredKeys>(),
            provider.GetRequiredService<ConnectionWrites>(),
            provider.GetRequiredService<KeyVerifier>(),
            provider.GetRequiredService<SnapshotBuilder>(),
            provider.GetRequiredService<ConnectionChangeFeed>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ReplaceKeyCommand>>()));
        services.AddSingleton(provider => new CorrectCredentialCommand(
            provider.GetRequiredService<KeyfolioDatabase>(),
            provider.GetRequiredService<VaultAccess>(),
            provider.GetRequiredService<StoredKeys>(),
            provider.GetRequiredService<ReplaceKeyCommand>()));
        services.AddSingleton(provider => new RemoveConnectionCommand(
            provider.GetRequiredService<KeyfolioDatabase>(),
            provider.GetRequiredService<VaultAccess>(),
            provider.GetRequiredService<ConnectionWrites>(),
            provider.GetRequiredService<ConnectionChangeFeed>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<RemoveConnectionCommand>>()));
        services.AddSingleton(provider => new CheckConnectionCommand(
            provider.GetRequiredService<KeyfolioDatabase>(),
            provider.GetRequiredService<ConnectionService>(),
            provider.GetRequiredService<StoredKeys>(),
            provider.GetRequiredService<KeyVerifier>(),
            provider.GetRequiredService<SnapshotBuilder>(),
            provider.GetRequiredService<ConnectionChangeFeed>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new SetSyncIntervalCommand(
            provider.GetRequiredService<KeyfolioDatabase>(),
            provider.GetRequiredService<ConnectionService>(),
            provider.GetRequiredService<ConnectionChangeFeed>()));
        services.AddSingleton(provider => new ImportConnectionCommand(
            provider.GetRequiredService<KeyfolioDatabase>(),
            provider.GetRequiredService<ConnectionWrites>(),
            provider.GetRequiredService<ConnectionChangeFeed>()));
        return services;
    }
}
