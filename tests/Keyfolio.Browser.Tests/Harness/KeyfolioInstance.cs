using Keyfolio.Core;
using Keyfolio.Core.Access;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Connections.Commands;
using Keyfolio.Core.FastConnect;
using Keyfolio.Exchanges;
using Keyfolio.Simulator;
using Keyfolio.Vault.Kdf;
using Keyfolio.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Keyfolio.Browser.Tests.Harness;

/// <summary>
/// One Keyfolio for one test: the real app on a free loopback port with its own data directory, every exchange routed
/// to a simulator. Helpers set up what a test does not exercise itself (a vault, sample connections, Fast connect) through
/// the app's own core, then lock the vault so the test starts where a person would.
/// </summary>
public sealed class KeyfolioInstance : IAsyncDisposable
{
    public const string Password = "violet-harbour-lantern-42";

    private readonly WebApplication _app;
    private readonly string _dataDirectory;

    private KeyfolioInstance(WebApplication app, string dataDirectory, SimulatorHost simulator)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        Simulator = simulator;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        BaseAddress = new Uri(address);
    }

    /// <summary>http://127.0.0.1:PORT</summary>
    public Uri BaseAddress { get; }

    /// <summary>The same app as http://localhost:PORT: another site than the simulator's 127.0.0.1 for the browser.</summary>
    public Uri LocalhostAddress => new UriBuilder(BaseAddress) { Host = "localhost" }.Uri;

    public SimulatorHost Simulator { get; }

    public T Service<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public static async Task<KeyfolioInstance> StartAsync(SimulatorHost simulator, Action<KeyfolioCoreOptions>? configureCore = null)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        var dataDirectory = Path.Combine(Path.GetTempPath(), "keyfolio-browser-flow-" + Guid.NewGuid().ToString("N"));
        var app = KeyfolioWebApp.Build(new KeyfolioWebOptions
        {
            Urls = ["http://127.0.0.1:0"],
            DataDirectory = dataDirectory,
            ConfigureCore = core =>
            {
                core.Vault.Kdf = KdfParameters.Floor;
                core.Exchanges.MaxRetries = 0;
                foreach (var (site, url) in simulator.BaseUrls)
                {
                    var parts = site.Split('-', 2);
                    if (ExchangeIds.TryParse(parts[0], out var exchange))
                    {
                        core.Exchanges.HostOverrides.Add(new ExchangeHostOverride { Exchange = exchange.Value, Region = parts.Length > 1 ? parts[1] : null, BaseUrl = url });
                    }
                }

                configureCore?.Invoke(core);
            },
        });
        await app.StartAsync();
        return new KeyfolioInstance(app, dataDirectory, simulator);
    }

    /// <summary>Creates the vault, adds the sample accounts with these labels as the demo does (a refused key kept with its
    /// refusal, a key that can withdraw kept by the explicit override), and locks it again.</summary>
    public async Task SeedAsync(SimulatorConfig config, params string[] labels)
    {
        ArgumentNullException.ThrowIfNull(config);
        var vault = Service<VaultAccess>();
        if (!await vault.ExistsAsync(CancellationToken.None))
        {
            Assert.True((await vault.CreateAsync(Password, withRecoveryKey: false, CancellationToken.None)).IsSuccess);
        }
        else
        {
            Assert.True((await vault.UnlockAsync(Password, CancellationToken.None)).IsSuccess);
        }

        foreach (var label in labels)
        {
            var account = config.Accounts.Single(a => a.Label == label);
            Assert.True(ExchangeIds.TryParse(account.Exchange, out var exchange));
            using var credentials = new KeyCredentials(account.ApiKey, account.Secret, label == "wrong-passphrase" ? "Not-" + account.Passphrase : account.Passphrase);
            var added = await Service<AddConnectionCommand>().AddAsync(
                new AddConnectionRequest(exchange.Value, label, credentials) { AllowWithdrawal = true, WithdrawalConfirmation = label, KeepWhenRefused = true },
                CancellationToken.None);
            Assert.True(added.IsSuccess, added.Error?.ToString());
        }

        await vault.LockAsync();
    }

    /// <summary>Points Fast connect at the simulator's OAuth client; the callback is the app's own address, as in the demo.</summary>
    public async Task ConfigureFastConnectAsync(SimulatorConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var vault = Service<VaultAccess>();
        Assert.True((await vault.UnlockAsync(Password, CancellationToken.None)).IsSuccess);
        var client = config.OkxOAuth!.Clients[0];
        var okx = Simulator.BaseUrl("okx");
        var fastConnect = Service<OkxFastConnectService>();
        Assert.True((await fastConnect.SaveSettingsAsync(new OkxFastConnectSettings { ClientId = client.ClientId, AuthorizeUrl = new Uri(okx, "/account/oauth/authorize"), ApiBaseUrl = okx }, CancellationToken.None)).IsSuccess);
        Assert.True((await fastConnect.StoreClientSecretAsync(client.ClientSecret, CancellationToken.None)).IsSuccess);
        await vault.LockAsync();
    }

    /// <summary>Opens a page on this Keyfolio and unlocks it through the Unlock page, as a person does.</summary>
    public async Task<WatchedPage> OpenUnlockedAsync(BrowserApp browser, string locale = "en-US", BrowserNewContextOptions? options = null, Uri? address = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var watched = await browser.OpenPageAsync(address ?? BaseAddress, locale, options);
        await watched.GotoAsync("/unlock");
        await watched.Page.Locator("#unlock-password").FillAsync(Password);
        await watched.Page.Locator("#unlock-submit").ClickAsync();
        await watched.WaitForPageAsync("**/exchanges");
        return watched;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
