using System.Security.Cryptography;
using Keyfolio.Core.Connections;
using Keyfolio.Core.Connections.Commands;
using Keyfolio.Core.FastConnect;
using Keyfolio.Exchanges;
using Keyfolio.Simulator;

namespace Keyfolio.Web.Tests.Harness;

/// <summary>
/// The web app over the simulator's demo sample, with a vault and a few connections added through the core: healthy
/// ones, a key that can withdraw (kept by the explicit override) and one connected with a wrong passphrase. Every
/// secret of the sample — keys' secrets and passphrases, the OAuth client secret, the master password — is a canary
/// that no answer may contain.
/// </summary>
public sealed class SeededApp : IAsyncLifetime
{
    public static readonly string[] Seeded = ["Binance main", "OKX main", "Gate main", "Binance withdraw-enabled", "wrong-passphrase"];

    private SimulatorHost? _simulator;
    private KeyfolioWebFactory? _factory;
    private HttpClient? _client;

    public SimulatorConfig Config { get; } = SimulatorConfig.Demo();

    public SimulatorHost Simulator => _simulator ?? throw new InvalidOperationException("Not started.");

    public KeyfolioWebFactory Factory => _factory ?? throw new InvalidOperationException("Not started.");

    public IReadOnlyDictionary<string, string> Ids { get; private set; } = new Dictionary<string, string>();

    /// <summary>An account that is no canary until a test stores it: a Bitfinex key that can withdraw.</summary>
    public SimulatorAccount Unseeded { get; } = new()
    {
        Exchange = "bitfinex",
        ApiKey = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 43),
        Secret = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 43),
        Label = "Bitfinex spare",
        Uid = "31415926",
        Permissions = ["read", "withdraw"],
        Balances = [new SimulatorBalance { Wallet = "exchange", Asset = "BTC", Free = 0.5m }],
    };

    public async Task InitializeAsync()
    {
        Config.Accounts.Add(Unseeded);
        _simulator = await SimulatorHost.StartAsync(Config);
        _factory = KeyfolioWebFactory.WithSimulator(_simulator);
        foreach (var account in Config.Accounts.Where(a => a != Unseeded))
        {
            Factory.Canaries.Add(account.Secret);
            Factory.Canaries.Add(account.Passphrase);
        }

        Factory.Canaries.Add(Config.OkxOAuth?.Clients[0].ClientSecret);
        Factory.Canaries.Add(KeyfolioWebFactory.Password);
        await Factory.EnsureVaultAsync();
        var connections = Factory.Service<AddConnectionCommand>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var label in Seeded)
        {
            var account = Account(label);
            using var credentials = new KeyCredentials(account.ApiKey, account.Secret, label == "wrong-passphrase" ? "Not-" + account.Passphrase : account.Passphrase);
            Assert.True(ExchangeIds.TryParse(account.Exchange, out var exchange));
            var added = await connections.AddAsync(
                new AddConnectionRequest(exchange.Value, label, credentials) { AllowWithdrawal = true, WithdrawalConfirmation = label, KeepWhenRefused = true },
                CancellationToken.None);
            Assert.True(added.IsSuccess, added.Error?.ToString());
            ids[label] = added.Value.Connection.Id;
        }

        Ids = ids;
    }

    /// <summary>
    /// One signed-in client for the tests of a class: unlocking is limited to five attempts a minute per address, and
    /// the test server gives every client the same one.
    /// </summary>
    public async Task<HttpClient> ClientAsync() => _client ??= await Factory.CreateSignedInClientAsync();

    public SimulatorAccount Account(string label) => Config.Accounts.Single(a => a.Label == label);

    /// <summary>Configures Fast connect against the simulator's OAuth client, as the demo does; the test server's own
    /// address (https://localhost) is not one the client registered, so the callback address is given.</summary>
    public async Task ConfigureFastConnectAsync(Uri? redirectUri = null)
    {
        var fastConnect = Factory.Service<OkxFastConnectService>();
        var client = Config.OkxOAuth!.Clients[0];
        var okx = Simulator.BaseUrl("okx");
        var saved = await fastConnect.SaveSettingsAsync(new OkxFastConnectSettings { ClientId = client.ClientId, AuthorizeUrl = new Uri(okx, "/account/oauth/authorize"), ApiBaseUrl = okx, RedirectUri = redirectUri }, CancellationToken.None);
        Assert.True(saved.IsSuccess, saved.Error?.ToString());
        var stored = await fastConnect.StoreClientSecretAsync(client.ClientSecret, CancellationToken.None);
        Assert.True(stored.IsSuccess, stored.Error?.ToString());
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        _factory?.Dispose();
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }
}
