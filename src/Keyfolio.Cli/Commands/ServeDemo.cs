using Keyfolio.Core;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Demo;
using Keyfolio.Core.FastConnect;
using Keyfolio.Exchanges;
using Keyfolio.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace Keyfolio.Cli.Commands;

/// <summary>
/// What <c>serve --demo</c> runs beside the web app: the exchange simulator with its demo sample (every
/// exchange, healthy and problem accounts, OKX's OAuth server), a throwaway data directory so the user's own
/// data is never touched, the demo vault's master password, and OKX Fast connect configured against the simulator's
/// OAuth client. Disposing stops the simulator and deletes the directory.
/// </summary>
internal sealed class ServeDemo : IAsyncDisposable
{
    private ServeDemo(SimulatorHost simulator, string dataDirectory, string masterPassword)
    {
        Simulator = simulator;
        DataDirectory = dataDirectory;
        MasterPassword = masterPassword;
    }

    /// <summary>Where the keys to try are written (see <see cref="DemoKeysToTry"/>), once the demo has started.</summary>
    public string? KeysToTryFolder { get; private set; }

    /// <summary>The running simulator: its <see cref="SimulatorHost.BaseUrls"/> are where the demo connections point.</summary>
    public SimulatorHost Simulator { get; }

    public string DataDirectory { get; }

    /// <summary>The demo vault's master password: fixed and printed, as the demo holds only sample keys.</summary>
    public const string DemoPassword = "keyfolio-demo-lantern";

    /// <summary>The sample account connected with a deliberately wrong passphrase, to show that status.</summary>
    private const string WrongPassphraseLabel = "wrong-passphrase";

    public string MasterPassword { get; }

    public static async Task<ServeDemo> StartAsync(CancellationToken cancellationToken)
    {
        var config = SimulatorConfig.Demo();
        foreach (var spare in DemoKeysToTry.Accounts(DateTimeOffset.UtcNow))
        {
            config.Accounts.Add(spare);
        }

        var simulator = await SimulatorHost.StartAsync(config, cancellationToken: cancellationToken).ConfigureAwait(false);
        var directory = Directory.CreateTempSubdirectory("keyfolio-demo-").FullName;
        var demo = new ServeDemo(simulator, directory, DemoPassword);
        try
        {
            await demo.SeedAsync(config, cancellationToken).ConfigureAwait(false);
            demo.KeysToTryFolder = await DemoKeysToTry.WriteAsync(directory, cancellationToken).ConfigureAwait(false);
            return demo;
        }
        catch
        {
            await demo.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The core options of the demo: its data directory, every exchange routed to the simulator.</summary>
    public KeyfolioCoreOptions CoreOptions()
    {
        var options = new KeyfolioCoreOptions { DataDirectory = DataDirectory };
        RouteToSimulator(options);
        return options;
    }

    /// <summary>Routes every exchange to the simulator through the connectors' host overrides, each region to its own simulated site.</summary>
    public void RouteToSimulator(KeyfolioCoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (site, url) in Simulator.BaseUrls)
        {
            var parts = site.Split('-', 2);
            if (ExchangeIds.TryParse(parts[0], out var exchange))
            {
                options.Exchanges.HostOverrides.Add(new ExchangeHostOverride { Exchange = exchange.Value, Region = parts.Length > 1 ? parts[1] : null, BaseUrl = url });
            }
        }
    }

    /// <summary>
    /// Connects every sample account through the core, the one labelled wrong-passphrase with a wrong passphrase; the
    /// keys to try are left for the person.
    /// </summary>
    private async Task SeedAsync(SimulatorConfig config, CancellationToken cancellationToken)
    {
        await using var services = new ServiceCollection().AddKeyfolioCore(CoreOptions()).BuildServiceProvider();
        await services.GetRequiredService<KeyfolioStartup>().StartAsync(cancellationToken).ConfigureAwait(false);
        var credentials = new List<KeyCredentials>();
        try
        {
            var connections = new List<DemoConnection>();
            foreach (var account in config.Accounts)
            {
                if (!ExchangeIds.TryParse(account.Exchange, out var exchange) || DemoKeysToTry.Contains(account))
                {
                    continue;
                }

                var passphrase = account.Label == WrongPassphraseLabel ? "Not-" + account.Passphrase : account.Passphrase;
                var key = new KeyCredentials(account.ApiKey, account.Secret, passphrase);
                credentials.Add(key);
                var regions = ExchangeCatalog.Get(exchange.Value).Regions;
                var region = regions.FirstOrDefault(r => string.Equals(r, account.Region, StringComparison.OrdinalIgnoreCase));
                connections.Add(new DemoConnection(new ExchangeEndpoint(exchange.Value, region), account.Label ?? account.ToString(), key));
            }

            using var actor = Keyfolio.Core.Audit.AuditActor.Use("demo");
            var seeded = await services.GetRequiredService<DemoSeeder>().SeedAsync(MasterPassword, connections, cancellationToken).ConfigureAwait(false);
            if (!seeded.IsSuccess)
            {
                throw new InvalidOperationException("The demo could not be seeded: " + seeded.Error.Message);
            }

            await ConfigureFastConnectAsync(services.GetRequiredService<OkxFastConnectService>(), config, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            credentials.ForEach(key => key.Dispose());
        }
    }

    /// <summary>
    /// Points Fast connect at the simulator's OAuth server with its demo client; the redirect URI is left to the app's
    /// own callback address, which the demo client accepts on any loopback port.
    /// </summary>
    private async Task ConfigureFastConnectAsync(OkxFastConnectService fastConnect, SimulatorConfig config, CancellationToken cancellationToken)
    {
        if (config.OkxOAuth?.Clients.FirstOrDefault() is not { } client)
        {
            return;
        }

        var okx = Simulator.BaseUrl("okx");
        var saved = await fastConnect.SaveSettingsAsync(
            new OkxFastConnectSettings { ClientId = client.ClientId, AuthorizeUrl = new Uri(okx, Keyfolio.Exchanges.Okx.FastApi.OkxFastApiOptions.AuthorizePath), ApiBaseUrl = okx },
            cancellationToken).ConfigureAwait(false);
        var stored = saved.IsSuccess ? await fastConnect.StoreClientSecretAsync(client.ClientSecret, cancellationToken).ConfigureAwait(false) : CoreResult<bool>.Failure(saved.Error);
        if (!stored.IsSuccess)
        {
            throw new InvalidOperationException("The demo's Fast connect could not be configured: " + stored.Error.Message);
        }
    }

    public async Task DescribeAsync(TextWriter output)
    {
        var exchanges = string.Join(", ", Simulator.BaseUrls.Select(site => site.Key + " " + site.Value.GetLeftPart(UriPartial.Authority)));
        await output.WriteLineAsync("Simulated exchanges (offline): " + exchanges).ConfigureAwait(false);
        await output.WriteLineAsync("Demo data directory (deleted when you stop): " + DataDirectory).ConfigureAwait(false);
        if (KeysToTryFolder is not null)
        {
            await output.WriteLineAsync("Keys to try adding, typed or as QR images: " + KeysToTryFolder).ConfigureAwait(false);
        }

        await output.WriteLineAsync("Demo master password: " + MasterPassword).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await Simulator.DisposeAsync().ConfigureAwait(false);
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
